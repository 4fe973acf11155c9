using System.Globalization;
using RulesMesh.Capture;
using RulesMesh.Translation.Backends;
using RulesMesh.Translation.Routes;

namespace RulesMesh.Translation.Istio;

/// <summary>
/// One waypoint while its proxy is built: the services it owns, by host, and the route targets it does not own, which
/// get <c>outbound</c> clusters (docs/spec/istio-waypoint-output.md §3, §4.2).
/// </summary>
internal sealed class IstioWaypointScope
{
    private readonly Dictionary<string, IstioOwnedService> _byHost = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BackendObject> _outbound = new(StringComparer.Ordinal);

    public IstioWaypointScope(GatewayCapture waypoint, IReadOnlyList<IstioOwnedService> owned)
    {
        Waypoint = waypoint;
        Owned = owned;
        foreach (var service in owned)
        {
            _byHost.TryAdd(service.Host, service);
        }
    }

    /// <summary>The waypoint.</summary>
    public GatewayCapture Waypoint { get; }

    /// <summary>Its services, in istiod's order.</summary>
    public IReadOnlyList<IstioOwnedService> Owned { get; }

    /// <summary>The route targets that need <c>outbound</c> clusters, in the order routes named them.</summary>
    public IEnumerable<BackendObject> Outbound => _outbound.Values;

    /// <summary>
    /// The cluster a route sends <paramref name="backend"/>'s traffic to: the owned service's <c>inbound-vip</c> cluster
    /// (<c>http</c> unless the port is known and not HTTP), else its <c>outbound</c> cluster. An unowned or
    /// MESH_EXTERNAL target also gets its <c>outbound</c> cluster emitted.
    /// </summary>
    public string Destination(BackendObject backend)
    {
        var port = backend.Port.Port;
        _byHost.TryGetValue(backend.Host, out var owner);
        if (owner is null || owner.MeshExternal)
        {
            _outbound.TryAdd(backend.ClusterName, backend);
        }

        return owner is null ? backend.ClusterName : InboundVip(owner, port);
    }

    // An owned host's inbound-vip cluster for a port: http unless the port is known and not HTTP.
    private static string InboundVip(IstioOwnedService owner, int port)
        => IstioWaypointNames.InboundVip(port, owner.Port(port) is { } owned && !owned.Protocol.HasHttpChain ? "tcp" : "http", null, owner.Host);

    /// <summary>
    /// The cluster a route's backendRef (or a mirror's) sends to, through the backends stage's resolution and
    /// <see cref="Destination"/>, and the backend. When it does not resolve: no backend, a ResolvedRefs status on
    /// <paramref name="parent"/> for a failure, and the cluster of the host istiod would still name (none emitted), or
    /// <c>UnknownService</c> when there is no host.
    /// </summary>
    public (string Cluster, BackendObject? Backend) Resolve(BackendRefRequest request, ParentReference parent, TranslationContext context)
    {
        // Every route a waypoint applies is a mesh route: Gateway-parented routes never reach it (IstioGatewayRoutes).
        var resolution = context.Pipeline.Stage<IBackendRefRule>().ResolveBackendRef(request with { MeshRoute = true }, context);
        if (resolution?.Backend is { } backend)
        {
            return (Destination(backend), backend);
        }

        if (resolution is null || resolution.FailureReason is not null)
        {
            RouteStatusCollector.For(context).Unresolved(request.Route, parent, resolution?.FailureReason ?? "InvalidKind", resolution?.FailureMessage ?? $"backendRef {request.Name} did not resolve");
        }

        // A host istiod could not serve is still the destination (no cluster is emitted for it); no host at all is UnknownService.
        return (ServedElsewhere(resolution, request.Port, context)
            ?? (resolution?.Host is { } host && request.Port is { } port ? UnservedDestination(host, port) : "UnknownService"), null);
    }

    /// <summary>
    /// The destination of a backendRef that did not resolve in the route's namespace but whose host a service in another
    /// namespace serves on that port, as it is handed to <see cref="Destination"/>; null when none does. The route's
    /// status still says the backend was not found (istio-gatewayapi.md §7: the route's namespace only), but the
    /// waypoint's referenced destinations are collected with no namespace filter (istio-waypoint-output.md §3) and get
    /// sidecar-style outbound clusters. Which service then stands for the host is ours, as istiod's service lookup is
    /// understood (not restated by the spec): one in the waypoint's namespace first, then <see cref="IstioHostPreference"/>;
    /// <c>exportTo</c> is not consulted.
    /// </summary>
    public string? ServedElsewhere(BackendResolution? resolution, int? port, TranslationContext context)
    {
        if (resolution?.Host is not { } host || port is not { } number)
        {
            return null;
        }

        var waypointNamespace = Waypoint.Name.Namespace;
        var backend = BackendIndex.For(context).ForHost(host, number)
            .OrderBy(b => b.Service.Namespace == waypointNamespace ? 0 : 1)
            .ThenBy(static b => b, IstioHostPreference.Instance)
            .FirstOrDefault();
        return backend is null ? null : Destination(backend);
    }

    /// <summary>The cluster name of a destination no backend serves: an owned host's <c>inbound-vip</c> (<c>http</c> on a port it does not declare), else <c>outbound</c>.</summary>
    private string UnservedDestination(string host, int port)
        => _byHost.TryGetValue(host, out var owner) ? InboundVip(owner, port) : $"outbound|{port.ToString(CultureInfo.InvariantCulture)}||{host}";
}
