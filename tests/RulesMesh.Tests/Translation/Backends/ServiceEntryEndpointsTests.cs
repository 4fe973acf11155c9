using System.Globalization;
using Envoy.Config.Endpoint.V3;
using RulesMesh.Rules;
using RulesMesh.Translation.Output;
using static RulesMesh.Tests.Translation.Backends.BackendsHarness;

namespace RulesMesh.Tests.Translation.Backends;

/// <summary>kgateway.backends.serviceentry-endpoints: the EDS endpoints of a ServiceEntry that selects workloads (docs/spec/kgateway-waypoint.md §3.4).</summary>
public sealed class ServiceEntryEndpointsTests
{
    private const string Cluster80 = "istio-se_shop_reviews_reviews.example.com_80";

    private const string Nodes = """
        apiVersion: v1
        kind: Node
        metadata:
          name: node-a
          labels: { topology.kubernetes.io/region: r1, topology.kubernetes.io/zone: r1z1, topology.istio.io/subzone: r1z1s1 }
        ---
        apiVersion: v1
        kind: Node
        metadata:
          name: node-b
          labels: { topology.kubernetes.io/region: r1, topology.kubernetes.io/zone: r1z2 }
        ---

        """;

    internal static string Entry(string spec = "", string name = "reviews", string ns = "shop", string location = "MESH_INTERNAL", string hosts = "[reviews.example.com]", string annotations = "{}") => $$"""
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: { name: {{name}}, namespace: {{ns}}, annotations: {{annotations}} }
        spec:
          hosts: {{hosts}}
          location: {{location}}
          resolution: STATIC
          workloadSelector: { labels: { app: reviews } }
        {{(spec.Length == 0 ? "  ports: [{ number: 80, name: http, protocol: HTTP }]" : spec)}}
        ---

        """;

    internal static string Pod(string name, string ip, string node = "node-a", string labels = "app: reviews", string ns = "shop", bool ready = true, string extraMeta = "") => $$"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {{name}}
          namespace: {{ns}}
          labels: { {{labels}} }
        {{extraMeta}}
        spec: { nodeName: {{node}}, containers: [{ name: app, image: app }] }
        status:
          podIP: {{ip}}
          conditions: [{ type: Ready, status: "{{(ready ? "True" : "False")}}" }]
        ---

        """;

    internal static string WorkloadEntry(string name, string spec, string labels = "app: reviews", string ns = "shop", string apiVersion = "networking.istio.io/v1", string annotations = "{}") => $$"""
        apiVersion: {{apiVersion}}
        kind: WorkloadEntry
        metadata: { name: {{name}}, namespace: {{ns}}, labels: { {{labels}} }, annotations: {{annotations}} }
        spec:
        {{spec}}
        ---

