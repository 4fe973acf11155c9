using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;
using Envoy.Extensions.Filters.Network.TcpProxy.V3;
using Google.Protobuf.WellKnownTypes;
using RulesMesh.Engine;
using RulesMesh.Server.Xds;
using static RulesMesh.Server.Tests.Xds.TestResources;

namespace RulesMesh.Server.Tests.Xds;

public sealed class ClusterReferencesTests
{
    [Fact]
    public void Route_actions_weighted_clusters_mirrors_and_TCP_proxies_inside_Any_name_clusters_and_stat_prefixes_do_not()
    {
        var routes = new RouteConfiguration
        {
            Name = "routes",
            VirtualHosts =
            {
                new VirtualHost
                {
                    Name = "all",
                    Domains = { "*" },
                    Routes =
                    {
                        new Envoy.Config.Route.V3.Route { Route_ = new RouteAction { Cluster = "direct", RequestMirrorPolicies = { new RouteAction.Types.RequestMirrorPolicy { Cluster = "mirror" } } } },
                        new Envoy.Config.Route.V3.Route
                        {
                            Route_ = new RouteAction
                            {
                                WeightedClusters = new WeightedCluster { Clusters = { new WeightedCluster.Types.ClusterWeight { Name = "blue", Weight = 1 }, new WeightedCluster.Types.ClusterWeight { Name = "green", Weight = 1 } } },
                            },
                        },
                    },
                },
            },
        };
        var listener = new Envoy.Config.Listener.V3.Listener
        {
            Name = "main",
            FilterChains = { new FilterChain { Filters = { new Filter { Name = "tcp", TypedConfig = Any.Pack(new TcpProxy { StatPrefix = "stats-only", Cluster = "tcp-backend" }) } } } },
        };
        var names = new HashSet<string>();

        ClusterReferences.AddTo(names, routes);
        ClusterReferences.AddTo(names, listener);

        Assert.Equal(["blue", "direct", "green", "mirror", "tcp-backend"], names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_gone_cluster_is_still_named_only_by_a_held_listener_or_route_the_snapshot_changes_or_drops()
    {
        var heldListener = Listener("main", "kube_default_a_80");
        var heldRoutes = Route("routes", "kube_default_b_80");
        var droppedRoutes = Route("old-routes", "kube_default_c_80");
        var snapshot = Set(Listener("main", "kube_default_d_80"), heldRoutes);

        var stillNamed = ClusterReferences.StillNamed(
            ["kube_default_a_80", "kube_default_b_80", "kube_default_c_80", "kube_default_e_80"],
            [(XdsResourceType.Listener, heldListener), (XdsResourceType.Route, heldRoutes), (XdsResourceType.Route, droppedRoutes)],
            snapshot);

        // a: the listener naming it changes; c: the routes naming it are dropped; b: named by routes that stay as they are.
        Assert.Equal(["kube_default_a_80", "kube_default_c_80"], stillNamed.Order(StringComparer.Ordinal));
    }
}
