using System.Collections.Immutable;
using Envoy.Config.Cluster.V3;
using Envoy.Config.Endpoint.V3;
using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;
using Google.Protobuf;
using RulesMesh.Capture;
using RulesMesh.Mesh;
using RulesMesh.Models.GatewayKgatewayDev.V1alpha1;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using RulesMesh.Translation;
using RulesMesh.Translation.Output;

namespace RulesMesh.Engine;

/// <summary>
/// Everything the engine holds after a step, immutable, so readers (an xDS server) take it without locks: the resources
/// every proxy receives (<see cref="Shared"/>: the backends stage's clusters and endpoints), each proxy's own, the
/// statuses to write back and the warnings.
/// </summary>
public sealed class EngineState
{
    /// <summary>The state before the first step: nothing.</summary>
    public static EngineState Empty { get; } = new(0, ResourceSet.Empty, ImmutableSortedDictionary.Create<NamespacedName, ProxyState>(ProxyOrder.Instance), StatusMaps.Empty, []);

    internal EngineState(long revision, ResourceSet shared, ImmutableSortedDictionary<NamespacedName, ProxyState> proxies, StatusMaps statuses, ImmutableArray<TranslationWarning> warnings, ProxylessState? proxyless = null)
    {
        Proxyless = proxyless ?? ProxylessState.Empty;
        Revision = revision;
        Shared = shared;
        Proxies = proxies;
        Statuses = statuses;
        Warnings = warnings;
    }

    /// <summary>How many steps made this state.</summary>
    public long Revision { get; }

    /// <summary>The resources every proxy receives (kgateway sends every Gateway all backends' clusters).</summary>
    public ResourceSet Shared { get; }

    /// <summary>Every Gateway that is a proxy of its own, by namespace and name.</summary>
    public ImmutableSortedDictionary<NamespacedName, ProxyState> Proxies { get; }

    /// <summary>The Gateway, HTTPRoute, GRPCRoute and BackendConfigPolicy statuses, each by <c>ns/name</c>.</summary>
    public StatusMaps Statuses { get; }

    /// <summary>What proxyless gRPC clients receive (empty unless <see cref="Rules.EngineSettings.ServeProxylessClients"/> is on; docs/proxyless.md).</summary>
    public ProxylessState Proxyless { get; }

    /// <summary>Problems that did not stop translation, in the order the stages met them.</summary>
    public ImmutableArray<TranslationWarning> Warnings { get; }

    /// <summary>What <paramref name="proxy"/> receives: the shared resources and its own (a shared resource wins over an own one of the same name, as in <see cref="ToSnapshot"/>).</summary>
    public ResourceSet ResourcesOf(NamespacedName proxy)
    {
        var own = Proxies.TryGetValue(proxy, out var state) ? state.Own : ResourceSet.Empty;
        return ResourceSet.Of(Enum.GetValues<XdsResourceType>().SelectMany(type => own[type].Values.Concat(Shared[type].Values).Select(r => (type, r))));
    }

    /// <summary>
    /// The whole state as one document: the shared resources and every proxy's, clusters and endpoints once per name
    /// (shared first, then waypoints, then ordinary Gateways, each by name), listeners and route configurations of every
    /// proxy (two Gateways' resources of one name both kept, as each is its own proxy).
    /// </summary>
    public XdsSnapshot ToSnapshot()
    {
        var ordered = Proxies.Values.OrderBy(static p => p.IsWaypoint ? 0 : 1).ToList();
        return new XdsSnapshot(
            Merged<Cluster>(XdsResourceType.Cluster, ordered),
            Merged<ClusterLoadAssignment>(XdsResourceType.Endpoint, ordered),
            Concatenated<Listener>(XdsResourceType.Listener, ordered),
            Concatenated<RouteConfiguration>(XdsResourceType.Route, ordered),
            Statuses.Gateways.ToDictionary(static s => s.Key, static s => (GatewayStatus)s.Value.Status),
            Statuses.HttpRoutes.ToDictionary(static s => s.Key, static s => (HTTPRouteStatus)s.Value.Status),
            Warnings)
        {
            GrpcRouteStatuses = Statuses.GrpcRoutes.ToDictionary(static s => s.Key, static s => (GRPCRouteStatus)s.Value.Status),
            TcpRouteStatuses = Statuses.TcpRoutes.ToDictionary(static s => s.Key, static s => (TCPRouteStatus)s.Value.Status),
            TlsRouteStatuses = Statuses.TlsRoutes.ToDictionary(static s => s.Key, static s => (TLSRouteStatus)s.Value.Status),
            BackendConfigPolicyStatuses = Statuses.BackendConfigPolicies.ToDictionary(static s => s.Key, static s => (BackendConfigPolicyStatus)s.Value.Status),
            ServiceStatuses = Statuses.Services.ToDictionary(static s => s.Key, static s => (ServiceWaypointStatus)s.Value.Status),
            ServiceEntryStatuses = Statuses.ServiceEntries.ToDictionary(static s => s.Key, static s => (ServiceWaypointStatus)s.Value.Status),
        };
    }

    private SnapshotResources<T> Merged<T>(XdsResourceType type, List<ProxyState> proxies)
        where T : IMessage
    {
        var merged = Shared[type].ToBuilder();
        foreach (var proxy in proxies)
        {
            foreach (var (name, resource) in proxy.Own[type])
            {
                merged.TryAdd(name, resource);
            }
        }

        return new([.. merged.Values]);
    }

    private static SnapshotResources<T> Concatenated<T>(XdsResourceType type, List<ProxyState> proxies)
        where T : IMessage
        => new([.. proxies.SelectMany(p => p.Own[type].Values).OrderBy(static r => r.Name, StringComparer.Ordinal)]);
}
