using Envoy.Service.Discovery.V3;
using RulesMesh.Engine;
using static RulesMesh.Server.Tests.Xds.TestResources;

namespace RulesMesh.Server.Tests.Xds;

/// <summary>
/// <c>DeltaAggregatedResources</c> against the real service on Kestrel. Each resource's version is its content hash;
/// <c>system_version_info</c> is <see cref="TestResources.TypeVersion"/> of everything the proxy holds after the response.
/// </summary>
public sealed class IncrementalTests
{
    private static readonly VersionedResource ClusterA = Cluster("kube_default_a_80");
    private static readonly VersionedResource ClusterB = Cluster("kube_default_b_80");
    private static readonly VersionedResource EndpointsA = Endpoints("kube_default_a_80", "10.0.0.1");
    private static readonly VersionedResource EndpointsB = Endpoints("kube_default_b_80", "10.0.0.2");
    private static readonly VersionedResource MainListener = Listener("main", "kube_default_a_80");
    private static readonly VersionedResource RoutesA = Route("routes", "kube_default_a_80");

    [Fact]
    public async Task A_wildcard_subscription_gets_every_resource_with_its_content_version()
    {
        await using var host = await XdsTestHost.StartAsync();
        host.Source.Set(WaypointA, Set(ClusterA, EndpointsA, MainListener, RoutesA));
        await using var stream = host.OpenDelta();
        await stream.SendAsync(new DeltaDiscoveryRequest { TypeUrl = ClusterType, Node = NodeOf(WaypointA) });
        Assert.Equal(Delta(ClusterType, "1", [ClusterA], [], [ClusterA]), await stream.NextAsync());
        await stream.SendAsync(new DeltaDiscoveryRequest { TypeUrl = EndpointType });
        Assert.Equal(Delta(EndpointType, "2", [EndpointsA], [], [EndpointsA]), await stream.NextAsync());
        await stream.SendAsync(new DeltaDiscoveryRequest { TypeUrl = ListenerType });
        Assert.Equal(Delta(ListenerType, "3", [MainListener], [], [MainListener]), await stream.NextAsync());
        await stream.SendAsync(new DeltaDiscoveryRequest { TypeUrl = RouteType });
        Assert.Equal(Delta(RouteType, "4", [RoutesA], [], [RoutesA]), await stream.NextAsync());
    }

    [Fact]
    public async Task Named_subscriptions_get_what_they_name_and_lose_what_they_unsubscribe_or_what_is_gone()
    {
        await using var host = await XdsTestHost.StartAsync();
        host.Source.Set(WaypointA, Set(EndpointsA, EndpointsB));
        await using var stream = host.OpenDelta();
        await stream.SendAsync(Subscribe(EndpointType, NodeOf(WaypointA), nonce: "", "kube_default_a_80"));
        Assert.Equal(Delta(EndpointType, "1", [EndpointsA], [], [EndpointsA]), await stream.NextAsync());

        await stream.SendAsync(Subscribe(EndpointType, null, nonce: "1", "kube_default_b_80"));
        Assert.Equal(Delta(EndpointType, "2", [EndpointsB], [], [EndpointsA, EndpointsB]), await stream.NextAsync());

        // Unsubscribed from a: when both change only b is sent.
        await stream.SendAsync(new DeltaDiscoveryRequest { TypeUrl = EndpointType, ResponseNonce = "2", ResourceNamesUnsubscribe = { "kube_default_a_80" } });
        await BarrierAsync(stream, "3");
        var movedA = Endpoints("kube_default_a_80", "10.0.1.1");
        var movedB = Endpoints("kube_default_b_80", "10.0.1.2");
        host.Source.Set(WaypointA, Set(movedA, movedB));
        Assert.Equal(Delta(EndpointType, "4", [movedB], [], [movedB]), await stream.NextAsync());

        await stream.SendAsync(new DeltaDiscoveryRequest { TypeUrl = EndpointType, ResponseNonce = "4" });
        host.Source.Set(WaypointA, Set(movedA));
        Assert.Equal(Delta(EndpointType, "5", [], ["kube_default_b_80"], []), await stream.NextAsync());

        // A name that does not exist is listed as removed once, so the proxy need not wait for it; b is not listed again.
        await stream.SendAsync(Subscribe(EndpointType, null, nonce: "5", "kube_default_c_80"));
        Assert.Equal(Delta(EndpointType, "6", [], ["kube_default_c_80"], []), await stream.NextAsync());
    }

