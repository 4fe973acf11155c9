using Envoy.Config.Cluster.V3;
using Envoy.Config.Endpoint.V3;
using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;
using RulesMesh.Capture;
using RulesMesh.Mesh;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using RulesMesh.Rules;
using RulesMesh.Store;
using RulesMesh.Translation;
using RulesMesh.Translation.Backends;
using RulesMesh.Translation.Gateways;
using RulesMesh.Translation.Listeners;
using RulesMesh.Translation.Policy;
using RulesMesh.Translation.Routes;

namespace RulesMesh.Engine;

/// <summary>
/// One translation of a whole store, stage by stage through the rule pipeline: capture, then backends for every
/// service, then per waypoint the routes, policies and one filter chain per captured service port, and the
/// PROXY-protocol listener around them (kgateway's waypoint translator); per ordinary Gateway that the profile
/// translates (kgateway's gateway translator), one Envoy listener and route configuration per HTTP port.
/// </summary>
internal sealed class FullTranslation(RulePipeline pipeline, EngineSettings settings)
{
    private RulePipeline Pipeline { get; } = pipeline;

    private EngineSettings Settings { get; } = settings;

    /// <summary>Translates the resources of <paramref name="store"/>; with <paramref name="gateway"/>, only that Gateway's proxy.</summary>
    public TranslationOutputs Run(ResourceStore store, NamespacedName? gateway)
    {
        var capture = new WaypointCapture(Pipeline, Settings).Run(store);
        var context = new TranslationContext(store, capture, Pipeline, capture.Context);

        var gateways = capture.Gateways.Where(g => gateway is null || g.Name == gateway).ToList();
        var proxies = Pipeline.Stage<IWaypointProxiesRule>().WaypointProxies(gateways.Where(static g => g.ProducesOutput).ToList(), context);
        var clusters = new List<Cluster>();
        var endpoints = new List<ClusterLoadAssignment>();
        // The backends stage's clusters serve kgateway's waypoints and every ordinary Gateway (as istiod gives a gateway
        // proxy every service's outbound cluster); a profile whose waypoints are proxies of their own shape (istio)
        // brings those waypoints' clusters with them.
        var servesGateways = gateways.Any(static g => !g.IsWaypoint);
        foreach (var backend in proxies is null || servesGateways ? BackendIndex.For(context).All : [])
        {
            if (Pipeline.Stage<IClusterRule>().BuildCluster(backend, context) is not { } built)
            {
                continue;
            }

            var cluster = built.Cluster;
            var eds = cluster.Type == Cluster.Types.DiscoveryType.Eds ? Pipeline.Stage<IEndpointsRule>().BuildEndpoints(backend, context) : null;
            var assigned = eds ?? built.InlineEndpoints ?? (cluster.LoadAssignment is { } inline ? new BackendEndpoints(inline) : null);
            var policies = new BackendPolicyRequest(backend, cluster, assigned);
            Pipeline.Stage<IBackendPolicyRule>().ApplyBackendPolicy(policies, context);
            if (policies.LeftOutBecause is not null)
            {
                continue;
            }

            clusters.Add(cluster);

            // A policy may have turned the cluster into a STATIC one (ingress through the waypoint): no EDS resource then.
            if (eds is not null && cluster.Type == Cluster.Types.DiscoveryType.Eds)
            {
                endpoints.Add(eds.Assignment);
            }
        }

        var outputs = new List<GatewayOutput>();
        var statuses = gateways.Where(static g => g.Listener is not null).ToDictionary(static g => g.Name.ToString(), static g => g.Listener!.Status);
                foreach (var proxy in proxies ?? [])
        {
            outputs.Add(new GatewayOutput(proxy.Gateway, true, proxy.Listeners, [], proxy.Clusters, proxy.Endpoints));
        }

        foreach (var waypoint in proxies is null ? gateways.Where(static g => g.ProducesOutput) : [])
        {
            var (chains, routeConfigurations) = TranslateServices(waypoint, context);
            if (chains.Count > 0 && Pipeline.Stage<IWaypointListenerBuildRule>().WaypointListener(new WaypointListenerRequest(waypoint, chains), context) is { } listener)
            {
                // The listener rule may drop a chain (two services claiming one VIP and port); its routes go with it.
                var kept = listener.FilterChains.Select(static c => c.Name).ToHashSet(StringComparer.Ordinal);
                outputs.Add(new GatewayOutput(waypoint.Name, true, [listener], [.. routeConfigurations.Where(r => kept.Contains(r.Name))], [], []));
            }
        }

        foreach (var ordinary in gateways.Where(static g => !g.IsWaypoint))
        {
            if (TranslateGateway(ordinary, context) is not { } translated)
            {
                continue;
            }

            outputs.Add(new GatewayOutput(ordinary.Name, false, translated.Listeners, translated.Routes, [], []));
            statuses[ordinary.Name.ToString()] = translated.Status;
        }

        WarnSharedNames(context, "listener", outputs.SelectMany(static o => o.Listeners.Select(l => (l.Name, o.Gateway))));
        WarnSharedNames(context, "route configuration", outputs.SelectMany(static o => o.Routes.Select(r => (r.Name, o.Gateway))));
        return new TranslationOutputs(
            clusters,
            endpoints,
            outputs,
            statuses,
            RouteStatusWriter.Write(RouteStatusCollector.For(context).All),
            BackendConfigPolicies.Statuses(context),
            context.Warnings);
    }

