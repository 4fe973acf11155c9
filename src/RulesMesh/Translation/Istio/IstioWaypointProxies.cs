using Envoy.Config.Cluster.V3;
using Envoy.Config.Core.V3;
using Envoy.Config.Endpoint.V3;
using Envoy.Config.Listener.V3;
using Envoy.Extensions.TransportSockets.RawBuffer.V3;
using Google.Protobuf.WellKnownTypes;
using RulesMesh.Capture;
using RulesMesh.Models.NetworkingIstioIo.V1;
using RulesMesh.Rules;
using RulesMesh.Translation.Backends;
using RulesMesh.Translation.Listeners;
using RulesMesh.Translation.Policy;
using RulesMesh.Translation.Routes;

namespace RulesMesh.Translation.Istio;

/// <summary>
/// The waypoint proxy istiod builds (docs/spec/istio-waypoint-output.md §2–§4), replacing kgateway's per-service clusters, chains
/// and PROXY-protocol listener in the istio profile:
/// <list type="bullet">
/// <item>listeners <c>connect_terminate</c> (HBONE on 15008), <c>main_internal</c> (a chain per owned service port,
/// picked by destination IP then port, sniffing ports of unknown protocol, then <c>direct-tcp</c> and <c>direct-http</c>)
/// and <c>connect_originate</c>;</item>
/// <item>clusters <c>main_internal</c>, <c>encap</c>, <c>connect_originate</c>, per owned service and port
/// <c>inbound-vip|&lt;port&gt;|http|&lt;host&gt;</c> and/or <c>…|tcp|…</c> (and per DestinationRule subset), and
/// <c>outbound|…</c> only for route targets the waypoint does not own (or owns as MESH_EXTERNAL);</item>
/// <item>route configurations inline in each HTTP chain; authorization (the policy stage's RBAC filters) inside the HCM
/// of HTTP chains and before <c>tcp_proxy</c> on TCP chains; the direct chains carry the policies of the waypoint and
/// of the <c>istio-waypoint</c> class.</item>
/// </list>
/// Each ServiceEntry host is its own service; UDP ports are skipped.
/// </summary>
[Rule("istio.listeners.waypoint-proxy", Order = 100, Profile = "istio",
    Description = "A waypoint is Istio's proxy: connect_terminate, main_internal with inbound-vip chains by IP and port, connect_originate; inbound-vip clusters per owned service port, outbound ones only for targets it does not own.")]
public sealed class IstioWaypointProxies : IWaypointProxiesRule
{
    /// <inheritdoc />
    public IReadOnlyList<WaypointProxy>? WaypointProxies(IReadOnlyList<GatewayCapture> waypoints, TranslationContext context)
        => waypoints.Select(w => Build(w, context)).ToList();