    [Fact]
    public async Task A_wildcard_added_to_a_named_subscription_sends_the_rest_and_removing_it_keeps_only_the_names()
    {
        await using var host = await XdsTestHost.StartAsync();
        host.Source.Set(WaypointA, Set(ClusterA, ClusterB));
        await using var stream = host.OpenDelta();
        await stream.SendAsync(Subscribe(ClusterType, NodeOf(WaypointA), nonce: "", "kube_default_a_80"));
        Assert.Equal(Delta(ClusterType, "1", [ClusterA], [], [ClusterA]), await stream.NextAsync());

        await stream.SendAsync(Subscribe(ClusterType, null, nonce: "1", "*"));
        Assert.Equal(Delta(ClusterType, "2", [ClusterB], [], [ClusterA, ClusterB]), await stream.NextAsync());

        // Without the wildcard the proxy drops b and keeps a: a change of both sends a only.
        await stream.SendAsync(new DeltaDiscoveryRequest { TypeUrl = ClusterType, ResponseNonce = "2", ResourceNamesUnsubscribe = { "*" } });
        await BarrierAsync(stream, "3");
        var changedA = Cluster("kube_default_a_80", connectTimeoutSeconds: 2);
        var changedB = Cluster("kube_default_b_80", connectTimeoutSeconds: 2);
        host.Source.Set(WaypointA, Set(changedA, changedB));
        Assert.Equal(Delta(ClusterType, "4", [changedA], [], [changedA]), await stream.NextAsync());
    }

    [Fact]
    public async Task A_proxy_reconnecting_with_the_versions_it_has_is_sent_only_what_differs_and_what_is_gone()
    {
        await using var host = await XdsTestHost.StartAsync();
        host.Source.Set(WaypointA, Set(ClusterA, ClusterB));
        await using var stream = host.OpenDelta();
        await stream.SendAsync(new DeltaDiscoveryRequest
        {
            TypeUrl = ClusterType,
            Node = NodeOf(WaypointA),
            InitialResourceVersions = { [ClusterA.Name] = ClusterA.Version, [ClusterB.Name] = "0000000000000000", ["kube_default_gone_80"] = "1111111111111111" },
        });
        Assert.Equal(Delta(ClusterType, "1", [ClusterB], ["kube_default_gone_80"], [ClusterA, ClusterB]), await stream.NextAsync());
    }

    [Fact]
    public async Task A_proxy_reconnecting_with_every_current_version_is_sent_nothing_until_something_changes()
    {
        await using var host = await XdsTestHost.StartAsync();
        host.Source.Set(WaypointA, Set(ClusterA, ClusterB));
        await using var stream = host.OpenDelta();
        await stream.SendAsync(new DeltaDiscoveryRequest
        {
            TypeUrl = ClusterType,
            Node = NodeOf(WaypointA),
            InitialResourceVersions = { [ClusterA.Name] = ClusterA.Version, [ClusterB.Name] = ClusterB.Version },
        });

        // The first wildcard request is answered even so, with nothing in it (go-control-plane's IsWildcard && IsFirst).
        Assert.Equal(Delta(ClusterType, "1", [], [], [ClusterA, ClusterB]), await stream.NextAsync());

        var changedB = Cluster("kube_default_b_80", connectTimeoutSeconds: 4);
        host.Source.Set(WaypointA, Set(ClusterA, changedB));
        Assert.Equal(Delta(ClusterType, "2", [changedB], [], [ClusterA, changedB]), await stream.NextAsync());
    }

    [Fact]
    public async Task A_request_with_no_type_url_ends_the_stream_with_InvalidArgument()
    {
        await using var host = await XdsTestHost.StartAsync();
        await using var stream = host.OpenDelta();
        await stream.SendAsync(new DeltaDiscoveryRequest { Node = NodeOf(WaypointA) });

        var error = await Assert.ThrowsAsync<Grpc.Core.RpcException>(stream.NextAsync);
        Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("An ADS request must carry a type_url.", error.Status.Detail);
    }

