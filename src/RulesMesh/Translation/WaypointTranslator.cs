using Envoy.Config.Cluster.V3;
using Envoy.Config.Endpoint.V3;
using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;
using RulesMesh.Capture;
using RulesMesh.Loading;
using RulesMesh.Mesh;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using RulesMesh.Rules;
using RulesMesh.Store;
using RulesMesh.Translation.Backends;
using RulesMesh.Translation.Listeners;
using RulesMesh.Translation.Output;
using RulesMesh.Translation.Policy;
using RulesMesh.Translation.Routes;

namespace RulesMesh.Translation;

/// <summary>
/// Computes waypoint xDS the way kgateway's waypoint translator does, stage by stage through the rule pipeline:
/// capture, then backends for every service, then per waypoint the routes, policies and one filter chain per
/// captured service port, and the PROXY-protocol listener around them.
/// </summary>
/// <param name="pipeline">The rules to run; the default profile of the built-in rules when null.</param>
/// <param name="settings">The run's settings; the defaults when null.</param>
public sealed class WaypointTranslator(RulePipeline? pipeline = null, EngineSettings? settings = null)
{
    /// <summary>The rules this translator runs.</summary>
    public RulePipeline Pipeline { get; } = pipeline ?? Generated.RulePipelines.Create();

    /// <summary>The settings the rules read.</summary>
    public EngineSettings Settings { get; } = settings ?? new EngineSettings();

    /// <summary>Translates what <paramref name="load"/> holds; with <paramref name="gateway"/>, only that waypoint's listener and status.</summary>
    public XdsSnapshot Translate(LoadResult load, NamespacedName? gateway = null) => Translate(ResourceStore.From(load), gateway);

    /// <summary>Translates the resources of <paramref name="store"/>.</summary>
    public XdsSnapshot Translate(ResourceStore store, NamespacedName? gateway = null)
    {
        var capture = new WaypointCapture(Pipeline, Settings).Run(store.Objects);
        var context = new TranslationContext(store, capture, Pipeline, capture.Context);

        var backends = capture.Services.SelectMany(s => Pipeline.Backends(s.Service, context) ?? []).ToList();
        context.Backends = new BackendIndex(backends);
        var clusters = new List<Cluster>();
        var endpoints = new List<ClusterLoadAssignment>();
        foreach (var backend in backends)
        {
            if (Pipeline.BuildCluster(backend, context) is not { } cluster)
            {
                continue;
            }

            clusters.Add(cluster);
            var assignment = cluster.Type == Cluster.Types.DiscoveryType.Eds ? Pipeline.BuildEndpoints(backend, context) : null;
            if (assignment is not null)
            {
                endpoints.Add(assignment);
            }

            Pipeline.ApplyBackendPolicy(new BackendPolicyRequest(backend, cluster, assignment), context);
        }

        var listeners = new List<Listener>();
        var routes = new List<RouteConfiguration>();
        var gateways = capture.Gateways.Where(g => gateway is null || g.Name == gateway).ToList();
        foreach (var waypoint in gateways.Where(static g => g.ProducesOutput))
        {
            var (chains, routeConfigurations) = TranslateServices(waypoint, context);
            if (chains.Count > 0 && Pipeline.WaypointListener(new WaypointListenerRequest(waypoint, chains), context) is { } listener)
            {
                listeners.Add(listener);

                // The listener rule may drop a chain (two services claiming one VIP and port); its routes go with it.
                var kept = listener.FilterChains.Select(static c => c.Name).ToHashSet(StringComparer.Ordinal);
                routes.AddRange(routeConfigurations.Where(r => kept.Contains(r.Name)));
            }
        }

        return new XdsSnapshot(
            clusters.OrderBy(static c => c.Name, StringComparer.Ordinal).ToList(),
            endpoints.OrderBy(static e => e.ClusterName, StringComparer.Ordinal).ToList(),
            listeners.OrderBy(static l => l.Name, StringComparer.Ordinal).ToList(),
            routes.OrderBy(static r => r.Name, StringComparer.Ordinal).ToList(),
            gateways.Where(static g => g.Listener is not null).ToDictionary(static g => g.Name.ToString(), static g => g.Listener!.Status),
            RouteStatusWriter.Write(context.RouteStatuses.All),
            context.Warnings);
    }

    private (List<FilterChain> Chains, List<RouteConfiguration> Routes) TranslateServices(GatewayCapture waypoint, TranslationContext context)
    {
        var chains = new List<FilterChain>();
        var routes = new List<RouteConfiguration>();
        var gatewayRoutes = Pipeline.GatewayRoutes(waypoint, context) ?? [];
        foreach (var captured in waypoint.Services.Where(static s => s.HasAddresses))
        {
            var service = captured.Service;
            IReadOnlyList<AttachedRoute> attached = [.. gatewayRoutes, .. Pipeline.ServiceRoutes(service, context) ?? []];
            var policy = new PolicyRequest(waypoint, service);
            var httpAuthorization = Pipeline.HttpAuthorization(policy, context) ?? [];
            var networkAuthorization = Pipeline.NetworkAuthorization(policy, context) ?? [];
            foreach (var port in service.Ports)
            {
                var virtualHost = port.IsHttp ? Pipeline.ServiceVirtualHost(new VirtualHostRequest(waypoint, service, port, attached), context) : null;
                var chain = Pipeline.ServiceFilterChain(new ServiceChainRequest(waypoint, service, port, virtualHost, httpAuthorization, networkAuthorization), context);
                if (chain is null)
                {
                    continue;
                }

                chains.Add(chain.Chain);
                if (chain.Routes is not null)
                {
                    routes.Add(chain.Routes);
                }
            }
        }

        return (chains.OrderBy(static c => c.Name, StringComparer.Ordinal).ToList(), routes);
    }
}
