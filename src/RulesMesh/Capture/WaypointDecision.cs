using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using RulesMesh.Rules;

namespace RulesMesh.Capture;

/// <summary>Whether a Gateway is a waypoint that captures services, with every rule's step.</summary>
/// <param name="IsWaypoint">True when at least one rule passed the Gateway and none failed it.</param>
/// <param name="DecidingRule">The rule that failed it, or the last that passed it.</param>
/// <param name="Reason">Why, in words a user understands.</param>
/// <param name="Trace">Every rule consulted, in order.</param>
public sealed record WaypointDecision(bool IsWaypoint, string? DecidingRule, string Reason, IReadOnlyList<RuleTrace> Trace)
{
    /// <summary>
    /// Runs the pipeline's <see cref="IWaypointRule"/> rules on <paramref name="gateway"/>: a failure decides; when none
    /// fails, the Gateway is a waypoint if at least one rule passed it.
    /// </summary>
    public static WaypointDecision Decide(RulePipeline pipeline, Gateway gateway, RuleContext context)
    {
        var trail = new RuleTrail();
        var verdict = pipeline.Stage<IWaypointRule>().Evaluate(gateway, context.WithTrail(trail));
        if (trail.DecidingRule is { } failedBy)
        {
            return new WaypointDecision(false, failedBy, verdict.Reason, trail.Steps);
        }

        var passes = trail.Steps.Where(static step => step.Outcome == nameof(GateOutcome.Pass)).ToList();
        return passes.Count > 0
            ? new WaypointDecision(true, passes[^1].Rule, string.Join("; ", passes.Select(static step => step.Reason)), trail.Steps)
            : new WaypointDecision(false, null, trail.Steps.Count == 0 ? "no waypoint rule is active in this profile" : "no rule accepted it as a waypoint", trail.Steps);
    }
}