    [Fact]
    public async Task A_first_wildcard_request_with_nothing_to_send_is_answered_with_an_empty_response()
    {
        await using var host = await XdsTestHost.StartAsync();
        host.Source.Set(WaypointA, Set(ClusterA));
        await using var stream = host.OpenDelta();

        // A node naming no Gateway the source holds gets an empty snapshot: Envoy still needs an answer to finish init.
        await stream.SendAsync(new DeltaDiscoveryRequest { TypeUrl = ClusterType, Node = NodeOf(WaypointB) });
        Assert.Equal(Delta(ClusterType, "1", [], [], []), await stream.NextAsync());
        await stream.SendAsync(new DeltaDiscoveryRequest { TypeUrl = ListenerType });
        Assert.Equal(Delta(ListenerType, "2", [], [], []), await stream.NextAsync());

        // Only the first: the ACK of the empty response is not answered again (the barrier's answer comes next).
        await stream.SendAsync(new DeltaDiscoveryRequest { TypeUrl = ListenerType, ResponseNonce = "2" });
        await BarrierAsync(stream, "3");
    }

    [Fact]
    public async Task A_named_first_request_for_what_the_proxy_already_holds_is_not_answered()
    {
        await using var host = await XdsTestHost.StartAsync();
        host.Source.Set(WaypointA, Set(EndpointsA));
        await using var stream = host.OpenDelta();
        var request = Subscribe(EndpointType, NodeOf(WaypointA), nonce: "", "kube_default_a_80");
        request.InitialResourceVersions[EndpointsA.Name] = EndpointsA.Version;
        await stream.SendAsync(request);

        await BarrierAsync(stream, "1");
    }

    [Fact]
    public async Task The_endpoints_of_a_removed_cluster_are_removed_only_after_the_cluster_once_listeners_stop_naming_it()
    {
        await using var host = await XdsTestHost.StartAsync();
        host.Source.Set(WaypointA, Set(ClusterA, ClusterB, EndpointsA, EndpointsB, MainListener));
        await using var stream = host.OpenDelta();
        await stream.SendAsync(new DeltaDiscoveryRequest { TypeUrl = ClusterType, Node = NodeOf(WaypointA) });
        Assert.Equal(Delta(ClusterType, "1", [ClusterA, ClusterB], [], [ClusterA, ClusterB]), await stream.NextAsync());
        await stream.SendAsync(new DeltaDiscoveryRequest { TypeUrl = ClusterType, ResponseNonce = "1" });
        await stream.SendAsync(Subscribe(EndpointType, null, nonce: "", "kube_default_a_80", "kube_default_b_80"));
        Assert.Equal(Delta(EndpointType, "2", [EndpointsA, EndpointsB], [], [EndpointsA, EndpointsB]), await stream.NextAsync());
        await stream.SendAsync(new DeltaDiscoveryRequest { TypeUrl = EndpointType, ResponseNonce = "2" });
        await stream.SendAsync(new DeltaDiscoveryRequest { TypeUrl = ListenerType });
        Assert.Equal(Delta(ListenerType, "3", [MainListener], [], [MainListener]), await stream.NextAsync());
        await stream.SendAsync(new DeltaDiscoveryRequest { TypeUrl = ListenerType, ResponseNonce = "3" });

        // Service a is deleted: the xDS protocol's make-before-break has the listener updated first; cluster a and then
        // its endpoints go once the proxy holds a listener that no longer names it.
        var listenerToB = Listener("main", "kube_default_b_80");
        host.Source.Set(WaypointA, Set(ClusterB, EndpointsB, listenerToB));
        Assert.Equal(Delta(ListenerType, "4", [listenerToB], [], [listenerToB]), await stream.NextAsync());
        await stream.SendAsync(new DeltaDiscoveryRequest { TypeUrl = ListenerType, ResponseNonce = "4" });
        Assert.Equal(Delta(ClusterType, "5", [], ["kube_default_a_80"], [ClusterB]), await stream.NextAsync());
        Assert.Equal(Delta(EndpointType, "6", [], ["kube_default_a_80"], [EndpointsB]), await stream.NextAsync());
    }

