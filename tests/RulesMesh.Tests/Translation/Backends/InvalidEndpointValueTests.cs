using static RulesMesh.Tests.Translation.Backends.BackendsHarness;

namespace RulesMesh.Tests.Translation.Backends;

/// <summary>
/// Endpoint values Envoy would refuse — ports outside 1–65535, addresses that are not IPs in EDS, weight totals past
/// 2³²−1, wildcard names in DNS clusters — are dropped with a warning naming the object and field; the other endpoints stay.
/// </summary>
public sealed class InvalidEndpointValueTests
{
    private const string Service = """
        apiVersion: v1
        kind: Service
        metadata: { name: reviews, namespace: shop }
        spec:
          clusterIP: 10.0.0.7
          ports:
          - { name: http, port: 9080 }
        ---

        """;

    private static string Slice(string addressType, int port, string addresses) => $"""
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata:
          name: reviews-a
          namespace: shop
          labels: {"{"} kubernetes.io/service-name: reviews {"}"}
        addressType: {addressType}
        ports:
        - {"{"} name: http, port: {port} {"}"}
        endpoints:
        - addresses: [{addresses}]
        """;

    private static string ServiceEntry(string resolution, string host, string extra) => $"""
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {"{"} name: api, namespace: shop {"}"}
        spec:
          hosts: ['{host}']
          ports:
          - {"{"} number: 80, name: http, protocol: HTTP {"}"}
          resolution: {resolution}
        {extra}
        """;

    private static IEnumerable<string> Addresses(Envoy.Config.Endpoint.V3.ClusterLoadAssignment assignment)
        => assignment.Endpoints.SelectMany(static l => l.LbEndpoints).Select(static e => $"{e.Endpoint.Address.SocketAddress.Address}:{e.Endpoint.Address.SocketAddress.PortValue}");

    [Fact]
    public void EndpointSlice_addresses_that_are_not_IPs_are_dropped_and_the_others_kept()
    {
        var snapshot = Translate(Service + Slice("IPv4", 8080, "10.1.0.1, backend.example.com, 10.1.0.256"));

        Assert.Equal(["10.1.0.1:8080"], Addresses(Endpoints(snapshot, "kube_shop_reviews_9080")));
        Assert.Contains(snapshot.Warnings, w => w.Subject == "EndpointSlice shop/reviews-a" && w.Message == "endpoints[0].addresses[1]: \"backend.example.com\" is not an IP address; the address is dropped");
        Assert.Contains(snapshot.Warnings, w => w.Message == "endpoints[0].addresses[2]: \"10.1.0.256\" is not an IP address; the address is dropped");
    }

    [Fact]
    public void An_FQDN_EndpointSlice_is_ignored_with_a_warning()
    {
        var snapshot = Translate(Service + Slice("FQDN", 8080, "backend.example.com"));

        Assert.Empty(Addresses(Endpoints(snapshot, "kube_shop_reviews_9080")));
        Assert.Contains(snapshot.Warnings, w => w.Subject == "EndpointSlice shop/reviews-a" && w.Message == "addressType FQDN is not IPv4 or IPv6; the slice is ignored");
    }

    [Fact]
    public void An_EndpointSlice_port_outside_the_port_range_is_ignored_with_a_warning()
    {
        var snapshot = Translate(Service + Slice("IPv4", 70000, "10.1.0.1"));

        Assert.Empty(Addresses(Endpoints(snapshot, "kube_shop_reviews_9080")));
        Assert.Contains(snapshot.Warnings, w => w.Message == "ports[0]: port 70000 is outside 1-65535; the port is ignored");
    }

    [Fact]
    public void A_ServiceEntry_endpoint_port_outside_the_range_drops_that_endpoint()
    {
        var snapshot = Translate(ServiceEntry("STATIC", "api.example.com", """
              endpoints:
              - { address: 10.2.0.1, ports: { http: 70000 } }
              - { address: 10.2.0.2 }
            """), validateSchemas: false);

        Assert.Equal(["10.2.0.2:80"], Addresses(Cluster(snapshot, "istio-se_shop_api_api.example.com_80").LoadAssignment));
        Assert.Contains(snapshot.Warnings, w => w.Subject == "ServiceEntry shop/api" && w.Message == "spec.endpoints[0].ports.http: port 70000 is outside 1-65535; the endpoint is dropped");
    }

