using Envoy.Service.Discovery.V3;
using RulesMesh.Engine;
using static RulesMesh.Server.Tests.Xds.TestResources;

namespace RulesMesh.Server.Tests.Xds;

/// <summary>
/// <c>StreamAggregatedResources</c> against the real service on Kestrel. Nonces count the responses of a stream from 1;
/// a type's version is <see cref="TestResources.TypeVersion"/> of the resources sent. A response that must not come is
/// shown by the next response being another.
/// </summary>
public sealed class StateOfTheWorldTests
{
    private static readonly VersionedResource ClusterA = Cluster("kube_default_a_80");
    private static readonly VersionedResource EndpointsA = Endpoints("kube_default_a_80", "10.0.0.1");
    private static readonly VersionedResource MainListener = Listener("main", "kube_default_a_80");
    private static readonly VersionedResource RoutesA = Route("routes", "kube_default_a_80");
    private static readonly VersionedResource ClusterB = Cluster("kube_default_b_80");
    private static readonly VersionedResource EndpointsB = Endpoints("kube_default_b_80", "10.0.0.2");

    [Fact]
    public async Task A_wildcard_subscription_gets_every_resource_pushed_clusters_then_endpoints_then_listeners_then_routes()
    {
        await using var host = await XdsTestHost.StartAsync();
        host.Source.MakeNotReady();
        host.Source.Set(WaypointA, Set(ClusterA, EndpointsA, MainListener, RoutesA));
        await using var stream = host.OpenSotw();

        // Subscribed in the reverse order while there is no snapshot: the first push then sends all four in Envoy's order.
        await stream.SendAsync(Request(RouteType, NodeOf(WaypointA)));
        await stream.SendAsync(Request(ListenerType));
        await stream.SendAsync(Request(EndpointType));
        await stream.SendAsync(Request(ClusterType));
        await host.Source.ReadsAsync(4);
        host.Source.MakeReady();

        Assert.Equal(Sotw(ClusterType, "1", ClusterA), await stream.NextAsync());
        Assert.Equal(Sotw(EndpointType, "2", EndpointsA), await stream.NextAsync());
        Assert.Equal(Sotw(ListenerType, "3", MainListener), await stream.NextAsync());
        Assert.Equal(Sotw(RouteType, "4", RoutesA), await stream.NextAsync());
        Assert.Equal(["+waypoint-7d9f.infra"], host.Source.Calls);
    }

    [Fact]
    public async Task A_stream_whose_first_request_has_no_node_is_refused()
    {
        await using var host = await XdsTestHost.StartAsync();
        await using var stream = host.OpenSotw();
        await stream.SendAsync(Request(ClusterType));

        var error = await Assert.ThrowsAsync<Grpc.Core.RpcException>(stream.NextAsync);

        Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("The first request of an ADS stream must carry the node (id, cluster, metadata role).", error.Status.Detail);
        Assert.Empty(host.Source.Calls);
    }

    [Fact]
    public async Task A_request_with_no_type_url_ends_the_stream_with_InvalidArgument()
    {
        // The xDS protocol requires type_url on ADS (it tells the types apart); go-control-plane ends such a stream.
        await using var host = await XdsTestHost.StartAsync();
        host.Source.Set(WaypointA, Set(ClusterA));
        await using var stream = host.OpenSotw();
        await stream.SendAsync(Request(ClusterType, NodeOf(WaypointA)));
        Assert.Equal(Sotw(ClusterType, "1", ClusterA), await stream.NextAsync());

        await stream.SendAsync(Request(""));

        var error = await Assert.ThrowsAsync<Grpc.Core.RpcException>(stream.NextAsync);
        Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("An ADS request must carry a type_url.", error.Status.Detail);
    }

