using RulesMesh.Capture;
using RulesMesh.Store;
using static RulesMesh.Tests.Translation.Backends.BackendsHarness;

namespace RulesMesh.Tests.Translation;

/// <summary>
/// A namespaced object whose manifest names no namespace is in <c>default</c>, as kubectl reads it, for capture and for
/// translation alike: the waypoint that captures the Service, its cluster and the EndpointSlice that feeds it are all
/// found in <c>default</c>.
/// </summary>
public sealed class MissingNamespaceTests
{
    private const string Mesh = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: { name: waypoint }
        spec:
          gatewayClassName: kgateway-waypoint
          listeners:
          - { name: proxy, port: 15088, protocol: istio.io/PROXY }
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: reviews
          labels: { istio.io/use-waypoint: waypoint }
        spec:
          clusterIP: 10.0.0.7
          ports:
          - { name: http, port: 9080, targetPort: 8080 }
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata:
          name: reviews-a
          labels: { kubernetes.io/service-name: reviews }
        addressType: IPv4
        ports:
        - { name: http, port: 8080 }
        endpoints:
        - addresses: [10.1.0.5]
        ---
        apiVersion: v1
        kind: Node
        metadata: { name: node-a }
        """;

    [Fact]
    public void Capture_and_translation_both_read_a_missing_namespace_as_default()
    {
        var capture = new WaypointCapture(WaypointPipelines.Create()).Run(Load(Mesh));
        var snapshot = Translate(Mesh);

        var waypoint = Assert.Single(capture.Gateways);
        Assert.Equal("default/waypoint", waypoint.Name.ToString());
        Assert.Equal("default", Assert.Single(waypoint.Services).Service.Namespace);
        Assert.Equal("10.1.0.5", Assert.Single(Assert.Single(Endpoints(snapshot, "kube_default_reviews_9080").Endpoints).LbEndpoints).Endpoint.Address.SocketAddress.Address);
        Assert.Contains(snapshot.Listeners, l => l.FilterChains.Any(c => c.Name == "fc_http_9080_reviews_default"));
    }

    [Fact]
    public void The_store_puts_a_namespaced_object_without_a_namespace_in_default_and_leaves_a_cluster_scoped_one_in_none()
    {
        var store = ResourceStore.From(Load(Mesh));

        Assert.Equal("default", store.Get<k8s.Models.V1Service>("default", "reviews")!.Metadata.NamespaceProperty);
        Assert.Single(store.InNamespace<k8s.Models.V1EndpointSlice>("default"));
        Assert.Null(store.Get<k8s.Models.V1Node>("", "node-a")!.Metadata.NamespaceProperty);
    }
}
