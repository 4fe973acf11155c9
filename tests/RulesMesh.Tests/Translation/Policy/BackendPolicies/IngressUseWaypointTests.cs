using RulesMesh.Rules;
using RulesMesh.Store;
using RulesMesh.Tests.Translation.Backends;
using RulesMesh.Translation.Backends;
using RulesMesh.Translation.Output;
using static RulesMesh.Tests.Translation.Backends.BackendsHarness;

namespace RulesMesh.Tests.Translation.Policy.BackendPolicies;

/// <summary>
/// kgateway.policy.ingress-use-waypoint and istio.policy.ingress-use-waypoint: an ingress Gateway's cluster for a
/// waypoint-captured service goes to the service's VIPs (docs/spec/kgateway-waypoint.md §2.6), one test per condition.
/// </summary>
public sealed class IngressUseWaypointTests
{
    private const string Cluster = "kube_infra_svc-a_5000";

    private const string Waypoint = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: { name: example-waypoint, namespace: infra }
        spec:
          gatewayClassName: kgateway-waypoint
          listeners: [{ name: proxy, port: 15088, protocol: istio.io/PROXY }]
        status:
          addresses: [{ type: IPAddress, value: 10.9.9.9 }]
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: { name: ingress, namespace: gwtest }
        spec:
          gatewayClassName: kgateway
          listeners: [{ name: http, port: 80, protocol: HTTP }]
        ---

        """;

    private static string Namespace(string labels = "{}") => $$"""
        apiVersion: v1
        kind: Namespace
        metadata: { name: infra, labels: {{labels}} }
        ---

        """;

    private static string Service(string labels = "{ istio.io/use-waypoint: example-waypoint, istio.io/ingress-use-waypoint: \"true\" }") => $$"""
        apiVersion: v1
        kind: Service
        metadata: { name: svc-a, namespace: infra, labels: {{labels}} }
        spec:
          clusterIP: 1.1.1.1
          clusterIPs: ["2001:db8::1", 1.1.1.1]
          ports: [{ name: http, port: 5000 }]
        ---

        """;

    private static string ClientPod(string gateway = "ingress", string ns = "gwtest", string annotations = "{ ambient.istio.io/redirection: enabled }") => $$"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: proxy
          namespace: {{ns}}
          labels: { gateway.networking.k8s.io/gateway-name: {{gateway}} }
          annotations: {{annotations}}
        spec: { containers: [{ name: proxy, image: envoy }] }
        ---

        """;

    private static XdsSnapshot Run(string yaml, string clientNamespace = "gwtest", string profile = "kgateway")
    {
        var load = Load(yaml);
        var settings = new EngineSettings().ForPod(ResourceStore.From(load), clientNamespace, "proxy");
        return new WaypointTranslator(WaypointPipelines.Create(profile), settings).Translate(load);
    }

    private static bool GoesToVips(XdsSnapshot snapshot, string cluster = Cluster)
        => BackendsHarness.Cluster(snapshot, cluster).Type == Envoy.Config.Cluster.V3.Cluster.Types.DiscoveryType.Static;

    [Fact]
    public void AnAmbientIngressGatewayReachesALabelledCapturedServiceThroughItsVipsIpv4First()
    {
        var snapshot = Run(Namespace() + Waypoint + Service() + ClientPod());

        AssertJson("""
            {
              "name": "kube_infra_svc-a_5000", "type": "STATIC", "connectTimeout": "5s", "ignoreHealthOnHostRemoval": true,
              "commonLbConfig": { "localityWeightedLbConfig": {} },
              "loadAssignment": {
                "clusterName": "kube_infra_svc-a_5000",
                "endpoints": [ { "lbEndpoints": [ { "endpoint": {
                  "address": { "socketAddress": { "address": "1.1.1.1", "portValue": 5000 } },
                  "additionalAddresses": [ { "address": { "socketAddress": { "address": "2001:db8::1", "portValue": 5000 } } } ] } } ] } ]
              }
            }
            """, BackendsHarness.Cluster(snapshot, Cluster));
        Assert.DoesNotContain(snapshot.Endpoints, static e => e.ClusterName == Cluster);
    }

    [Fact]
    public void TheNamespaceLabelCountsToo()
        => Assert.True(GoesToVips(Run(Namespace("{ istio.io/ingress-use-waypoint: \"true\" }") + Waypoint + Service("{ istio.io/use-waypoint: example-waypoint }") + ClientPod())));

    [Fact]
    public void WithoutTheLabelTrueTheClusterStaysEds()
    {
        Assert.False(GoesToVips(Run(Namespace() + Waypoint + Service("{ istio.io/use-waypoint: example-waypoint }") + ClientPod())));
        Assert.False(GoesToVips(Run(Namespace() + Waypoint + Service("{ istio.io/use-waypoint: example-waypoint, istio.io/ingress-use-waypoint: \"True\" }") + ClientPod())));
    }