    private static WaypointProxy Build(GatewayCapture waypoint, TranslationContext context)
    {
        var scope = new IstioWaypointScope(waypoint, IstioOwnedServices.For(waypoint, context));
        var chains = new List<FilterChain>();
        var clusters = new List<Cluster>
        {
            IstioWaypointClusters.Internal(IstioWaypointNames.MainInternal, IstioWaypointNames.MainInternal),
            IstioWaypointClusters.Internal(IstioWaypointNames.Encap, IstioWaypointNames.ConnectOriginate),
        };
        var endpoints = new List<ClusterLoadAssignment>();
        foreach (var service in scope.Owned)
        {
            var attached = context.Pipeline.Stage<IServiceRoutesRule>().ServiceRoutes(service.Service, context) ?? [];
            var connectionRoutes = IstioServiceRoutes.Attach(ConnectionRouteIndex.For(context), service.Service, context);
            var policy = new PolicyRequest(waypoint, service.Service);
            var httpAuthorization = service.Ports.Any(static p => p.Protocol.HasHttpChain) ? context.Pipeline.Stage<IHttpAuthorizationRule>().HttpAuthorization(policy, context) ?? [] : [];
            var networkAuthorization = service.Ports.Any(static p => p.Protocol.HasTcpChain) ? context.Pipeline.Stage<INetworkAuthorizationRule>().NetworkAuthorization(policy, context) ?? [] : [];
            foreach (var port in service.Ports)
            {
                var rule = DestinationRules.IstioRuleFor(Backend(service, port, IstioWaypointNames.InboundVip(port.Number, "tcp", null, service.Host)), context);
                if (port.Protocol.HasTcpChain)
                {
                    var name = IstioWaypointNames.InboundVip(port.Number, "tcp", null, service.Host);
                    var routed = IstioConnectionRoutes.Target(service, port, connectionRoutes, scope, context);
                    chains.Add(IstioServiceChains.Tcp(name, networkAuthorization, IstioTrafficPolicy.For(rule, subset: null, port.Number), routed, context));
                    AddInboundVip(service, port, "tcp", rule, clusters, endpoints, context);
                }

                if (port.Protocol.HasHttpChain)
                {
                    var routes = IstioRouteConfigurations.Build(service, port, attached, scope, IstioTrafficPolicy.For(rule, subset: null, port.Number), context);
                    var dynamicDnsHost = service.Discovery == IstioDiscovery.DynamicForwardProxy ? service.Host : null;
                    chains.Add(IstioServiceChains.Http(routes.Name, port.Number, port.Protocol.IsHttp2, routes, httpAuthorization, port.Protocol.IsGrpcWeb, dynamicDnsHost));
                    AddInboundVip(service, port, "http", rule, clusters, endpoints, context);
                }
            }
        }

        // The direct chains serve no service: only the waypoint's and its class's policies apply (§6), so they are
        // selected here rather than through the per-service policy stage.
        var waypointPolicies = IstioAuthorizationPolicyIndex.For(context).ForWaypoint(waypoint.Name);
        chains.Add(IstioServiceChains.DirectTcp(IstioAuthorizationFilters.Network(waypointPolicies, context)));
        chains.Add(IstioServiceChains.DirectHttp(IstioAuthorizationFilters.Http(waypointPolicies, context)));
        foreach (var service in scope.Owned)
        {
            IstioReferencedDestinations.Collect(service, scope, context);
        }

        foreach (var backend in scope.Outbound)
        {
            AddOutbound(backend, clusters, endpoints, context);
        }

        clusters.Add(IstioWaypointClusters.ConnectOriginate(waypoint.Name.Namespace));
        var listeners = new List<Listener>
        {
            IstioWaypointListeners.ConnectTerminate(),
            IstioWaypointListeners.MainInternal(scope.Owned, chains, IstioWorkloadBinding.AddressesFor(waypoint, context)),
            IstioWaypointListeners.ConnectOriginate(),
        };
        if (context.Settings.IstioDoubleHbone)
        {
            clusters.AddRange(IstioDoubleHbone.Clusters(waypoint.Name.Namespace));
            listeners.AddRange(IstioDoubleHbone.Listeners());
        }

        return new WaypointProxy(waypoint.Name, listeners, clusters, endpoints);
    }

    /// <summary>The <c>inbound-vip</c> cluster of one port and kind, and one per subset of the host's DestinationRule, each with its policy and endpoints.</summary>
    private static void AddInboundVip(IstioOwnedService service, IstioPort port, string kind, DestinationRule? rule, List<Cluster> clusters, List<ClusterLoadAssignment> endpoints, TranslationContext context)
    {
        var plain = Backend(service, port, IstioWaypointNames.InboundVip(port.Number, kind, null, service.Host));
        Add(plain, subset: null);
        foreach (var subset in rule?.Spec?.Subsets ?? [])
        {
            Add(plain with { ClusterName = IstioWaypointNames.InboundVip(port.Number, kind, subset.Name, service.Host) }, subset);
        }

        void Add(BackendObject backend, DestinationRuleSubset? subset)
        {
            var built = IstioWaypointClusters.InboundVip(service, port, kind, subset, rule, backend, context);
            var cluster = built.Cluster;
            var eds = cluster.Type == Cluster.Types.DiscoveryType.Eds ? IstioWaypointEndpoints.Build(backend, subset?.Labels is { } labels ? labels.AsReadOnly() : null, socketMatch: false, context) : null;
            AddWithPolicies(backend, cluster, eds, eds ?? built.InlineEndpoints, clusters, endpoints, context, IstioTrafficPolicy.For(rule, subset, port.Number).ForBackendPolicies(rule));
        }
    }

    /// <summary>An owned service's port as a backend whose cluster is <paramref name="cluster"/>; a ServiceEntry host is its own backend.</summary>
    private static BackendObject Backend(IstioOwnedService service, IstioPort port, string cluster)
        => new(service.Service, port.Port, service.Host, cluster, []) { ExtraKey = service.Service.Source is ServiceEntry ? service.Host : null };

