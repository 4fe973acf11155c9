using static RulesMesh.Tests.Translation.Backends.BackendsHarness;

namespace RulesMesh.Tests.Translation.Backends;

/// <summary>kgateway.backends.service-endpoints: a Service's EDS assignment from its EndpointSlices.</summary>
public sealed class ServiceEndpointsTests
{
    private const string Mesh = """
        apiVersion: v1
        kind: Service
        metadata: { name: reviews, namespace: shop }
        spec:
          clusterIP: 10.0.0.7
          ports:
          - { name: http, port: 9080, targetPort: 8080 }
          - { name: admin, port: 9901 }
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata:
          name: reviews-b
          namespace: shop
          labels: { kubernetes.io/service-name: reviews }
        addressType: IPv4
        ports:
        - { name: http, port: 8080 }
        - { name: admin, port: 9901 }
        endpoints:
        - addresses: [10.1.0.1]
          conditions: { ready: true }
          targetRef: { kind: Pod, name: reviews-1, namespace: shop }
        - addresses: [10.1.0.2]
          conditions: { ready: false }
        - addresses: [10.1.0.3]
          nodeName: node-b
        - addresses: [10.1.0.4]
          zone: z9
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata:
          name: reviews-a
          namespace: shop
          labels: { kubernetes.io/service-name: reviews }
        addressType: IPv4
        ports:
        - { name: http, port: 8080 }
        endpoints:
        - addresses: [10.1.0.5]
        - addresses: [10.1.0.4]
          zone: z9
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata:
          name: other
          namespace: shop
          labels: { kubernetes.io/service-name: ratings }
        addressType: IPv4
        ports:
        - { name: http, port: 8080 }
        endpoints:
        - addresses: [10.9.9.9]
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: reviews-1, namespace: shop }
        spec:
          nodeName: node-a
          containers: [{ name: app, image: reviews }]
        ---
        apiVersion: v1
        kind: Node
        metadata:
          name: node-a
          labels: { topology.kubernetes.io/region: r1, topology.kubernetes.io/zone: r1z1, topology.istio.io/subzone: s1 }
        ---
        apiVersion: v1
        kind: Node
        metadata:
          name: node-b
          labels: { topology.kubernetes.io/region: r2, topology.kubernetes.io/zone: r2z1 }
        """;

    [Fact]
    public void ReadyAddressesOfTheServicesSlicesOnThePortOfTheSameNameGroupedByTheirPodsNodeLocality()
    {
        var snapshot = Translate(Mesh);

        // Only 10.1.0.1 has a target Pod (on node-a); the slices' nodeName and zone are not read (priorities spec §B2).
        AssertJson("""
            {
              "clusterName": "kube_shop_reviews_9080",
              "endpoints": [
                {
                  "lbEndpoints": [
                    { "endpoint": { "address": { "socketAddress": { "address": "10.1.0.5", "portValue": 8080 } } }, "loadBalancingWeight": 1 },
                    { "endpoint": { "address": { "socketAddress": { "address": "10.1.0.4", "portValue": 8080 } } }, "loadBalancingWeight": 1 },
                    { "endpoint": { "address": { "socketAddress": { "address": "10.1.0.3", "portValue": 8080 } } }, "loadBalancingWeight": 1 }
                  ],
                  "loadBalancingWeight": 3
                },
                {
                  "lbEndpoints": [ { "endpoint": { "address": { "socketAddress": { "address": "10.1.0.1", "portValue": 8080 } } }, "loadBalancingWeight": 1 } ],
                  "loadBalancingWeight": 1,
                  "locality": { "region": "r1", "zone": "r1z1", "subZone": "s1" }
                }
              ]
            }
            """, Endpoints(snapshot, "kube_shop_reviews_9080"));
    }

    [Fact]
    public void EachServicePortReadsOnlySlicesThatHaveThatPort()
    {
        var endpoints = Endpoints(Translate(Mesh), "kube_shop_reviews_9901");

        Assert.Equal(
            ["10.1.0.1", "10.1.0.3", "10.1.0.4"],
            endpoints.Endpoints.SelectMany(static g => g.LbEndpoints).Select(static e => e.Endpoint.Address.SocketAddress.Address).Order(StringComparer.Ordinal));
        Assert.All(endpoints.Endpoints.SelectMany(static g => g.LbEndpoints), static e => Assert.Equal(9901u, e.Endpoint.Address.SocketAddress.PortValue));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(40)]
    public void AnAddressListedTwiceIsOneEndpoint(int count)
    {
        var addresses = string.Join(", ", Enumerable.Range(1, count).Select(static i => $"10.2.0.{i}"));
        var snapshot = Translate($$"""
            apiVersion: v1
            kind: Service
            metadata: { name: many, namespace: shop }
            spec:
              ports: [{ name: http, port: 80 }]
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata: { name: many-a, namespace: shop, labels: { kubernetes.io/service-name: many } }
            addressType: IPv4
            ports: [{ name: http, port: 80 }]
            endpoints:
            - addresses: [{{addresses}}, 10.2.0.1]
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata: { name: many-b, namespace: shop, labels: { kubernetes.io/service-name: many } }
            addressType: IPv4
            ports: [{ name: http, port: 80 }]
            endpoints:
            - addresses: [10.2.0.2, 10.3.0.1]
            """);

        var listed = Endpoints(snapshot, "kube_shop_many_80").Endpoints.SelectMany(static g => g.LbEndpoints).Select(static e => e.Endpoint.Address.SocketAddress.Address).ToList();
        Assert.Equal([.. Enumerable.Range(1, count).Select(static i => $"10.2.0.{i}"), "10.3.0.1"], listed);
    }

    [Fact]
    public void AServiceWithoutSlicesHasAnEmptyAssignment()
    {
        var snapshot = Translate("""
            apiVersion: v1
            kind: Service
            metadata: { name: lonely, namespace: shop }
            spec:
              ports: [{ port: 80 }]
            """);

        var assignment = Endpoints(snapshot, "kube_shop_lonely_80");
        Assert.Empty(assignment.Endpoints);
    }

    [Fact]
    public void AnUnnamedServicePortMatchesAnUnnamedSlicePort()
    {
        var snapshot = Translate("""
            apiVersion: v1
            kind: Service
            metadata: { name: single, namespace: shop }
            spec:
              ports: [{ port: 80, targetPort: 8080 }]
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata:
              name: single-x
              namespace: shop
              labels: { kubernetes.io/service-name: single }
            addressType: IPv4
            ports: [{ port: 8080 }]
            endpoints: [{ addresses: [10.2.0.1] }]
            """);

        var endpoint = Assert.Single(Assert.Single(Endpoints(snapshot, "kube_shop_single_80").Endpoints).LbEndpoints);
        Assert.Equal(8080u, endpoint.Endpoint.Address.SocketAddress.PortValue);
    }

    [Fact]
    public void ServiceEntryClustersThatAreNotEdsGetNoEndpointsResource()
    {
        var snapshot = Translate("""
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: { name: se, namespace: shop }
            spec:
              hosts: [se.example.com]
              ports: [{ number: 80, name: http }]
              resolution: STATIC
              endpoints: [{ address: 1.1.1.1 }]
            """);

        Assert.Empty(snapshot.Endpoints);
    }
}
