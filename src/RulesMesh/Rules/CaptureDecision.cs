using RulesMesh.Mesh;

namespace RulesMesh.Rules;

/// <summary>The capture stage's final word on one service, with every rule's step for <c>--explain</c>.</summary>
/// <param name="Waypoint">The waypoint that captures the service, or null.</param>
/// <param name="DecidingRule">The rule whose verdict stood, or null when no rule decided.</param>
/// <param name="Reason">Why, in words a user understands.</param>
/// <param name="Trace">Every rule consulted, in order.</param>
public sealed record CaptureDecision(NamespacedName? Waypoint, string? DecidingRule, string Reason, IReadOnlyList<RuleTrace> Trace)
{
    /// <summary>True when a waypoint captures the service.</summary>
    public bool IsCaptured => Waypoint is not null;
}