    [Fact]
    public async Task A_NACK_keeps_the_proxy_on_its_last_good_resource_which_is_not_resent_until_it_changes()
    {
        await using var host = await XdsTestHost.StartAsync();
        await using var stream = await ClusterAAckedAsync(host);

        var rejected = Cluster("kube_default_a_80", connectTimeoutSeconds: 0);
        host.Source.Set(WaypointA, Set(rejected));
        Assert.Equal(Delta(ClusterType, "2", [rejected], [], [rejected]), await stream.NextAsync());
        await stream.SendAsync(DeltaNack(ClusterType, "2", "connect_timeout must be positive"));
        await BarrierAsync(stream, "3");

        // A new cluster comes: it is sent, the rejected one is not; the proxy holds its last good a.
        host.Source.Set(WaypointA, Set(rejected, ClusterB));
        Assert.Equal(Delta(ClusterType, "4", [ClusterB], [], [ClusterA, ClusterB]), await stream.NextAsync());
        Assert.Equal(1, host.Nacks("Cluster"));
        var nack = Assert.Single(host.Proxies.Proxies).LastNack!;
        Assert.Equal((ClusterType, TypeVersion(rejected), "2", "connect_timeout must be positive"), (nack.TypeUrl, nack.Version, nack.Nonce, nack.ErrorDetail));
        Assert.Equal(["kube_default_a_80"], nack.ResourceNames);

        var fixedCluster = Cluster("kube_default_a_80", connectTimeoutSeconds: 6);
        host.Source.Set(WaypointA, Set(fixedCluster, ClusterB));
        Assert.Equal(Delta(ClusterType, "5", [fixedCluster], [], [fixedCluster, ClusterB]), await stream.NextAsync());
    }

    [Fact]
    public async Task A_rejected_resource_unsubscribed_and_subscribed_again_is_sent_again()
    {
        await using var host = await XdsTestHost.StartAsync();
        var rejected = Endpoints("kube_default_a_80", "10.0.0.9");
        host.Source.Set(WaypointA, Set(EndpointsA));
        await using var stream = host.OpenDelta();
        await stream.SendAsync(Subscribe(EndpointType, NodeOf(WaypointA), nonce: "", "kube_default_a_80"));
        Assert.Equal(Delta(EndpointType, "1", [EndpointsA], [], [EndpointsA]), await stream.NextAsync());
        await stream.SendAsync(new DeltaDiscoveryRequest { TypeUrl = EndpointType, ResponseNonce = "1" });
        host.Source.Set(WaypointA, Set(rejected));
        Assert.Equal(Delta(EndpointType, "2", [rejected], [], [rejected]), await stream.NextAsync());
        await stream.SendAsync(DeltaNack(EndpointType, "2", "unroutable address"));

        // A new subscription asks for the resource afresh: it is answered (a proxy would otherwise time out waiting).
        await stream.SendAsync(new DeltaDiscoveryRequest { TypeUrl = EndpointType, ResourceNamesUnsubscribe = { "kube_default_a_80" } });
        await stream.SendAsync(Subscribe(EndpointType, null, nonce: "", "kube_default_a_80"));
        Assert.Equal(Delta(EndpointType, "3", [rejected], [], [rejected]), await stream.NextAsync());
    }

    [Fact]
    public async Task A_rejected_new_resource_is_sent_again_after_the_wildcard_is_unsubscribed_and_subscribed_again()
    {
        await using var host = await XdsTestHost.StartAsync();
        await using var stream = await ClusterAAckedAsync(host);
        host.Source.Set(WaypointA, Set(ClusterA, ClusterB));
        Assert.Equal(Delta(ClusterType, "2", [ClusterB], [], [ClusterA, ClusterB]), await stream.NextAsync());
        await stream.SendAsync(DeltaNack(ClusterType, "2", "cluster b refused"));

        await stream.SendAsync(new DeltaDiscoveryRequest { TypeUrl = ClusterType, ResourceNamesUnsubscribe = { "*" } });
        await stream.SendAsync(new DeltaDiscoveryRequest { TypeUrl = ClusterType, ResourceNamesSubscribe = { "*" } });
        Assert.Equal(Delta(ClusterType, "3", [ClusterA, ClusterB], [], [ClusterA, ClusterB]), await stream.NextAsync());
    }

