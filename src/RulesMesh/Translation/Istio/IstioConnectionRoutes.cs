using k8s;
using k8s.Models;
using Envoy.Extensions.Filters.Network.TcpProxy.V3;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using RulesMesh.Translation.Routes;

namespace RulesMesh.Translation.Istio;

/// <summary>
/// Where a service port's TCP chain sends connections when TLSRoutes or TCPRoutes apply (docs/spec/istio-waypoint-output.md
/// §4.4, §2.2 item 6). istiod converts each route into a mesh VirtualService section (istio-gatewayapi.md): a TLSRoute into
/// a <c>tls</c> rule matching its hostnames as SNI, a TCPRoute into a <c>tcp</c> rule; both carry the parentRef's port.
/// The first TLS rule whose match names exactly one SNI host, equal to the service's host, wins; otherwise the first
/// TCP rule matching the port. Routes are taken in the order they attach (oldest first), as for HTTP routes.
/// </summary>
/// <remarks>
/// As understood, not checked against the source: backends resolve as HTTP route backends do (weight-0 backends are
/// dropped, a single one left taking every connection; no ReferenceGrant is asked for; an owned target is its
/// <c>inbound-vip</c> cluster, anything else its <c>outbound</c> cluster, emitted then), an unresolved backend is
/// <c>UnknownService</c> with a route status, and a rule left with no backend does not change the chain.
/// </remarks>
internal static class IstioConnectionRoutes
{
    /// <summary>
    /// The clusters (with weights) the chain of <paramref name="port"/> sends to under <paramref name="attached"/>, or null
    /// when no route applies and the chain keeps its own cluster.
    /// </summary>
    public static IReadOnlyList<TcpProxy.Types.WeightedCluster.Types.ClusterWeight>? Target(
        IstioOwnedService service, IstioPort port, IReadOnlyList<AttachedRoute> attached, IstioWaypointScope scope, TranslationContext context)
    {
        var chosen = attached.FirstOrDefault(r => r.Route is TLSRoute tls && SniMatches(tls, service.Host) && PortMatches(r.Parent, port.Number))
            ?? attached.FirstOrDefault(r => r.Route is TCPRoute && PortMatches(r.Parent, port.Number));
        if (chosen is null || BackendRefs(chosen.Route) is not { } backends)
        {
            return null;
        }

        var kept = backends.Count(static b => IstioBackendWeights.Kept(b.Weight));
        var clusters = new List<TcpProxy.Types.WeightedCluster.Types.ClusterWeight>();
        foreach (var backend in backends)
        {
            if (IstioBackendWeights.Kept(backend.Weight))
            {
                var request = new BackendRefRequest(chosen.Key, chosen.Key.Namespace, backend.Group, backend.Kind, backend.Namespace, backend.Name, backend.Port);
                clusters.Add(new TcpProxy.Types.WeightedCluster.Types.ClusterWeight { Name = scope.Resolve(request, chosen.Parent, context).Cluster, Weight = IstioBackendWeights.Of(backend.Weight, kept) });
            }
        }

        return clusters.Count > 0 ? clusters : null;
    }

    /// <summary>The backendRefs of every rule of a TLSRoute or TCPRoute, in order; null for any other route kind.</summary>
    public static List<(string? Group, string? Kind, string? Namespace, string Name, int? Port, int? Weight)>? BackendRefs(IKubernetesObject<V1ObjectMeta> route) => route switch
    {
        TLSRoute tls => tls.Spec.Rules.SelectMany(static r => r.BackendRefs).Select(static b => (b.Group, b.Kind, b.Namespace, b.Name, b.Port, b.Weight)).ToList(),
        TCPRoute tcp => tcp.Spec.Rules.SelectMany(static r => r.BackendRefs).Select(static b => (b.Group, b.Kind, b.Namespace, b.Name, b.Port, b.Weight)).ToList(),
        _ => null,
    };

    /// <summary>A TLS match applies only when it names exactly one SNI host, the service's own.</summary>
    private static bool SniMatches(TLSRoute route, string host) => route.Spec.Hostnames is [var only] && only == host;

    /// <summary>A parentRef port narrows the rule to that port; without one it matches every port.</summary>
    private static bool PortMatches(ParentReference parent, int port) => parent.Port is null || parent.Port == port;
}