        """;

    // The istio profile gives a waypoint outbound clusters only for route targets it does not own; an ordinary Gateway
    // proxy gets every service's, so istio-profile runs carry one to read the backends stage's clusters through it.
    internal static XdsSnapshot Run(string yaml, EngineSettings? settings = null, string profile = "kgateway", bool validateSchemas = true)
        => new WaypointTranslator(WaypointPipelines.Create(profile), settings).Translate(Load(profile == "istio" ? yaml + IngressGateway : yaml, validateSchemas));

    private const string IngressGateway = """

        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: { name: ingress, namespace: istio-ingress }
        spec:
          gatewayClassName: istio
          listeners: [{ name: http, port: 80, protocol: HTTP }]
        """;

    private static IEnumerable<LbEndpoint> All(ClusterLoadAssignment assignment) => assignment.Endpoints.SelectMany(static g => g.LbEndpoints);

    private static IEnumerable<string> Addresses(ClusterLoadAssignment assignment) => All(assignment).Select(static e => e.Endpoint.Address.SocketAddress.Address);

    [Fact]
    public void PodsAndWorkloadEntriesBecomeEndpointsGroupedByLocality()
    {
        var snapshot = Run(Nodes + Entry() + Pod("r1", "10.0.0.1") + Pod("r2", "10.0.0.2", node: "node-b")
            + WorkloadEntry("vm", "  address: 192.168.0.9\n  locality: r2/r2z1/r2z1s1\n  weight: 5"));

        AssertJson("""
            {
              "clusterName": "istio-se_shop_reviews_reviews.example.com_80",
              "endpoints": [
                {
                  "lbEndpoints": [ { "endpoint": { "address": { "socketAddress": { "address": "10.0.0.1", "portValue": 80 } } }, "loadBalancingWeight": 1 } ],
                  "loadBalancingWeight": 1,
                  "locality": { "region": "r1", "zone": "r1z1", "subZone": "r1z1s1" }
                },
                {
                  "lbEndpoints": [ { "endpoint": { "address": { "socketAddress": { "address": "10.0.0.2", "portValue": 80 } } }, "loadBalancingWeight": 1 } ],
                  "loadBalancingWeight": 1,
                  "locality": { "region": "r1", "zone": "r1z2" }
                },
                {
                  "lbEndpoints": [ { "endpoint": { "address": { "socketAddress": { "address": "192.168.0.9", "portValue": 80 } } }, "loadBalancingWeight": 5 } ],
                  "loadBalancingWeight": 5,
                  "locality": { "region": "r2", "zone": "r2z1", "subZone": "r2z1s1" }
                }
              ]
            }
            """, Endpoints(snapshot, Cluster80));
    }

    [Fact]
    public void NotReadyAndTerminatingPodsAndPodsWithoutAnIpAreDropped()
    {
        var snapshot = Run(Nodes + Entry()
            + Pod("ready", "10.0.0.1")
            + Pod("not-ready", "10.0.0.2", ready: false)
            + Pod("terminating", "10.0.0.3", extraMeta: "  deletionTimestamp: \"2026-01-01T00:00:00Z\"")
            + Pod("pending", "\"\""));

        Assert.Equal(["10.0.0.1"], Addresses(Endpoints(snapshot, Cluster80)));
    }

    [Fact]
    public void APodWithoutAReadyConditionIsNotReady()
    {
        var yaml = Nodes + Entry() + """
            apiVersion: v1
            kind: Pod
            metadata: { name: fresh, namespace: shop, labels: { app: reviews } }
            spec: { nodeName: node-a, containers: [{ name: app, image: app }] }
            status: { podIP: 10.0.0.7 }
            ---

            """;

        Assert.Empty(Endpoints(Run(yaml), Cluster80).Endpoints);
    }

    [Fact]
    public void OnlyWorkloadsInTheEntrysNamespaceMatchingEveryLabelAreSelected()
    {
        var snapshot = Run(Nodes + Entry()
            + Pod("same", "10.0.0.1")
            + Pod("other-ns", "10.0.0.2", ns: "elsewhere")
            + Pod("other-app", "10.0.0.3", labels: "app: ratings")
            + WorkloadEntry("we-other-ns", "  address: 10.0.0.4", ns: "elsewhere")
            + WorkloadEntry("we-spec-labels-only", "  address: 10.0.0.5\n  labels: { app: reviews }", labels: "app: ratings"));

        Assert.Equal(["10.0.0.1"], Addresses(Endpoints(snapshot, Cluster80)));
    }

    [Fact]
    public void ASelectorOnATopologyLabelMatchesThePodsNodeLabels()
    {
        var entry = Entry().Replace("labels: { app: reviews }", "labels: { app: reviews, topology.kubernetes.io/zone: r1z2 }", StringComparison.Ordinal);
        var snapshot = Run(Nodes + entry + Pod("zone-1", "10.0.0.1") + Pod("zone-2", "10.0.0.2", node: "node-b"));

        Assert.Equal(["10.0.0.2"], Addresses(Endpoints(snapshot, Cluster80)));
    }

    [Fact]
    public void TheEndpointPortIsTheWorkloadEntryPortMapThenTargetPortThenNumber()
    {
        var spec = """
              ports:
              - { number: 80, name: http, protocol: HTTP }
              - { number: 443, name: https, protocol: HTTPS, targetPort: 8443 }
              - { number: 9000, name: grpc, protocol: GRPC, targetPort: 9090 }
            """;
        var snapshot = Run(Nodes + Entry(spec) + Pod("pod", "10.0.0.1")
            + WorkloadEntry("vm", "  address: 10.0.0.2\n  ports: { http: 8080, grpc: 7070 }"));

        uint PortOf(int port, string address) => All(Endpoints(snapshot, $"istio-se_shop_reviews_reviews.example.com_{port}"))
            .Single(e => e.Endpoint.Address.SocketAddress.Address == address).Endpoint.Address.SocketAddress.PortValue;

        Assert.Equal(80u, PortOf(80, "10.0.0.1"));
        Assert.Equal(8080u, PortOf(80, "10.0.0.2"));
        Assert.Equal(8443u, PortOf(443, "10.0.0.1"));
        Assert.Equal(8443u, PortOf(443, "10.0.0.2"));
        Assert.Equal(9090u, PortOf(9000, "10.0.0.1"));
        Assert.Equal(7070u, PortOf(9000, "10.0.0.2"));
    }

    [Theory]
    [InlineData("kgateway", "istio-se_shop_reviews_reviews.example.com_{0}", 80u, 8443u, 9090u)]
    [InlineData("istio", "outbound|{0}||reviews.example.com", 8080u, 9443u, 9090u)]
    public void OnlyTheIstioProfileListensOnAPodsTcpContainerPortNamedLikeTheEntrysPort(string profile, string clusterFormat, uint http, uint https, uint grpc)
    {
        // istiod's workload instance of a Pod maps its named TCP container ports (getPortMap: the first of a name wins),
        // and the ServiceEntry conversion prefers that map to targetPort as it does a WorkloadEntry's ports; kgateway's
        // Pod workload has no port map (docs/spec/kgateway-waypoint.md §3.4: the port map is a WorkloadEntry's).
        var spec = """
              ports:
              - { number: 80, name: http, protocol: HTTP }
              - { number: 443, name: https, protocol: HTTPS, targetPort: 8443 }
              - { number: 9000, name: grpc, protocol: GRPC, targetPort: 9090 }
            """;
        const string Pod = """
            apiVersion: v1
            kind: Pod
            metadata: { name: pod, namespace: shop, labels: { app: reviews } }
            spec:
              nodeName: node-a
              containers:
              - { name: app, image: app, ports: [{ name: http, containerPort: 8080 }, { name: grpc, containerPort: 7070, protocol: UDP }] }
              - { name: proxy, image: proxy, ports: [{ name: http, containerPort: 18080 }, { name: https, containerPort: 9443, protocol: TCP }] }
            status:
              podIP: 10.0.0.1
              conditions: [{ type: Ready, status: "True" }]
            ---

