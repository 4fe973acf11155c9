using Envoy.Config.Cluster.V3;
using Envoy.Config.Endpoint.V3;
using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;
using RulesMesh.Capture;
using RulesMesh.Models.GatewayKgatewayDev.V1alpha1;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;

namespace RulesMesh.Translation.Output;

/// <summary>
/// Everything one translation produced: the Envoy resources (each list sorted by name) and the statuses to write
/// back, keyed by <c>ns/name</c>.
/// </summary>
public sealed record XdsSnapshot(
    IReadOnlyList<Cluster> Clusters,
    IReadOnlyList<ClusterLoadAssignment> Endpoints,
    IReadOnlyList<Listener> Listeners,
    IReadOnlyList<RouteConfiguration> Routes,
    IReadOnlyDictionary<string, GatewayStatus> GatewayStatuses,
    IReadOnlyDictionary<string, HTTPRouteStatus> HttpRouteStatuses,
    IReadOnlyList<TranslationWarning> Warnings)
{
    /// <summary>The GRPCRoute statuses, keyed by <c>ns/name</c>.</summary>
    public IReadOnlyDictionary<string, GRPCRouteStatus> GrpcRouteStatuses { get; init; } = new Dictionary<string, GRPCRouteStatus>();

    /// <summary>The TCPRoute statuses, keyed by <c>ns/name</c>.</summary>
    public IReadOnlyDictionary<string, TCPRouteStatus> TcpRouteStatuses { get; init; } = new Dictionary<string, TCPRouteStatus>();

    /// <summary>The TLSRoute statuses, keyed by <c>ns/name</c>.</summary>
    public IReadOnlyDictionary<string, TLSRouteStatus> TlsRouteStatuses { get; init; } = new Dictionary<string, TLSRouteStatus>();

    /// <summary>The statuses of the BackendConfigPolicies attached to some backend, keyed by <c>ns/name</c>.</summary>
    public IReadOnlyDictionary<string, BackendConfigPolicyStatus> BackendConfigPolicyStatuses { get; init; } = new Dictionary<string, BackendConfigPolicyStatus>();

    /// <summary>The waypoint conditions of Services, keyed by <c>ns/name</c> (istio profile only).</summary>
    public IReadOnlyDictionary<string, ServiceWaypointStatus> ServiceStatuses { get; init; } = new Dictionary<string, ServiceWaypointStatus>();

    /// <summary>The waypoint conditions of ServiceEntries, keyed by <c>ns/name</c> (istio profile only).</summary>
    public IReadOnlyDictionary<string, ServiceWaypointStatus> ServiceEntryStatuses { get; init; } = new Dictionary<string, ServiceWaypointStatus>();
}