    /// <summary>
    /// The <c>outbound</c> clusters of a destination, one per subset of its host's DestinationRule too ("ordinary
    /// sidecar-style outbound clusters (subsets included)", §3): built as <see cref="IstioWaypointClusters.Outbound"/>
    /// when the destination is a service istiod models (else as the backends stage builds it), each with the waypoint's
    /// socket matches.
    /// </summary>
    private static void AddOutbound(BackendObject backend, List<Cluster> clusters, List<ClusterLoadAssignment> endpoints, TranslationContext context)
    {
        var rule = DestinationRules.IstioRuleFor(backend, context);
        var destination = IstioOwnedServices.Expand(backend.Service, context, backend.Host).FirstOrDefault(s => s.Host == backend.Host);
        if (destination?.Port(backend.Port.Port) is not { } port)
        {
            if (context.Pipeline.Stage<IClusterRule>().BuildCluster(backend, context) is { } built)
            {
                AddOutbound(backend, built, rule, subset: null, resolved: null, clusters, endpoints, context);
            }

            return;
        }

        var plain = IstioTrafficPolicy.For(rule, subset: null, port.Number).ForBackendPolicies(rule);
        AddOutbound(backend, IstioWaypointClusters.Outbound(destination, port, subset: null, rule, backend, context), rule, subset: null, plain, clusters, endpoints, context);
        // A DYNAMIC_DNS host has no subset clusters (istio-gatewayapi.md §4.2).
        if (destination.Discovery == IstioDiscovery.DynamicForwardProxy)
        {
            return;
        }

        foreach (var subset in rule?.Spec?.Subsets ?? [])
        {
            var named = backend with { ClusterName = IstioWaypointNames.Outbound(port.Number, subset.Name, destination.Host) };
            var resolved = IstioTrafficPolicy.For(rule, subset, port.Number).ForBackendPolicies(rule);
            AddOutbound(named, IstioWaypointClusters.Outbound(destination, port, subset, rule, named, context), rule, subset, resolved, clusters, endpoints, context);
        }
    }

    /// <summary>
    /// <paramref name="built"/> with the waypoint's socket matches: <c>hbone</c> (endpoints marked <c>tunnel: http</c> go
    /// through <c>connect_originate</c>), <c>tlsMode-istio</c> when auto-mTLS applies (<see cref="IstioAutoMtls"/>), then
    /// plaintext; its EDS endpoints those of <paramref name="subset"/> when given, its DestinationRule policy
    /// <paramref name="resolved"/> (the subset's merged one) when known, <paramref name="rule"/> the host's rule.
    /// </summary>
    private static void AddOutbound(BackendObject backend, BackendCluster built, DestinationRule? rule, DestinationRuleSubset? subset, BackendTrafficPolicy? resolved, List<Cluster> clusters, List<ClusterLoadAssignment> endpoints, TranslationContext context)
    {
        var cluster = built.Cluster;
        var eds = cluster.Type == Cluster.Types.DiscoveryType.Eds ? IstioWaypointEndpoints.Build(backend, subset?.Labels is { } labels ? labels.AsReadOnly() : null, socketMatch: true, context) : null;
        cluster.TransportSocketMatches.Add(new Cluster.Types.TransportSocketMatch
        {
            Name = "hbone",
            Match = new Struct { Fields = { ["tunnel"] = Value.ForString("http") } },
            TransportSocket = IstioWaypointClusters.InternalUpstream(passthrough: true),
        });
        if (IstioAutoMtls.Match(backend, cluster, eds?.Assignment, rule, subset, context) is { } istioMtls)
        {
            cluster.TransportSocketMatches.Add(istioMtls);
        }

        cluster.TransportSocketMatches.Add(new Cluster.Types.TransportSocketMatch
        {
            Name = "tlsMode-disabled",
            Match = new Struct(),
            TransportSocket = new TransportSocket { Name = "raw_buffer", TypedConfig = Any.Pack(new RawBuffer()) },
        });
        AddWithPolicies(backend, cluster, eds, eds ?? built.InlineEndpoints, clusters, endpoints, context, resolved);
    }

    /// <summary>
    /// Runs the backend policies on the cluster (with the DestinationRule policy already <paramref name="resolved"/> for
    /// it, when given), then adds it and its EDS endpoints unless a policy left it out.
    /// </summary>
    private static void AddWithPolicies(BackendObject backend, Cluster cluster, BackendEndpoints? eds, BackendEndpoints? assigned, List<Cluster> clusters, List<ClusterLoadAssignment> endpoints, TranslationContext context, BackendTrafficPolicy? resolved = null)
    {
        if (!DnsClusterEndpoints.Fit(cluster, backend, context) || !BackendPolicies.Apply(backend, cluster, assigned, context.Pipeline, context, resolved))
        {
            return;
        }

        clusters.Add(cluster);
        if (eds is not null)
        {
            endpoints.Add(eds.Assignment);
        }
    }
}