    [Fact]
    public void A_targetPort_outside_the_range_gets_no_cluster_like_a_service_port_outside_it()
    {
        var snapshot = Translate("""
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: { name: api, namespace: shop }
            spec:
              hosts: [api.example.com]
              ports:
              - { number: 80, name: http, protocol: HTTP, targetPort: 70000 }
              resolution: STATIC
              endpoints:
              - { address: 10.2.0.1 }
            """, validateSchemas: false);

        Assert.DoesNotContain(snapshot.Clusters, c => c.Name == "istio-se_shop_api_api.example.com_80");
        Assert.Contains(snapshot.Warnings, w => w.Message == "port 80 (http): targetPort 70000 is outside 1-65535; it gets no cluster");
    }

    [Fact]
    public void A_WorkloadEntry_with_a_port_outside_the_range_is_no_endpoint()
    {
        var snapshot = Translate(ServiceEntry("STATIC", "api.example.com", """
              workloadSelector: { labels: { app: api } }
            ---
            apiVersion: networking.istio.io/v1
            kind: WorkloadEntry
            metadata: { name: bad, namespace: shop, labels: { app: api } }
            spec: { address: 10.3.0.1, labels: { app: api }, ports: { http: 70000 } }
            ---
            apiVersion: networking.istio.io/v1
            kind: WorkloadEntry
            metadata: { name: good, namespace: shop, labels: { app: api } }
            spec: { address: 10.3.0.2, labels: { app: api }, ports: { http: 8080 } }
            """), validateSchemas: false);

        Assert.Equal(["10.3.0.2:8080"], Addresses(Endpoints(snapshot, "istio-se_shop_api_api.example.com_80")));
        Assert.Contains(snapshot.Warnings, w => w.Subject == "WorkloadEntry shop/bad" && w.Message == "spec.ports.http: port 70000 is outside 1-65535; it is no ServiceEntry endpoint");
    }

    [Fact]
    public void Endpoints_past_a_weight_total_of_2_to_the_32_minus_1_are_dropped_so_no_locality_or_priority_sum_overflows()
    {
        var snapshot = Translate(ServiceEntry("STATIC", "api.example.com", """
              endpoints:
              - { address: 10.2.0.1, weight: 4294967000 }
              - { address: 10.2.0.2, weight: 295 }
              - { address: 10.2.0.3, weight: 1, locality: r1/z1 }
            """));

        var assignment = Cluster(snapshot, "istio-se_shop_api_api.example.com_80").LoadAssignment;
        Assert.Equal(["10.2.0.1:80", "10.2.0.2:80"], Addresses(assignment));
        Assert.Equal(uint.MaxValue, assignment.Endpoints.Single().LoadBalancingWeight);
        Assert.Contains(snapshot.Warnings, w => w.Message == "cluster istio-se_shop_api_api.example.com_80: the endpoint weights add up to more than 4294967295 (2^32-1), Envoy's limit; 1 endpoint(s) past it are dropped");
    }

    [Fact]
    public void A_DNS_cluster_never_gets_a_wildcard_address()
    {
        var snapshot = Translate(ServiceEntry("DNS", "*.example.com", string.Empty));

        Assert.Empty(Addresses(Cluster(snapshot, "istio-se_shop_api_*.example.com_80").LoadAssignment));
        Assert.Contains(snapshot.Warnings, w => w.Message == "host \"*.example.com\" is a wildcard, which DNS resolution cannot resolve; its cluster gets no endpoints");
    }

    [Fact]
    public void A_wildcard_DNS_endpoint_address_is_dropped_and_the_other_endpoints_kept()
    {
        var snapshot = Translate(ServiceEntry("DNS", "api.example.com", """
              endpoints:
              - { address: '*.backend.example.com' }
              - { address: backend.example.com }
            """));

        Assert.Equal(["backend.example.com:80"], Addresses(Cluster(snapshot, "istio-se_shop_api_api.example.com_80").LoadAssignment));
        Assert.Contains(snapshot.Warnings, w => w.Message == "spec.endpoints[0].address \"*.backend.example.com\" is a wildcard, which DNS resolution cannot resolve; the endpoint is dropped");
    }
}