    /// <summary>
    /// An ordinary Gateway the profile translates: its served listeners and status, the routes attached to them, then
    /// per port the Envoy listener and route configuration. Null when the profile leaves the Gateway alone.
    /// </summary>
    private (List<Listener> Listeners, List<RouteConfiguration> Routes, GatewayStatus Status)? TranslateGateway(GatewayCapture gateway, TranslationContext context)
    {
        if (Pipeline.Stage<IGatewayClassRule>().TranslatesGateway(gateway, context) != true || Pipeline.Stage<IGatewayListenersRule>().GatewayListeners(gateway, context) is not { } plan)
        {
            return null;
        }

        var attached = Pipeline.Stage<IListenerRoutesRule>().ListenerRoutes(plan, context) ?? [];
        var listeners = new List<Listener>();
        var routes = new List<RouteConfiguration>();
        foreach (var port in plan.Ports)
        {
            var request = new GatewayPortRequest(plan, port, plan.On(port), attached.Where(r => r.Listener.Port == port).ToList());
            if (Pipeline.Stage<IGatewayListenerRule>().GatewayListener(request, context) is not { } listener)
            {
                continue;
            }

            listeners.Add(listener);
            if (Pipeline.Stage<IGatewayRouteConfigurationRule>().GatewayRouteConfiguration(request, context) is { } configuration)
            {
                routes.Add(configuration);
            }
        }

        return (listeners, routes, plan.StatusWith(attached));
    }

    /// <summary>Warns about every resource name that more than one Gateway produced (each Gateway is its own proxy in kgateway).</summary>
    private static void WarnSharedNames(TranslationContext context, string what, IEnumerable<(string Name, NamespacedName Gateway)> resources)
    {
        foreach (var shared in resources.GroupBy(static r => r.Name, StringComparer.Ordinal).Where(static g => g.Select(static r => r.Gateway).Distinct().Count() > 1))
        {
            var owners = string.Join(", ", shared.Select(static r => r.Gateway.ToString()).Distinct().Order(StringComparer.Ordinal));
            context.Warn($"{what} {shared.Key}", $"produced by several Gateways ({owners}), each its own proxy; translate one of them with --gateway to get that proxy's configuration.");
        }
    }

    private (List<ServiceChain> Chains, List<RouteConfiguration> Routes) TranslateServices(GatewayCapture waypoint, TranslationContext context)
    {
        var chains = new List<ServiceChain>();
        var routes = new List<RouteConfiguration>();
        var gatewayRoutes = Pipeline.Stage<IGatewayRoutesRule>().GatewayRoutes(waypoint, context) ?? [];
        foreach (var captured in waypoint.Services.Where(static s => s.HasAddresses))
        {
            var service = captured.Service;
            IReadOnlyList<AttachedRoute> attached = [.. gatewayRoutes, .. Pipeline.Stage<IServiceRoutesRule>().ServiceRoutes(service, context) ?? []];
            var policy = new PolicyRequest(waypoint, service);
            var httpAuthorization = Pipeline.Stage<IHttpAuthorizationRule>().HttpAuthorization(policy, context) ?? [];
            var networkAuthorization = Pipeline.Stage<INetworkAuthorizationRule>().NetworkAuthorization(policy, context) ?? [];
            foreach (var port in service.Ports)
            {
                var virtualHost = port.IsHttp ? Pipeline.Stage<IVirtualHostRule>().ServiceVirtualHost(new VirtualHostRequest(waypoint, service, port, attached), context) : null;
                var chain = Pipeline.Stage<IFilterChainRule>().ServiceFilterChain(new ServiceChainRequest(waypoint, service, port, virtualHost, httpAuthorization, networkAuthorization), context);
                if (chain is null)
                {
                    continue;
                }

                chains.Add(chain);
                if (chain.Routes is not null)
                {
                    routes.Add(chain.Routes);
                }
            }
        }

        return (chains.OrderBy(static c => c.Chain.Name, StringComparer.Ordinal).ToList(), routes);
    }
}
