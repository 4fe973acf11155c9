using RulesMesh.Capture;
using RulesMesh.Mesh;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;

namespace RulesMesh.Engine;

/// <summary>One Gateway judged by the capture rules; null when there is no such Gateway.</summary>
internal sealed class GatewayJudgementItem(NamespacedName name) : KeyedItem<NamespacedName>(name, ItemOrder.Captures)
{
    public NamespacedName Name => Key;

    public override ItemOrder Order => new(Stage, Name.Namespace, 0, "Gateway", Name.Namespace, Name.Name, string.Empty);

    public override object? Compute(ItemFrame frame)
        => frame.Store.Get<Gateway>(Name.Namespace, Name.Name) is { } gateway
            ? new GatewayJudgement(gateway, WaypointDecision.Decide(frame.Pipeline, gateway, frame.Rules), frame.Pipeline.Stage<IWaypointListenerRule>().Evaluate(gateway, frame.Rules))
            : null;

    public override bool SameValue(object? before, object? after) => ReferenceEquals(before, after);
}
