using RulesMesh.Capture;
using static RulesMesh.Tests.Translation.Backends.BackendsHarness;
using static RulesMesh.Tests.Translation.Istio.IstioWaypointHarness;

namespace RulesMesh.Tests.Translation.Istio;

/// <summary>
/// Workload waypoints (docs/spec/istio-gatewayapi.md §6.3; docs/spec/istio-waypoint-output.md §2.2): Pods and WorkloadEntries bound by
/// <c>istio.io/use-waypoint</c> to a waypoint for <c>workload</c> or <c>all</c> traffic are matched by their IPs into the
/// direct chains.
/// </summary>
public sealed class IstioWorkloadWaypointTests
{
    private static string Gateway(string trafficType, string ns = "shop") => $$"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: { name: waypoint, namespace: {{ns}}, labels: { istio.io/waypoint-for: {{trafficType}} } }
        spec:
          gatewayClassName: istio-waypoint
          listeners: [{ name: mesh, port: 15008, protocol: HBONE }]
        status:
          addresses: [{ type: IPAddress, value: 10.0.0.9 }]
        ---

        """;

    private const string BoundPod = """
        apiVersion: v1
        kind: Pod
        metadata: { name: worker, namespace: shop, labels: { istio.io/use-waypoint: waypoint } }
        spec: { containers: [{ name: app, image: worker }] }
        status: { podIP: 10.1.0.7 }
        ---
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata: { name: vm, namespace: shop, labels: { istio.io/use-waypoint: waypoint } }
        spec: { address: 192.168.0.4 }
        ---

        """;

    private const string NamespaceBound = """
        apiVersion: v1
        kind: Namespace
        metadata: { name: shop, labels: { istio.io/use-waypoint: waypoint } }
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: worker, namespace: shop }
        spec: { containers: [{ name: app, image: worker }] }
        status: { podIP: 10.1.0.7 }
        ---

        """;

    [Theory]
    [InlineData("workload")]
    [InlineData("all")]
    public void BoundWorkloadsAreMatchedByIpIntoTheDirectChains(string trafficType)
    {
        var snapshot = TranslateIstio(Gateway(trafficType) + BoundPod);

        Assert.Equal(["10.1.0.7/32,192.168.0.4/32 → sniff('h2c':direct-http, 'http/1.1':direct-http, else:direct-tcp)"], MatcherLines(snapshot));
        Assert.Null(Listener(snapshot, "main_internal").ListenerFilters.Single(static f => f.Name == "envoy.filters.listener.http_inspector").FilterDisabled);
    }

    [Fact]
    public void CaptureListsEachWorkloadWithItsBinding()
    {
        var capture = new WaypointCapture(WaypointPipelines.Create("istio")).Run(Load(Gateway("all") + BoundPod));

        Assert.Equal(["Pod shop/worker 10.1.0.7", "WorkloadEntry shop/vm 192.168.0.4"], capture.WorkloadsFor(new("shop", "waypoint")).Select(static w => $"{w.Workload.Kind} {w.Workload.Name} {w.Workload.Address}"));
        Assert.All(capture.Workloads, static w => Assert.Contains("takes workload traffic (its label istio.io/waypoint-for=all)", w.Decision.Reason, StringComparison.Ordinal));
    }

    // Objects have no document order in a cluster: the list follows the engine's (Pods, then WorkloadEntries, each by
    // namespace and name), whatever order the input gives.
    [Fact]
    public void CaptureListsWorkloadsByKindNamespaceAndNameWhateverTheInputOrder()
    {
        static string Pod(string name, string ns, string ip) => $$"""
            apiVersion: v1
            kind: Pod
            metadata: { name: {{name}}, namespace: {{ns}}, labels: { istio.io/use-waypoint: waypoint, istio.io/use-waypoint-namespace: shop } }
            spec: { containers: [{ name: app, image: worker }] }
            status: { podIP: {{ip}} }
            ---

            """;
        const string Entry = """
            apiVersion: networking.istio.io/v1
            kind: WorkloadEntry
            metadata: { name: a-vm, namespace: shop, labels: { istio.io/use-waypoint: waypoint } }
            spec: { address: 192.168.0.4 }
            ---

            """;

        var capture = new WaypointCapture(WaypointPipelines.Create("istio")).Run(Load(Entry + Pod("zeta", "shop", "10.1.0.9") + Pod("beta", "shop", "10.1.0.8") + Pod("alpha", "apps", "10.1.0.7") + Gateway("all")));

        Assert.Equal(["Pod apps/alpha", "Pod shop/beta", "Pod shop/zeta", "WorkloadEntry shop/a-vm"], capture.Workloads.Select(static w => $"{w.Workload.Kind} {w.Workload.Name}"));
    }

    [Fact]
    public void TheKgatewayProfileBindsNoWorkloads()
        => Assert.Empty(new WaypointCapture(WaypointPipelines.Create("kgateway")).Run(Load(Gateway("all") + BoundPod)).Workloads);

    [Fact]
    public void AServiceOnlyWaypointBindsNoWorkloads()
        => Assert.Empty(MatcherLines(TranslateIstio(Gateway("service") + BoundPod)));

    [Fact]
    public void AWorkloadNamingAServiceOnlyWaypointIsToldUnsupportedTrafficType()
    {
        var decision = Decide(Gateway("service") + BoundPod, OwnLabel);

        Assert.Null(decision.Waypoint);
        Assert.Contains("istiod reports UnsupportedTrafficType", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInheritedBindingToAServiceOnlyWaypointSilentlyBindsNothing()
    {
        var decision = Decide(Gateway("service") + NamespaceBound, new Dictionary<string, string>());

        Assert.Null(decision.Waypoint);
        Assert.Contains("silently binds nothing", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInheritedBindingToAServiceOnlyWaypointThatDeniesTheNamespaceIsToldAttachmentDenied()
    {
        // §6.3: fetchWaypointForTarget checks AllowedRoutes before the traffic type could make the binding silent.
        var bound = """
            apiVersion: v1
            kind: Namespace
            metadata: { name: shop, labels: { istio.io/use-waypoint: waypoint, istio.io/use-waypoint-namespace: infra } }
            ---

            """;

        var decision = Decide(Gateway("service", ns: "infra") + bound, new Dictionary<string, string>());

        Assert.Null(decision.Waypoint);
        Assert.Contains("istiod reports AttachmentDenied", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInheritedBindingToAWorkloadWaypointBinds()
        => Assert.Equal(new Mesh.NamespacedName("shop", "waypoint"), Decide(Gateway("workload") + NamespaceBound, new Dictionary<string, string>()).Waypoint);

    private static readonly Dictionary<string, string> OwnLabel = new() { ["istio.io/use-waypoint"] = "waypoint" };

    /// <summary>The decision for a workload in <c>shop</c> with <paramref name="labels"/>, against the Gateways and Namespaces of <paramref name="yaml"/>.</summary>
    private static WorkloadWaypointDecision Decide(string yaml, IReadOnlyDictionary<string, string> labels)
        => IstioWorkloadWaypoint.Decide("shop", labels, new WaypointCapture(WaypointPipelines.Create("istio")).Run(Load(yaml)).Context);
}
