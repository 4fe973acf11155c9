using RulesMesh.Tests.Translation.Routes;
using static RulesMesh.Tests.Translation.Gateways.GatewayHarness;

namespace RulesMesh.Tests.Translation.Gateways;

/// <summary>Routes on ordinary Gateways reach Services and ServiceEntries (by kind and by Hostname), alone or weighted.</summary>
public sealed class GatewayBackendTests
{
    private const string ServiceEntry = """
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: example-se, namespace: gwtest}
        spec:
          hosts: [se.example.com]
          ports: [{number: 80, name: http, protocol: HTTP}]
          resolution: STATIC
          location: MESH_INTERNAL
          endpoints: [{address: 1.1.1.1}]
        ---

        """;

    private static RulesMesh.Translation.Output.XdsSnapshot WithRule(string rule)
        => Translate(Gateway("gw", Listener("http", 8080)) + TwoServices + ServiceEntry + HttpRoute("r", [Parent()], hostnames: ["app.example.com"], rules: [rule]));

    private static Envoy.Config.Route.V3.Route OnlyRoute(RulesMesh.Translation.Output.XdsSnapshot snapshot)
        => Assert.Single(VirtualHost(snapshot, "listener~8080~app_example_com").Routes);

    [Fact]
    public void A_route_to_a_Service_goes_to_its_port_cluster()
    {
        var snapshot = WithRule("{backendRefs: [{name: svc-b, port: 9000}]}");

        Assert.Equal("kube_gwtest_svc-b_9000", OnlyRoute(snapshot).Route_.Cluster);
        Assert.Contains(snapshot.Clusters, c => c.Name == "kube_gwtest_svc-b_9000");
    }

    [Fact]
    public void A_route_to_a_ServiceEntry_goes_to_its_host_and_port_cluster()
    {
        var snapshot = WithRule("{backendRefs: [{group: networking.istio.io, kind: ServiceEntry, name: example-se, port: 80}]}");

        Assert.Equal("istio-se_gwtest_example-se_se.example.com_80", OnlyRoute(snapshot).Route_.Cluster);
        Assert.Contains(snapshot.Clusters, c => c.Name == "istio-se_gwtest_example-se_se.example.com_80");
    }

    [Fact]
    public void A_route_to_a_Hostname_finds_the_ServiceEntry_that_has_it()
    {
        var snapshot = WithRule("{backendRefs: [{group: networking.istio.io, kind: Hostname, name: se.example.com, port: 80}]}");

        Assert.Equal("istio-se_gwtest_example-se_se.example.com_80", OnlyRoute(snapshot).Route_.Cluster);
    }

    [Fact]
    public void Several_backends_become_weighted_clusters()
    {
        var snapshot = WithRule("{backendRefs: [{name: svc-a, port: 5000, weight: 3}, {group: networking.istio.io, kind: ServiceEntry, name: example-se, port: 80, weight: 1}]}");

        RouteHarness.AssertJson("""
            {
              "weightedClusters": { "clusters": [
                { "name": "kube_gwtest_svc-a_5000", "weight": 3 },
                { "name": "istio-se_gwtest_example-se_se.example.com_80", "weight": 1 }
              ] },
              "clusterNotFoundResponseCode": "INTERNAL_SERVER_ERROR"
            }
            """, OnlyRoute(snapshot).Route_);
    }

    [Fact]
    public void A_Service_backend_gets_its_endpoints_from_EndpointSlices()
    {
        const string slice = """
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata: {name: svc-a-1, namespace: gwtest, labels: {kubernetes.io/service-name: svc-a}}
            addressType: IPv4
            endpoints: [{addresses: [10.244.0.7], conditions: {ready: true}}]
            ports: [{name: http, port: 8080, protocol: TCP}]
            ---

            """;
        var snapshot = Translate(Gateway("gw", Listener("http", 8080)) + TwoServices + slice + HttpRoute("r", [Parent()]));

        var assignment = Assert.Single(snapshot.Endpoints, e => e.ClusterName == "kube_gwtest_svc-a_5000");
        var endpoint = assignment.Endpoints.Single().LbEndpoints.Single().Endpoint.Address.SocketAddress;
        Assert.Equal(("10.244.0.7", 8080u), (endpoint.Address, endpoint.PortValue));
    }
}