    [Fact]
    public async Task After_the_ACKs_a_change_pushes_only_the_type_that_changed()
    {
        await using var host = await XdsTestHost.StartAsync();
        host.Source.Set(WaypointA, Set(ClusterA, EndpointsA, MainListener, RoutesA));
        await using var stream = host.OpenSotw();
        await SubscribeAndAckAllAsync(stream);

        var movedListener = Listener("main", "kube_default_a_80", port: 15089);
        host.Source.Set(WaypointA, Set(ClusterA, EndpointsA, movedListener, RoutesA));
        var listeners = await stream.NextAsync();
        Assert.Equal(Sotw(ListenerType, "5", movedListener), listeners);
        await stream.SendAsync(Ack(listeners));

        var narrowerRoutes = Route("routes", "kube_default_a_80", prefix: "/v2");
        host.Source.Set(WaypointA, Set(ClusterA, EndpointsA, movedListener, narrowerRoutes));
        Assert.Equal(Sotw(RouteType, "6", narrowerRoutes), await stream.NextAsync());
    }

    [Fact]
    public async Task A_NACK_keeps_the_proxy_on_its_last_good_version_which_is_counted_shown_and_not_resent()
    {
        await using var host = await XdsTestHost.StartAsync();
        host.Source.Set(WaypointA, Set(ClusterA, EndpointsA, MainListener, RoutesA));
        await using var stream = host.OpenSotw();
        await SubscribeAndAckAllAsync(stream);

        var rejected = Cluster("kube_default_a_80", connectTimeoutSeconds: 0);
        host.Source.Set(WaypointA, Set(rejected, EndpointsA, MainListener, RoutesA));
        var clusters = await stream.NextAsync();
        Assert.Equal(Sotw(ClusterType, "5", rejected), clusters);
        await stream.SendAsync(Nack(clusters, TypeVersion(ClusterA), "kube_default_a_80: connect_timeout must be positive"));

        // Asking for routes afresh is answered after the NACK before it is handled.
        await stream.SendAsync(Request(RouteType));
        Assert.Equal(Sotw(RouteType, "6", RoutesA), await stream.NextAsync().AckedBy(stream));

        // Routes change while clusters still hold the rejected content: only routes are sent.
        var narrowerRoutes = Route("routes", "kube_default_a_80", prefix: "/v2");
        host.Source.Set(WaypointA, Set(rejected, EndpointsA, MainListener, narrowerRoutes));
        Assert.Equal(Sotw(RouteType, "7", narrowerRoutes), await stream.NextAsync());

        Assert.Equal(1, host.Nacks("Cluster"));
        var status = Assert.Single(host.Proxies.Proxies);
        Assert.Equal(TypeVersion(ClusterA), status.AckedVersions[ClusterType]);
        var nack = status.LastNack!;
        Assert.Equal(
            (ClusterType, TypeVersion(rejected), "5", "kube_default_a_80: connect_timeout must be positive", FixedTimeProvider.Now),
            (nack.TypeUrl, nack.Version, nack.Nonce, nack.ErrorDetail, nack.At));
        Assert.Equal(["kube_default_a_80"], nack.ResourceNames);
    }

    [Fact]
    public async Task After_a_NACK_a_fixed_content_is_sent()
    {
        await using var host = await XdsTestHost.StartAsync();
        host.Source.Set(WaypointA, Set(ClusterA, EndpointsA, MainListener, RoutesA));
        await using var stream = host.OpenSotw();
        await stream.SendAsync(Request(ClusterType, NodeOf(WaypointA)));
        await stream.SendAsync(Ack(await stream.NextAsync()));

        var rejected = Cluster("kube_default_a_80", connectTimeoutSeconds: 0);
        host.Source.Set(WaypointA, Set(rejected));
        var clusters = await stream.NextAsync();
        Assert.Equal(Sotw(ClusterType, "2", rejected), clusters);
        await stream.SendAsync(Nack(clusters, TypeVersion(ClusterA), "connect_timeout must be positive"));

        var fixedCluster = Cluster("kube_default_a_80", connectTimeoutSeconds: 7);
        host.Source.Set(WaypointA, Set(fixedCluster));
        var fix = await stream.NextAsync();
        Assert.Equal(Sotw(ClusterType, "3", fixedCluster), fix);
        await stream.SendAsync(Ack(fix));

        // Subscribing to listeners is answered after the ACK before it is handled.
        await stream.SendAsync(Request(ListenerType));
        Assert.Equal(Sotw(ListenerType, "4"), await stream.NextAsync());
        Assert.Equal(TypeVersion(fixedCluster), Assert.Single(host.Proxies.Proxies).AckedVersions[ClusterType]);
    }

