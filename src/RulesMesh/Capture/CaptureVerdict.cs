using k8s.Models;
using RulesMesh.Mesh;
using RulesMesh.Rules;

namespace RulesMesh.Capture;

/// <summary>What one capture rule says about one service.</summary>
public enum CaptureOutcome
{
    /// <summary>The rule has no opinion; the next rule decides.</summary>
    Abstain,

    /// <summary>The service uses the named waypoint.</summary>
    Captured,

    /// <summary>The service explicitly uses no waypoint; no later rule may capture it.</summary>
    NotCaptured,
}

/// <summary>A capture rule's answer and the reason, in words a user understands. Any answer but Abstain decides.</summary>
public readonly record struct CaptureVerdict(CaptureOutcome Outcome, NamespacedName? Waypoint, string Reason) : IRuleVerdict
{
    /// <inheritdoc />
    public bool Decides => Outcome != CaptureOutcome.Abstain;

    string IRuleVerdict.Outcome => Outcome.ToString();

    /// <summary>
    /// The conditions istiod writes to the service's status for this decision (istio profile only,
    /// docs/spec/istio-gatewayapi.md §6.4 item 6); null when the rule's profile writes none.
    /// </summary>
    public IReadOnlyList<V1Condition>? Conditions { get; init; }

    /// <summary>The canary waypoint that also owns the service, with its share of the traffic; null when there is none.</summary>
    public WaypointCanary? Canary { get; init; }

    /// <summary>No opinion.</summary>
    public static CaptureVerdict Abstain(string reason) => new(CaptureOutcome.Abstain, null, reason);

    /// <summary>Captured by <paramref name="waypoint"/>.</summary>
    public static CaptureVerdict Captured(NamespacedName waypoint, string reason) => new(CaptureOutcome.Captured, waypoint, reason);

    /// <summary>Explicitly not captured.</summary>
    public static CaptureVerdict NotCaptured(string reason) => new(CaptureOutcome.NotCaptured, null, reason);
}
