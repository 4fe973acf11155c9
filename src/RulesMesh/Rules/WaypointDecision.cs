namespace RulesMesh.Rules;

/// <summary>Whether a Gateway is a waypoint that captures services, with every rule's step.</summary>
/// <param name="IsWaypoint">True when at least one rule passed the Gateway and none failed it.</param>
/// <param name="DecidingRule">The rule that failed it, or the last that passed it.</param>
/// <param name="Reason">Why, in words a user understands.</param>
/// <param name="Trace">Every rule consulted, in order.</param>
public sealed record WaypointDecision(bool IsWaypoint, string? DecidingRule, string Reason, IReadOnlyList<RuleTrace> Trace);