    [Fact]
    public async Task A_request_with_a_stale_nonce_is_ignored()
    {
        await using var host = await XdsTestHost.StartAsync();
        host.Source.Set(WaypointA, Set(ClusterA));
        await using var stream = host.OpenSotw();
        await stream.SendAsync(Request(ClusterType, NodeOf(WaypointA)));
        var first = await stream.NextAsync();

        var longerTimeout = Cluster("kube_default_a_80", connectTimeoutSeconds: 9);
        host.Source.Set(WaypointA, Set(longerTimeout));
        var second = await stream.NextAsync();
        Assert.Equal(Sotw(ClusterType, "2", longerTimeout), second);

        // A NACK of the superseded response: not a rejection of anything current.
        await stream.SendAsync(Nack(first, string.Empty, "too late"));
        await stream.SendAsync(Ack(second));
        await stream.SendAsync(Request(ListenerType));
        Assert.Equal(Sotw(ListenerType, "3"), await stream.NextAsync());

        Assert.Equal(0, host.Nacks("Cluster"));
        var status = Assert.Single(host.Proxies.Proxies);
        Assert.Null(status.LastNack);
        Assert.Equal(TypeVersion(longerTimeout), status.AckedVersions[ClusterType]);
    }

    [Fact]
    public async Task A_proxy_reconnecting_with_the_versions_it_has_is_sent_nothing_until_something_changes()
    {
        await using var host = await XdsTestHost.StartAsync();
        host.Source.Set(WaypointA, Set(ClusterA, EndpointsA, MainListener, RoutesA));
        await using (var first = host.OpenSotw())
        {
            await SubscribeAndAckAllAsync(first);
            await first.CloseAsync();
            Assert.Equal(Grpc.Core.StatusCode.OK, await first.EndAsync());
        }

        await using var second = host.OpenSotw();
        await second.SendAsync(Request(ClusterType, NodeOf(WaypointA), version: TypeVersion(ClusterA)));
        await second.SendAsync(Request(EndpointType, version: TypeVersion(EndpointsA)));
        await second.SendAsync(Request(ListenerType, version: TypeVersion(MainListener)));
        await second.SendAsync(Request(RouteType, version: TypeVersion(RoutesA)));

        var narrowerRoutes = Route("routes", "kube_default_a_80", prefix: "/v2");
        host.Source.Set(WaypointA, Set(ClusterA, EndpointsA, MainListener, narrowerRoutes));
        Assert.Equal(Sotw(RouteType, "1", narrowerRoutes), await second.NextAsync());
        var status = Assert.Single(host.Proxies.Proxies);
        Assert.Equal(TypeVersion(ClusterA), status.AckedVersions[ClusterType]);
    }

    [Fact]
    public async Task A_first_request_carrying_the_nonce_of_another_server_opens_the_subscription()
    {
        await using var host = await XdsTestHost.StartAsync();
        host.Source.Set(WaypointA, Set(ClusterA, EndpointsA));
        await using var stream = host.OpenSotw();
        await stream.SendAsync(Request(ClusterType, NodeOf(WaypointA), version: TypeVersion(ClusterA), nonce: "41"));
        await stream.SendAsync(Request(EndpointType, nonce: "42"));

        Assert.Equal(Sotw(EndpointType, "1", EndpointsA), await stream.NextAsync());
        Assert.Equal(TypeVersion(ClusterA), Assert.Single(host.Proxies.Proxies).AckedVersions[ClusterType]);
    }

