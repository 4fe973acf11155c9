using RulesMesh.Translation.Proxyless;

namespace RulesMesh.Engine;

/// <summary>
/// One service for proxyless gRPC clients (the proxyless stage, <see cref="IProxylessServiceRule"/>): its API
/// listeners, route configurations, clusters and endpoints, and who sees them; null when the input object is no service.
/// Kept only when <see cref="Rules.EngineSettings.ServeProxylessClients"/> is on.
/// </summary>
internal sealed class ProxylessServiceItem(InputKey key, string kind)
    : InputItem(key, kind, ItemOrder.Clusters)
{
    /// <summary>Orders these items after the shared clusters, so their warnings come after the waypoint outputs' in a full run and a step alike.</summary>
    private const string Scope = "proxyless";

    public override ItemOrder Order => new(Stage, Scope, 1, Kind, Key.Namespace, Key.Name, Key.Type.FullName ?? string.Empty);

    public override object? Compute(ItemFrame frame)
        => ModelItem.Of(frame, Key, Kind) is { } service
            ? frame.Pipeline.Stage<IProxylessServiceRule>().ProxylessService(service, frame.Context) ?? ProxylessService.None
            : null;

    public override bool SameValue(object? before, object? after)
        => (before, after) switch
        {
            (null, null) => true,
            (ProxylessService a, ProxylessService b) => a.Same(b),
            _ => false,
        };
}