    [Fact]
    public void AProxyThatAmbientDoesNotRedirectIsLeftAlone()
        => Assert.False(GoesToVips(Run(Namespace() + Waypoint + Service() + ClientPod(annotations: "{}"))));

    [Fact]
    public void TheWaypointItselfOrAMissingGatewayIsNoIngress()
    {
        Assert.False(GoesToVips(Run(Namespace() + Waypoint + Service() + ClientPod(gateway: "example-waypoint", ns: "infra"), clientNamespace: "infra")));
        Assert.False(GoesToVips(Run(Namespace() + Waypoint + Service() + ClientPod(gateway: "nowhere"))));
    }

    [Fact]
    public void AWaypointClassGatewayThatServesNoServicesIsNoIngressEither()
    {
        // §2.6 step 3 asks for the waypoint class, not for a waypoint that captures services: this proxy is still a waypoint.
        var workloadWaypoint = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: { name: workload-waypoint, namespace: gwtest, labels: { istio.io/waypoint-for: workload } }
            spec:
              gatewayClassName: kgateway-waypoint
              listeners: [{ name: proxy, port: 15088, protocol: istio.io/PROXY }]
            ---

            """;

        Assert.False(GoesToVips(Run(Namespace() + Waypoint + workloadWaypoint + Service() + ClientPod(gateway: "workload-waypoint"))));
    }

    [Fact]
    public void AServiceNoWaypointCapturesIsLeftAlone()
        => Assert.False(GoesToVips(Run(Namespace() + Waypoint + Service("{ istio.io/ingress-use-waypoint: \"true\" }") + ClientPod())));

    [Fact]
    public void AServiceEntryVipAllocatedOnlyInItsStatusIsUsed()
    {
        var entry = """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: { name: se-autoalloc, namespace: infra, labels: { istio.io/use-waypoint: example-waypoint, istio.io/ingress-use-waypoint: "true" } }
            spec:
              hosts: [auto.example.com]
              ports: [{ number: 8080, name: http, protocol: HTTP }]
              resolution: STATIC
              endpoints: [{ address: 3.3.3.3 }]
            status:
              addresses: [{ value: 240.240.0.7 }]
            ---

            """;
        var cluster = BackendsHarness.Cluster(Run(Namespace() + Waypoint + entry + ClientPod()), "istio-se_infra_se-autoalloc_auto.example.com_8080");

        Assert.Equal("240.240.0.7", cluster.LoadAssignment.Endpoints.Single().LbEndpoints.Single().Endpoint.Address.SocketAddress.Address);
        Assert.Equal(8080u, cluster.LoadAssignment.Endpoints.Single().LbEndpoints.Single().Endpoint.Address.SocketAddress.PortValue);
    }

    [Fact]
    public void TheIstioProfileReadsTheLabelAsABooleanAndNeedsNoRedirection()
    {
        const string IstioCluster = "outbound|5000||svc-a.infra.svc.cluster.local";
        var capitalTrue = Service("{ istio.io/use-waypoint: example-waypoint, istio.io/ingress-use-waypoint: \"True\" }");

        Assert.True(GoesToVips(Run(Namespace() + Waypoint + capitalTrue + ClientPod(annotations: "{}"), profile: "istio"), IstioCluster));
        var snapshot = Run(Namespace() + Waypoint + Service("{ istio.io/use-waypoint: example-waypoint, istio.io/ingress-use-waypoint: \"yes\" }") + ClientPod(), profile: "istio");
        Assert.False(GoesToVips(snapshot, IstioCluster));
        Assert.Contains(snapshot.Warnings, static w => w.Message == "istio.io/ingress-use-waypoint 'yes' is not a boolean; it counts as false");
    }

    [Theory]
    [InlineData("kgateway", Cluster)]
    [InlineData("istio", "outbound|5000||svc-a.infra.svc.cluster.local")]
    public void A_BackendTLSPolicy_that_fails_closed_stays_closed_when_the_cluster_goes_to_the_VIPs(string profile, string cluster)
    {
        const string Policy = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: BackendTLSPolicy
            metadata: { name: tls, namespace: infra }
            spec:
              targetRefs: [{ group: "", kind: Service, name: svc-a }]
              validation: { hostname: svc-a.example.com, caCertificateRefs: [{ group: "", kind: ConfigMap, name: missing }] }
            ---

            """;

        var snapshot = Run(Namespace() + Waypoint + Service() + ClientPod() + Policy, profile: profile);

        // Routed to the VIPs, but with no endpoint: 5xx rather than plaintext to a backend that asked for verified TLS.
        Assert.True(GoesToVips(snapshot, cluster));
        Assert.Empty(BackendsHarness.Cluster(snapshot, cluster).LoadAssignment.Endpoints);
        Assert.Contains(snapshot.Warnings, w => w.Subject == "BackendTLSPolicy infra/tls" && w.Message.Contains(cluster + " gets no endpoints rather than unverified TLS", StringComparison.Ordinal));
    }
}