    [Fact]
    public async Task Proxies_of_two_Gateways_never_see_each_others_resources()
    {
        await using var host = await XdsTestHost.StartAsync();
        var clusterB = Cluster("kube_default_b_80");
        host.Source.Set(WaypointA, Set(ClusterA));
        host.Source.Set(WaypointB, Set(clusterB));
        await using var streamA = host.OpenSotw();
        await using var streamB = host.OpenSotw();
        await streamA.SendAsync(Request(ClusterType, NodeOf(WaypointA, pod: "waypoint-a-1.infra")));
        await streamB.SendAsync(Request(ClusterType, NodeOf(WaypointB, pod: "waypoint-b-1.infra")));
        var a = await streamA.NextAsync();
        var b = await streamB.NextAsync();
        Assert.Equal(Sotw(ClusterType, "1", ClusterA), a);
        Assert.Equal(Sotw(ClusterType, "1", clusterB), b);
        await streamA.SendAsync(Ack(a));
        await streamB.SendAsync(Ack(b));

        var changedA = Cluster("kube_default_a_80", connectTimeoutSeconds: 2);
        host.Source.Set(WaypointA, Set(changedA));
        Assert.Equal(Sotw(ClusterType, "2", changedA), await streamA.NextAsync());
        var changedB = Cluster("kube_default_b_80", connectTimeoutSeconds: 3);
        host.Source.Set(WaypointB, Set(changedB));
        Assert.Equal(Sotw(ClusterType, "2", changedB), await streamB.NextAsync());
    }

    [Fact]
    public async Task A_node_naming_an_unknown_Gateway_gets_the_empty_snapshot_its_source_gives()
    {
        await using var host = await XdsTestHost.StartAsync();
        host.Source.Set(WaypointA, Set(ClusterA, EndpointsA, MainListener, RoutesA));
        await using var stream = host.OpenSotw();
        await stream.SendAsync(Request(ClusterType, NodeOf(new("infra", "nobody"))));
        await stream.SendAsync(Request(ListenerType));

        Assert.Equal(Sotw(ClusterType, "1"), await stream.NextAsync());
        Assert.Equal(Sotw(ListenerType, "2"), await stream.NextAsync());
        Assert.Equal("unknown", Assert.Single(host.Proxies.Proxies).SnapshotKey);
    }

    [Fact]
    public async Task A_cluster_the_proxys_listeners_still_name_is_removed_only_after_it_acknowledges_listeners_that_do_not()
    {
        await using var host = await XdsTestHost.StartAsync();
        host.Source.Set(WaypointA, Set(ClusterA, ClusterB, EndpointsA, EndpointsB, MainListener));
        await using var stream = host.OpenSotw();
        await SubscribeToClustersEndpointsAndListenersAndAckAsync(stream);
        await stream.SendAsync(Request(RouteType));
        Assert.Equal(Sotw(RouteType, "4"), await stream.NextAsync()); // answered after the ACKs before it are handled

        // Cluster a goes and the listener moves to b: clusters keep a (so they are not sent) until the listener is acknowledged.
        var listenerToB = Listener("main", "kube_default_b_80");
        host.Source.Set(WaypointA, Set(ClusterB, EndpointsB, listenerToB));
        Assert.Equal(Sotw(EndpointType, "5", EndpointsB), await stream.NextAsync().AckedBy(stream));
        Assert.Equal(Sotw(ListenerType, "6", listenerToB), await stream.NextAsync().AckedBy(stream));
        Assert.Equal(Sotw(ClusterType, "7", ClusterB), await stream.NextAsync());
    }

    [Fact]
    public async Task A_request_after_a_NACK_with_its_nonce_and_the_last_good_version_acknowledges_nothing()
    {
        await using var host = await XdsTestHost.StartAsync();
        host.Source.Set(WaypointA, Set(ClusterA, ClusterB, EndpointsA, EndpointsB, MainListener));
        await using var stream = host.OpenSotw();
        await SubscribeToClustersEndpointsAndListenersAndAckAsync(stream);
        await Kubernetes.KubernetesApiDouble.WaitUntilAsync(() => AckedListeners(host) == TypeVersion(MainListener), "the listener ACK");

        // Cluster a goes and the listener moves to b, but the proxy rejects that listener: it keeps naming a.
        var listenerToB = Listener("main", "kube_default_b_80");
        host.Source.Set(WaypointA, Set(ClusterB, EndpointsB, listenerToB));
        Assert.Equal(Sotw(EndpointType, "4", EndpointsB), await stream.NextAsync().AckedBy(stream));
        var listeners = await stream.NextAsync();
        Assert.Equal(Sotw(ListenerType, "5", listenerToB), listeners);
        await stream.SendAsync(Nack(listeners, TypeVersion(MainListener), "listener main: invalid filter chain"));

        // Envoy's next request keeps the rejected nonce and its last accepted version, without error_detail: not an
        // ACK, so cluster a stays. Taken as one, clusters without a would be the next response, before the routes the
        // request after it opens.
        await stream.SendAsync(Request(ListenerType, version: TypeVersion(MainListener), nonce: listeners.Nonce));
        await stream.SendAsync(Request(RouteType));
        Assert.Equal(Sotw(RouteType, "6"), await stream.NextAsync());
        Assert.Equal(TypeVersion(MainListener), AckedListeners(host));
    }