            """;
        var snapshot = Run(Nodes + Entry(spec) + Pod, profile: profile);

        uint PortOf(int port) => All(Endpoints(snapshot, string.Format(CultureInfo.InvariantCulture, clusterFormat, port))).Single().Endpoint.Address.SocketAddress.PortValue;

        Assert.Equal([http, https, grpc], [PortOf(80), PortOf(443), PortOf(9000)]);
    }

    [Fact]
    public void EveryHostOfTheEntrySharesTheSameEndpoints()
    {
        var snapshot = Run(Nodes + Entry(hosts: "[a.example.com, b.example.com]") + Pod("pod", "10.0.0.1") + WorkloadEntry("vm", "  address: 10.0.0.2"));

        var a = Endpoints(snapshot, "istio-se_shop_reviews_a.example.com_80");
        var b = Endpoints(snapshot, "istio-se_shop_reviews_b.example.com_80");
        Assert.Equal(["10.0.0.1", "10.0.0.2"], Addresses(a).Order(StringComparer.Ordinal));
        Assert.Equal(Addresses(a), Addresses(b));
        Assert.NotSame(a.Endpoints[0], b.Endpoints[0]);
    }

    [Fact]
    public void WorkloadEntryLabelsAreMetadataOverlaidBySpecLabelsWithNetworkAndLocalityDerived()
    {
        // Locality from the (overlaid) topology labels when spec.locality is empty; spec.locality wins otherwise.
        var snapshot = Run(Nodes + Entry()
            + WorkloadEntry("from-labels", "  address: 10.0.0.1\n  labels: { topology.kubernetes.io/region: r9, topology.kubernetes.io/zone: z9 }", labels: "app: reviews, topology.kubernetes.io/region: r8")
            + WorkloadEntry("from-spec", "  address: 10.0.0.2\n  locality: r7/z7\n  labels: { topology.kubernetes.io/region: r9 }"));

        var groups = Endpoints(snapshot, Cluster80).Endpoints;
        Assert.Equal("r7", groups.Single(g => g.LbEndpoints[0].Endpoint.Address.SocketAddress.Address == "10.0.0.2").Locality.Region);
        var fromLabels = groups.Single(g => g.LbEndpoints[0].Endpoint.Address.SocketAddress.Address == "10.0.0.1").Locality;
        Assert.Equal(("r9", "z9", ""), (fromLabels.Region, fromLabels.Zone, fromLabels.SubZone));
    }

    [Fact]
    public void MtlsMetadataOnlyForMeshInternalEntriesAndLabelledWorkloads()
    {
        var workloads = Nodes
            + Pod("sidecar", "10.0.0.1", labels: "app: reviews, security.istio.io/tlsMode: istio")
            + Pod("plain", "10.0.0.2")
            + WorkloadEntry("vm", "  address: 10.0.0.3\n  labels: { security.istio.io/tlsMode: istio }");
        var internalEntry = Run(workloads + Entry());
        var externalEntry = Run(workloads + Entry(location: "MESH_EXTERNAL"));

        var marked = All(Endpoints(internalEntry, Cluster80)).Where(static e => e.Metadata is not null).Select(static e => e.Endpoint.Address.SocketAddress.Address);
        Assert.Equal(["10.0.0.1", "10.0.0.3"], marked.Order(StringComparer.Ordinal));
        AssertJson("""{ "filterMetadata": { "envoy.transport_socket_match": { "tlsMode": "istio" } } }""", All(Endpoints(internalEntry, Cluster80)).First().Metadata);
        Assert.All(All(Endpoints(externalEntry, Cluster80)), static e => Assert.Null(e.Metadata));
    }

    [Fact]
    public void InlineEndpointsOfAMeshInternalEntryGetMtlsMetadataWhenLabelled()
    {
        var snapshot = Translate("""
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: { name: inline, namespace: shop }
            spec:
              hosts: [inline.example.com]
              location: MESH_INTERNAL
              ports: [{ number: 80, name: http }]
              resolution: STATIC
              endpoints:
              - { address: 1.1.1.1, labels: { security.istio.io/tlsMode: istio } }
              - { address: 2.2.2.2 }
            """);

        var endpoints = Cluster(snapshot, "istio-se_shop_inline_inline.example.com_80").LoadAssignment.Endpoints[0].LbEndpoints;
        Assert.NotNull(endpoints[0].Metadata);
        Assert.Null(endpoints[1].Metadata);
    }

    [Fact]
    public void WorkloadEntriesWithAnExclusionKeyAreNotEndpoints()
    {
        var yaml = Nodes + Entry()
            + WorkloadEntry("kept", "  address: 10.0.0.1")
            + WorkloadEntry("excluded-by-metadata", "  address: 10.0.0.2", labels: "app: reviews, skip-me: \"yes\"")
            + WorkloadEntry("excluded-by-spec", "  address: 10.0.0.3\n  labels: { skip-me: \"\" }");

        Assert.Equal(["10.0.0.1", "10.0.0.2", "10.0.0.3"], Addresses(Endpoints(Run(yaml), Cluster80)));
        Assert.Equal(["10.0.0.1"], Addresses(Endpoints(Run(yaml, new EngineSettings { WorkloadEntryExclusionLabelKeys = ["skip-me"] }), Cluster80)));
    }

    [Fact]
    public void WorkloadEntryWeightDefaultsToOneAndLocalityGroupsSumTheirWeights()
    {
        var snapshot = Run(Nodes + Entry()
            + WorkloadEntry("heavy", "  address: 10.0.0.1\n  locality: r1/z1\n  weight: 3")
            + WorkloadEntry("zero", "  address: 10.0.0.2\n  locality: r1/z1\n  weight: 0")
            + WorkloadEntry("unset", "  address: 10.0.0.3\n  locality: r1/z1"));

        var group = Assert.Single(Endpoints(snapshot, Cluster80).Endpoints);
        Assert.Equal([3u, 1u, 1u], group.LbEndpoints.Select(static e => e.LoadBalancingWeight ?? 0));
        Assert.Equal(5u, group.LoadBalancingWeight);
    }

    [Fact]
    public void WorkloadEntriesOnAnotherNetworkWithoutAnAddressAreLeftOutQuietlyAndBadAddressesWithAWarning()
    {
        var snapshot = Run(Nodes + Entry()
            + WorkloadEntry("remote", "  network: remote-net")
            + WorkloadEntry("hostname", "  address: vm.example.com")
            + WorkloadEntry("hostname-remote", "  address: vm2.example.com\n  network: remote-net")
            + WorkloadEntry("uds", "  address: unix:///var/run/app.sock")
            + WorkloadEntry("ok", "  address: 10.0.0.1"));

        Assert.Equal(["10.0.0.1"], Addresses(Endpoints(snapshot, Cluster80)));
        var warned = snapshot.Warnings.Select(static w => w.Subject).Order(StringComparer.Ordinal);
        Assert.Equal(["WorkloadEntry shop/hostname", "WorkloadEntry shop/hostname-remote", "WorkloadEntry shop/uds"], warned);
        Assert.Contains(snapshot.Warnings, static w => w.Message == "spec.address 'vm.example.com' is not an IP address, which resolution STATIC requires; it is no ServiceEntry endpoint");
    }

    [Theory]
    [InlineData("10.0.0.1", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("255.255.255.255", true)]
    [InlineData("fd00::1", true)]
    [InlineData("010.0.0.1", false)]
    [InlineData("256.0.0.1", false)]
    [InlineData("10.0.0", false)]
    [InlineData("10.0.0.1.", false)]
    [InlineData(".10.0.0.1", false)]
    [InlineData("10..0.1", false)]
    [InlineData("1000.0.0.1", false)]
    [InlineData("10.0.0.x", false)]
    public void OnlyStrictIpAddressesAreEndpoints(string address, bool kept)
    {
        var snapshot = Run(Nodes + Entry() + WorkloadEntry("vm", $"  address: \"{address}\""));

        Assert.Equal(kept ? [address] : [], Addresses(Endpoints(snapshot, Cluster80)));
        Assert.Equal(!kept, snapshot.Warnings.Count == 1);
    }

    [Fact]
    public void AWorkloadEntrySelectedByTwoEntriesIsWarnedAboutOnce()
    {
        var snapshot = Run(Nodes + Entry() + Entry(name: "reviews-2", hosts: "[other.example.com]") + WorkloadEntry("hostname", "  address: vm.example.com"));

        Assert.Single(snapshot.Warnings);
    }

    [Fact]
    public void APodAndAWorkloadEntryOnTheSameAddressAndPortGiveOneEndpoint()
    {
        var snapshot = Run(Nodes + Entry() + Pod("pod", "10.0.0.1") + WorkloadEntry("vm", "  address: 10.0.0.1"));

        Assert.Single(All(Endpoints(snapshot, Cluster80)));
    }

    [Theory]
    [InlineData("networking.istio.io/v1beta1")]
    [InlineData("networking.istio.io/v1alpha3")]
    public void OlderWorkloadEntryVersionsAreSelectedToo(string apiVersion)
    {
        var snapshot = Run(Nodes + Entry() + WorkloadEntry("vm", "  address: 10.0.0.1\n  ports: { http: 8080 }", apiVersion: apiVersion));

        var endpoint = Assert.Single(All(Endpoints(snapshot, Cluster80)));
        Assert.Equal(8080u, endpoint.Endpoint.Address.SocketAddress.PortValue);
    }

    [Fact]
    public void PromotedAnnotationsBecomeLabelsTheMtlsCheckSees()
    {
        var yaml = Nodes + Entry() + WorkloadEntry("vm", "  address: 10.0.0.1", annotations: "{ security.istio.io/tlsMode: istio }");

        Assert.Null(All(Endpoints(Run(yaml), Cluster80)).Single().Metadata);
        var promoted = Run(yaml, new EngineSettings { PromotedWorkloadEntryAnnotations = ["security.istio.io/tlsMode"] });
        Assert.NotNull(All(Endpoints(promoted, Cluster80)).Single().Metadata);
    }

    [Fact]
    public void EndpointsAreOrderedByAddressWhateverTheInputOrder()
    {
        var snapshot = Run(Nodes + Entry() + Pod("b", "10.0.0.20") + Pod("a", "10.0.0.3") + WorkloadEntry("c", "  address: 10.0.0.100\n  locality: r1/r1z1/r1z1s1"));

        Assert.Equal(["10.0.0.100", "10.0.0.20", "10.0.0.3"], Addresses(Endpoints(snapshot, Cluster80)));
    }

    [Fact]
    public void WithoutPriorityPolicyNoEndpointHasAPriority()
    {
        var snapshot = Run(Nodes + Entry() + Pod("r1", "10.0.0.1") + Pod("r2", "10.0.0.2", node: "node-b"), new EngineSettings { ClientLocality = "r1/r1z1/r1z1s1" });

        Assert.All(Endpoints(snapshot, Cluster80).Endpoints, static g => Assert.Equal(0u, g.Priority));
    }

    [Fact]
    public void ManyWorkloadsAreSelectedOncePerEntry()
    {
        var yaml = new System.Text.StringBuilder(Nodes + Entry(hosts: "[a.example.com, b.example.com]"));
        for (var i = 0; i < 2000; i++)
        {
            yaml.Append(Pod($"p{i}", $"10.1.{i / 250}.{i % 250}", node: i % 2 == 0 ? "node-a" : "node-b"));
        }

        var snapshot = Run(yaml.ToString());

        Assert.Equal(2000, All(Endpoints(snapshot, "istio-se_shop_reviews_a.example.com_80")).Count());
        Assert.Equal(2000, All(Endpoints(snapshot, "istio-se_shop_reviews_b.example.com_80")).Count());
    }
}