    [Fact]
    public async Task A_cluster_the_proxys_listeners_still_name_is_removed_only_after_it_acknowledges_listeners_that_do_not()
    {
        await using var host = await XdsTestHost.StartAsync();
        host.Source.Set(WaypointA, Set(ClusterA, ClusterB, MainListener));
        await using var stream = host.OpenDelta();
        await stream.SendAsync(new DeltaDiscoveryRequest { TypeUrl = ClusterType, Node = NodeOf(WaypointA) });
        Assert.Equal(Delta(ClusterType, "1", [ClusterA, ClusterB], [], [ClusterA, ClusterB]), await stream.NextAsync());
        await stream.SendAsync(new DeltaDiscoveryRequest { TypeUrl = ClusterType, ResponseNonce = "1" });
        await stream.SendAsync(new DeltaDiscoveryRequest { TypeUrl = ListenerType });
        Assert.Equal(Delta(ListenerType, "2", [MainListener], [], [MainListener]), await stream.NextAsync());
        await stream.SendAsync(new DeltaDiscoveryRequest { TypeUrl = ListenerType, ResponseNonce = "2" });

        var listenerToB = Listener("main", "kube_default_b_80");
        host.Source.Set(WaypointA, Set(ClusterB, listenerToB));
        Assert.Equal(Delta(ListenerType, "3", [listenerToB], [], [listenerToB]), await stream.NextAsync());
        await stream.SendAsync(new DeltaDiscoveryRequest { TypeUrl = ListenerType, ResponseNonce = "3" });
        Assert.Equal(Delta(ClusterType, "4", [], ["kube_default_a_80"], [ClusterB]), await stream.NextAsync());
    }

    /// <summary>
    /// Subscribes to a route configuration that does not exist: the answer (it is listed as removed) shows every request
    /// sent before has been handled, so a change made next cannot overtake them.
    /// </summary>
    private static async Task BarrierAsync(AdsTestStream<DeltaDiscoveryRequest, DeltaDiscoveryResponse> stream, string nonce)
    {
        await stream.SendAsync(Subscribe(RouteType, null, nonce: "", "barrier-" + nonce));
        Assert.Equal(Delta(RouteType, nonce, [], ["barrier-" + nonce], []), await stream.NextAsync());
    }

    // The proxy rejects the response of nonce nonce with error (gRPC status INVALID_ARGUMENT, as Envoy sends).
    private static DeltaDiscoveryRequest DeltaNack(string typeUrl, string nonce, string error)
        => new() { TypeUrl = typeUrl, ResponseNonce = nonce, ErrorDetail = new Google.Rpc.Status { Code = 3, Message = error } };

    private static DeltaDiscoveryRequest Subscribe(string typeUrl, Envoy.Config.Core.V3.Node? node, string nonce, params string[] names)
    {
        var request = new DeltaDiscoveryRequest { TypeUrl = typeUrl, Node = node, ResponseNonce = nonce };
        request.ResourceNamesSubscribe.AddRange(names);
        return request;
    }

    /// <summary>A delta stream of waypoint a's proxy that subscribed to clusters (wildcard) and acknowledged cluster a.</summary>
    private static async Task<AdsTestStream<DeltaDiscoveryRequest, DeltaDiscoveryResponse>> ClusterAAckedAsync(XdsTestHost host)
    {
        host.Source.Set(WaypointA, Set(ClusterA));
        var stream = host.OpenDelta();
        await stream.SendAsync(new DeltaDiscoveryRequest { TypeUrl = ClusterType, Node = NodeOf(WaypointA) });
        Assert.Equal(Delta(ClusterType, "1", [ClusterA], [], [ClusterA]), await stream.NextAsync());
        await stream.SendAsync(new DeltaDiscoveryRequest { TypeUrl = ClusterType, ResponseNonce = "1" });
        return stream;
    }
}
