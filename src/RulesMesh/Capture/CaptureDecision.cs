using k8s.Models;
using RulesMesh.Mesh;
using RulesMesh.Rules;

namespace RulesMesh.Capture;

/// <summary>The capture stage's final word on one service, with every rule's step for <c>--explain</c>.</summary>
/// <param name="Waypoint">The waypoint that captures the service, or null.</param>
/// <param name="DecidingRule">The rule whose verdict stood, or null when no rule decided.</param>
/// <param name="Reason">Why, in words a user understands.</param>
/// <param name="Trace">Every rule consulted, in order.</param>
public sealed record CaptureDecision(NamespacedName? Waypoint, string? DecidingRule, string Reason, IReadOnlyList<RuleTrace> Trace)
{
    /// <summary>True when a waypoint captures the service.</summary>
    public bool IsCaptured => Waypoint is not null;

    /// <summary>The status conditions the deciding rule's profile writes to the service; empty when it writes none.</summary>
    public IReadOnlyList<V1Condition> Conditions { get; init; } = [];

    /// <summary>A canary waypoint that owns the service besides <see cref="Waypoint"/>, or null.</summary>
    public WaypointCanary? Canary { get; init; }

    /// <summary>Every waypoint that owns the service: <see cref="Waypoint"/>, then the canary's.</summary>
    public IEnumerable<NamespacedName> Waypoints
        => Waypoint is not { } primary ? [] : Canary is { } canary ? [primary, canary.Waypoint] : [primary];

    /// <summary>Runs the pipeline's <see cref="IServiceCaptureRule"/> rules on <paramref name="service"/>: the first deciding verdict stands.</summary>
    public static CaptureDecision Decide(RulePipeline pipeline, MeshService service, RuleContext context)
    {
        var trail = new RuleTrail();
        var verdict = pipeline.Stage<IServiceCaptureRule>().Evaluate(service, context.WithTrail(trail));
        return trail.DecidingRule is { } rule
            ? new CaptureDecision(verdict.Outcome == CaptureOutcome.Captured ? verdict.Waypoint : null, rule, verdict.Reason, trail.Steps)
            {
                Conditions = verdict.Conditions ?? [],
                Canary = verdict.Outcome == CaptureOutcome.Captured ? verdict.Canary : null,
            }
            : new CaptureDecision(null, null, trail.Steps.Count == 0 ? "no capture rule is active in this profile" : "no rule names a waypoint for it", trail.Steps);
    }
}
