using RulesMesh.Capture;

namespace RulesMesh.Engine;

/// <summary>A service with the waypoint decision the capture rules made for it; null when the input object is no service.</summary>
internal sealed class CaptureItem(InputKey key, string kind) : InputItem(key, kind, ItemOrder.Captures)
{
    public override object? Compute(ItemFrame frame)
        => ModelItem.Of(frame, Key, Kind) is { } service ? new ServiceCapture(service, CaptureDecision.Decide(frame.Pipeline, service, frame.Rules)) : null;

    public override bool SameValue(object? before, object? after)
        => (before, after) switch
        {
            (null, null) => true,
            (ServiceCapture a, ServiceCapture b) => ReferenceEquals(a.Service, b.Service)
                && a.Decision.Waypoint == b.Decision.Waypoint
                && a.Decision.DecidingRule == b.Decision.DecidingRule
                && a.Decision.Reason == b.Decision.Reason
                && a.Decision.Trace.SequenceEqual(b.Decision.Trace)
                && a.Decision.Canary == b.Decision.Canary
                && a.Decision.Conditions.Select(Text).SequenceEqual(b.Decision.Conditions.Select(Text)),
            _ => false,
        };

    private static (string, string, string, string) Text(k8s.Models.V1Condition condition)
        => (condition.Type, condition.Status, condition.Reason, condition.Message);
}
