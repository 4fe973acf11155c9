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

    /// <summary>Runs the pipeline's <see cref="IServiceCaptureRule"/> rules on <paramref name="service"/>: the first deciding verdict stands.</summary>
    public static CaptureDecision Decide(RulePipeline pipeline, MeshService service, RuleContext context)
    {
        var trail = new RuleTrail();
        var verdict = pipeline.Stage<IServiceCaptureRule>().Evaluate(service, context.WithTrail(trail));
        return trail.DecidingRule is { } rule
            ? new CaptureDecision(verdict.Outcome == CaptureOutcome.Captured ? verdict.Waypoint : null, rule, verdict.Reason, trail.Steps)
            : new CaptureDecision(null, null, trail.Steps.Count == 0 ? "no capture rule is active in this profile" : "no rule names a waypoint for it", trail.Steps);
    }
}