    [Fact]
    public async Task Changes_that_come_while_a_stream_is_busy_are_pushed_once_from_the_latest_snapshot()
    {
        await using var host = await XdsTestHost.StartAsync();
        host.Source.Set(WaypointA, Set(ClusterA));
        await using var stream = host.OpenSotw();
        await stream.SendAsync(Request(ClusterType, NodeOf(WaypointA)));
        Assert.Equal(Sotw(ClusterType, "1", ClusterA), await stream.NextAsync().AckedBy(stream));
        await stream.SendAsync(Request(ListenerType));
        Assert.Equal(Sotw(ListenerType, "2"), await stream.NextAsync());
        var readsBefore = host.Source.ReadCount;

        // The stream is held reading its snapshot for the first change while two more come.
        host.Source.PauseReads();
        host.Source.Set(WaypointA, Set(Cluster("kube_default_a_80", connectTimeoutSeconds: 1)));
        await host.Source.HeldReadAsync();
        host.Source.Set(WaypointA, Set(Cluster("kube_default_a_80", connectTimeoutSeconds: 2)));
        var latest = Cluster("kube_default_a_80", connectTimeoutSeconds: 3);
        host.Source.Set(WaypointA, Set(latest));
        host.Source.ResumeReads();

        Assert.Equal(Sotw(ClusterType, "3", latest), await stream.NextAsync());
        await stream.SendAsync(Request(RouteType));
        Assert.Equal(Sotw(RouteType, "4"), await stream.NextAsync());

        // The held read, one for the two later changes together, one for the route request.
        Assert.Equal(readsBefore + 3, host.Source.ReadCount);
    }

    private static string AckedListeners(XdsTestHost host) => Assert.Single(host.Proxies.Proxies).AckedVersions.GetValueOrDefault(ListenerType, string.Empty);

    // Clusters a and b, their endpoints and the listener to a, subscribed to at once and each acknowledged.
    private static async Task SubscribeToClustersEndpointsAndListenersAndAckAsync(AdsTestStream<DiscoveryRequest, DiscoveryResponse> stream)
    {
        await stream.SendAsync(Request(ClusterType, NodeOf(WaypointA)));
        await stream.SendAsync(Request(EndpointType));
        await stream.SendAsync(Request(ListenerType));
        Assert.Equal(Sotw(ClusterType, "1", ClusterA, ClusterB), await stream.NextAsync().AckedBy(stream));
        Assert.Equal(Sotw(EndpointType, "2", EndpointsA, EndpointsB), await stream.NextAsync().AckedBy(stream));
        Assert.Equal(Sotw(ListenerType, "3", MainListener), await stream.NextAsync().AckedBy(stream));
    }

    private static async Task SubscribeAndAckAllAsync(AdsTestStream<DiscoveryRequest, DiscoveryResponse> stream)
    {
        await stream.SendAsync(Request(ClusterType, NodeOf(WaypointA)));
        Assert.Equal(Sotw(ClusterType, "1", ClusterA), await stream.NextAsync().AckedBy(stream));
        await stream.SendAsync(Request(EndpointType));
        Assert.Equal(Sotw(EndpointType, "2", EndpointsA), await stream.NextAsync().AckedBy(stream));
        await stream.SendAsync(Request(ListenerType));
        Assert.Equal(Sotw(ListenerType, "3", MainListener), await stream.NextAsync().AckedBy(stream));
        await stream.SendAsync(Request(RouteType));
        Assert.Equal(Sotw(RouteType, "4", RoutesA), await stream.NextAsync().AckedBy(stream));
    }
}
