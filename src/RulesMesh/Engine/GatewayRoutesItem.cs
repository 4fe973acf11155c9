using RulesMesh.Mesh;
using RulesMesh.Translation.Routes;

namespace RulesMesh.Engine;

/// <summary>The routes attached to a waypoint Gateway itself, which apply to every service it captures (kgateway).</summary>
internal sealed class GatewayRoutesItem(NamespacedName waypoint)
    : KeyedItem<NamespacedName>(waypoint, ItemOrder.Gateways)
{
    public override ItemOrder Order => new(Stage, Key.ToString(), 0, string.Empty, string.Empty, string.Empty, string.Empty);

    public override object? Compute(ItemFrame frame)
        => frame.Engine.Gateway(frame, Key) is { } gateway ? frame.Pipeline.Stage<IGatewayRoutesRule>().GatewayRoutes(gateway, frame.Context) ?? [] : [];

    public override bool SameValue(object? before, object? after)
        => before is IReadOnlyList<AttachedRoute> a && after is IReadOnlyList<AttachedRoute> b && a.SequenceEqual(b);

    public static IReadOnlyList<AttachedRoute> Of(ItemFrame frame, NamespacedName waypoint) => (IReadOnlyList<AttachedRoute>)frame.Get(new GatewayRoutesItem(waypoint))!;
}
