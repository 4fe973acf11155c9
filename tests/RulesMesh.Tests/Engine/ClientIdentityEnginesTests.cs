using System.Text.Json.Nodes;
using Envoy.Config.Cluster.V3;
using Envoy.Config.Endpoint.V3;
using k8s;
using k8s.Models;
using RulesMesh.Engine;
using RulesMesh.Mesh;
using RulesMesh.Rules;
using RulesMesh.Store;
using RulesMesh.Tests.Translation.Backends;
using RulesMesh.Translation.Backends;

namespace RulesMesh.Tests.Engine;

/// <summary>
/// Outputs per client identity (docs/spec/kgateway-destinationrule-priorities.md §B1): after every edit, the state each
/// attached client is served from equals a full translation with <c>settings.ForPod(...)</c> for that client, resource
/// for resource and version for version; clients whose Pods derive the same identity share one state; a Pod relabelled
/// or moved, or its Node relabelled, moves its client.
/// </summary>
public sealed class ClientIdentityEnginesTests
{
    private const string ReviewsCluster = "kube_shop_reviews_9080";

    private static readonly ProxyClient GatewayA = new(new NamespacedName("shop", "gw-a"), null);
    private static readonly ProxyClient GatewayB = new(new NamespacedName("shop", "gw-b"), null);
    private static readonly ProxyClient GatewayFar = new(new NamespacedName("shop", "gw-far"), null);
    private static readonly ProxyClient PodLess = new(new NamespacedName("shop", "no-such-pod"), "r2/r2z1/r2z1s1");

    // Pods whose proxies also send a locality of their own: the Node's wins while it has one (§B1).
    private static readonly ProxyClient GatewayAWithLocality = new(new NamespacedName("shop", "gw-a"), "r9/r9z9/r9z9s9");
    private static readonly ProxyClient GatewayBWithLocality = new(new NamespacedName("shop", "gw-b"), "r7/r7z1/r7z1s1");

    // A waypoint capturing shop; reviews with PreferClose traffic distribution and a DestinationRule on ratings with
    // failoverPriority; endpoints p1 on worker (r1/r1z2/r1z2s3, n1), p2 on worker3 (r1/r1z3, n1), p3 on far (r2/r2z1, n1),
    // p4 on worker (n2); gateway Pods gw-a and gw-b alike on worker, gw-far on far.
    private const string Mesh = """
        apiVersion: v1
        kind: Namespace
        metadata: { name: shop, labels: { istio.io/use-waypoint: waypoint } }
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: { name: waypoint, namespace: shop }
        spec:
          gatewayClassName: kgateway-waypoint
          listeners: [{ name: proxy, port: 15088, protocol: istio.io/PROXY }]
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: reviews, namespace: shop }
        spec:
          clusterIP: 10.0.0.7
          trafficDistribution: PreferClose
          ports: [{ name: http, port: 9080, targetPort: 8080 }]
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata: { name: reviews-a, namespace: shop, labels: { kubernetes.io/service-name: reviews } }
        addressType: IPv4
        ports: [{ name: http, port: 8080 }]
        endpoints:
        - { addresses: [10.2.0.1], targetRef: { kind: Pod, name: p1, namespace: shop } }
        - { addresses: [10.2.0.2], targetRef: { kind: Pod, name: p2, namespace: shop } }
        - { addresses: [10.2.0.3], targetRef: { kind: Pod, name: p3, namespace: shop } }
        - { addresses: [10.2.0.4], targetRef: { kind: Pod, name: p4, namespace: shop } }
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: ratings, namespace: shop }
        spec:
          clusterIP: 10.0.0.8
          ports: [{ name: http, port: 9090, targetPort: 8080 }]
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata: { name: ratings-a, namespace: shop, labels: { kubernetes.io/service-name: ratings } }
        addressType: IPv4
        ports: [{ name: http, port: 8080 }]
        endpoints:
        - { addresses: [10.3.0.1], targetRef: { kind: Pod, name: p1, namespace: shop } }
        - { addresses: [10.3.0.3], targetRef: { kind: Pod, name: p3, namespace: shop } }
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: { name: ratings, namespace: shop }
        spec:
          host: ratings.shop.svc.cluster.local
          trafficPolicy:
            loadBalancer:
              localityLbSetting:
                failoverPriority: [topology.istio.io/network, topology.kubernetes.io/region, topology.kubernetes.io/zone]
        ---
        apiVersion: v1
        kind: Node
        metadata: { name: worker, labels: { topology.kubernetes.io/region: r1, topology.kubernetes.io/zone: r1z2, topology.istio.io/subzone: r1z2s3 } }
        ---
        apiVersion: v1
        kind: Node
        metadata: { name: worker3, labels: { topology.kubernetes.io/region: r1, topology.kubernetes.io/zone: r1z3 } }
        ---
        apiVersion: v1
        kind: Node
        metadata: { name: far, labels: { topology.kubernetes.io/region: r2, topology.kubernetes.io/zone: r2z1 } }
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: p1, namespace: shop, labels: { app: reviews, topology.istio.io/network: n1 } }
        spec: { nodeName: worker, containers: [{ name: app, image: app }] }
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: p2, namespace: shop, labels: { app: reviews, topology.istio.io/network: n1 } }
        spec: { nodeName: worker3, containers: [{ name: app, image: app }] }
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: p3, namespace: shop, labels: { app: reviews, topology.istio.io/network: n1 } }
        spec: { nodeName: far, containers: [{ name: app, image: app }] }
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: p4, namespace: shop, labels: { app: reviews, topology.istio.io/network: n2 } }
        spec: { nodeName: worker, containers: [{ name: app, image: app }] }
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: gw-a, namespace: shop, labels: { app: gateway, topology.istio.io/network: n1 } }
        spec: { nodeName: worker, containers: [{ name: gw, image: gw }] }
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: gw-b, namespace: shop, labels: { app: gateway, topology.istio.io/network: n1 } }
        spec: { nodeName: worker, containers: [{ name: gw, image: gw }] }
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: gw-far, namespace: shop, labels: { app: gateway, topology.istio.io/network: n1 } }
        spec: { nodeName: far, containers: [{ name: gw, image: gw }] }
        """;

    private readonly ManifestObjects _manifests = new();

    [Theory]
    [InlineData("kgateway")]
    [InlineData("istio")]
    public void Each_clients_state_equals_a_full_translation_for_its_Pod_through_relabels_moves_and_Node_edits(string profile)
    {
        var engines = Start(profile, Mesh);
        ProxyClient[] clients = [GatewayA, GatewayB, GatewayFar, PodLess, GatewayAWithLocality, GatewayBWithLocality];
        foreach (var client in clients)
        {
            engines.Attach(client);
        }

        AssertEqualsFullRuns(engines, profile, clients, "after attaching");

        Edit(engines, Upsert(engines, "Pod", "shop", "gw-a", static p => p["metadata"]!["labels"]!["topology.istio.io/network"] = "n2"));
        AssertEqualsFullRuns(engines, profile, clients, "after relabelling gw-a to network n2");

        Edit(engines, Upsert(engines, "Pod", "shop", "gw-b", static p => p["spec"]!["nodeName"] = "worker3"));
        AssertEqualsFullRuns(engines, profile, clients, "after moving gw-b to worker3");

        Edit(engines, Upsert(engines, "Node", string.Empty, "far", static n => n["metadata"]!["labels"]!["topology.kubernetes.io/zone"] = "r2z9"));
        AssertEqualsFullRuns(engines, profile, clients, "after relabelling Node far's zone");

        Edit(engines, Upsert(engines, "DestinationRule", "shop", "ratings", static d => d["spec"]!["trafficPolicy"]!["loadBalancer"]!["localityLbSetting"]!["failoverPriority"] = new JsonArray("topology.kubernetes.io/zone")));
        AssertEqualsFullRuns(engines, profile, clients, "after editing the DestinationRule");

        Edit(engines, new ResourceChange.Delete(engines.Base.KeyOf(Find(engines, "Node", string.Empty, "worker3"))));
        AssertEqualsFullRuns(engines, profile, clients, "after deleting Node worker3 under gw-b");
        Assert.Equal("r7/r7z1/r7z1s1", engines.Current.IdentityOf(GatewayBWithLocality)!.Locality);
        Assert.Null(engines.Current.IdentityOf(GatewayB)!.Locality);
        Assert.Equal("r1/r1z2/r1z2s3", engines.Current.IdentityOf(GatewayAWithLocality)!.Locality);

        Edit(engines, new ResourceChange.Delete(engines.Base.KeyOf(Find(engines, "Pod", "shop", "gw-far"))));
        AssertEqualsFullRuns(engines, profile, clients, "after deleting Pod gw-far");
    }

    [Fact]
    public void Clients_whose_Pods_derive_the_same_identity_share_one_state_and_a_relabel_splits_them()
    {
        var engines = Start("kgateway", Mesh);

        var a = engines.Attach(GatewayA);
        var b = engines.Attach(GatewayB);
        var far = engines.Attach(GatewayFar);

        // gw-a and gw-b: same namespace, labels and Node (so locality and hostname), though different Pods.
        Assert.Equal(a, b);
        Assert.NotEqual(a, far);
        Assert.Same(engines.Current.StateOf(GatewayA), engines.Current.StateOf(GatewayB));
        Assert.Equal(3, engines.Current.ByIdentity.Count); // the base identity's, the worker one's and far's

        var step = Edit(engines, Upsert(engines, "Pod", "shop", "gw-a", static p => p["metadata"]!["labels"]!["app"] = "gateway-canary"));

        Assert.Equal(GatewayA, Assert.Single(step.Moved));
        Assert.Single(step.Added);
        Assert.Empty(step.Removed);
        Assert.NotSame(engines.Current.StateOf(GatewayA), engines.Current.StateOf(GatewayB));
        Assert.Equal("gateway-canary", engines.Current.IdentityOf(GatewayA)!.Labels["app"]);
        Assert.Equal(4, engines.Current.ByIdentity.Count);
    }

    [Fact]
    public void Priorities_follow_each_clients_Node_locality_as_the_spec_ranks_them()
    {
        var engines = Start("kgateway", Mesh);
        engines.Attach(GatewayA);
        engines.Attach(GatewayFar);

        // PreferClose (§B5, §D): keys network, region, zone; N = 3, first difference at j gives 3 − j.
        // From worker (n1, r1, r1z2): p1 same → 0; p2 zone r1z3 → 1; p3 region r2 → 2; p4 network n2 → 3.
        Assert.Equal(
            new Dictionary<string, uint> { ["10.2.0.1"] = 0, ["10.2.0.2"] = 1, ["10.2.0.3"] = 2, ["10.2.0.4"] = 3 },
            Priorities(engines.Current.StateOf(GatewayA)!, ReviewsCluster));

        // From far (n1, r2, r2z1): p1 and p2 region r1 → 2; p3 same → 0; p4 network n2 → 3.
        Assert.Equal(
            new Dictionary<string, uint> { ["10.2.0.1"] = 2, ["10.2.0.2"] = 2, ["10.2.0.3"] = 0, ["10.2.0.4"] = 3 },
            Priorities(engines.Current.StateOf(GatewayFar)!, ReviewsCluster));

        // Node far moves to region r1 zone r1z3, and p3 with it: p1 zone r1z2 → 1; p2 and p3 same → 0.
        var step = Edit(engines, Upsert(engines, "Node", string.Empty, "far", static n => n["metadata"]!["labels"] = new JsonObject { ["topology.kubernetes.io/region"] = "r1", ["topology.kubernetes.io/zone"] = "r1z3" }));

        Assert.Equal(GatewayFar, Assert.Single(step.Moved));
        Assert.Equal(
            new Dictionary<string, uint> { ["10.2.0.1"] = 1, ["10.2.0.2"] = 0, ["10.2.0.3"] = 0, ["10.2.0.4"] = 3 },
            Priorities(engines.Current.StateOf(GatewayFar)!, ReviewsCluster));
    }

    [Fact]
    public void A_client_without_its_Pod_falls_back_to_its_own_locality_and_detaching_the_last_client_drops_the_identity()
    {
        var engines = Start("kgateway", Mesh);

        var identity = engines.Attach(PodLess);
        engines.Attach(PodLess);

        Assert.Equal("r2/r2z1/r2z1s1", identity.Locality);
        Assert.Null(identity.Namespace);
        Assert.Empty(identity.Labels);
        engines.Detach(PodLess);
        Assert.True(engines.Current.ByIdentity.ContainsKey(identity));
        engines.Detach(PodLess);
        Assert.False(engines.Current.ByIdentity.ContainsKey(identity));
        Assert.Null(engines.Current.StateOf(PodLess));
        Assert.Equal([engines.BaseIdentity], engines.Current.ByIdentity.Keys);
    }

    [ConformanceFact]
    public void Kgateways_se_inline_eps_for_the_fixture_gateway_Pod_ranks_by_its_Node_and_equals_a_full_translation()
    {
        var engines = new ClientIdentityEngines(WaypointPipelines.Create("kgateway"));
        engines.Apply(ServiceEntryBackendGoldenTests.Load("se-inline-eps").Resources.Select(static r => (ResourceChange)new ResourceChange.Upsert(r.Object)));
        var client = new ProxyClient(new NamespacedName("gwtest", "gateway"), null);
        engines.Attach(client);
        const string cluster = "istio-se_gwtest_example-se_se.example.com_80";

        // failoverPriority region, zone, subzone from worker (r1/r1z2/r1z2s3): 1.1.1.1 (r1z2s4) → 1, 2.2.2.2 (r1z3) → 2, 3.3.3.3 (r2) → 3.
        Assert.Equal(new Dictionary<string, uint> { ["1.1.1.1"] = 1, ["2.2.2.2"] = 2, ["3.3.3.3"] = 3 }, Priorities(engines.Current.StateOf(client)!, cluster));
        AssertEqualsFullRuns(engines, "kgateway", [client], "at start");

        Edit(engines, Upsert(engines, "Pod", "gwtest", "gateway", static p => p["spec"]!["nodeName"] = "worker3"));

        // From worker3 (r1/r1z3/r1z3s4): 1.1.1.1 zone → 2, 2.2.2.2 same → 0, 3.3.3.3 region → 3.
        Assert.Equal(new Dictionary<string, uint> { ["1.1.1.1"] = 2, ["2.2.2.2"] = 0, ["3.3.3.3"] = 3 }, Priorities(engines.Current.StateOf(client)!, cluster));
        AssertEqualsFullRuns(engines, "kgateway", [client], "after moving the gateway Pod to worker3");

        Edit(engines, Upsert(engines, "Node", string.Empty, "worker3", static n => n["metadata"]!["labels"]!["topology.istio.io/subzone"] = "r1z3s9"));

        Assert.Equal(new Dictionary<string, uint> { ["1.1.1.1"] = 2, ["2.2.2.2"] = 1, ["3.3.3.3"] = 3 }, Priorities(engines.Current.StateOf(client)!, cluster));
        AssertEqualsFullRuns(engines, "kgateway", [client], "after relabelling worker3's subzone");
    }

    private ClientIdentityEngines Start(string profile, string yaml)
    {
        var engines = new ClientIdentityEngines(WaypointPipelines.Create(profile));
        engines.Apply(_manifests.LoadAll(yaml, "mesh.yaml").Select(static o => (ResourceChange)new ResourceChange.Upsert(o)));
        return engines;
    }

    private static ClientIdentitiesStep Edit(ClientIdentityEngines engines, ResourceChange change) => engines.Apply([change]);

    // Every client's state against a fresh engine over the same objects with settings.ForPod for it (its own locality as the fallback).
    private static void AssertEqualsFullRuns(ClientIdentityEngines engines, string profile, IReadOnlyList<ProxyClient> clients, string when)
    {
        var objects = engines.Base.Objects;
        var store = new ResourceStore(objects);
        foreach (var client in clients)
        {
            var settings = new EngineSettings { ClientLocality = client.Locality };
            if (client.Pod is { } pod)
            {
                settings = settings.ForPod(store, pod.Namespace, pod.Name);
            }

            var full = new TranslationEngine(WaypointPipelines.Create(profile), settings);
            full.Apply(objects.Select(static o => (ResourceChange)new ResourceChange.Upsert(o)));
            var actual = engines.Current.StateOf(client) ?? throw new InvalidOperationException($"{client} is not attached");
            Assert.True(StateComparison.Difference(full.Current, actual) is null, $"{client.Pod} {when}: {StateComparison.Difference(full.Current, actual)}");
        }

        var distinct = clients.Select(c => engines.Current.IdentityOf(c)).Append(engines.BaseIdentity).Distinct().Count();
        Assert.Equal(distinct, engines.Current.ByIdentity.Count);
    }

    private static IKubernetesObject<V1ObjectMeta> Find(ClientIdentityEngines engines, string kind, string ns, string name)
        => engines.Base.Objects.Single(o => engines.Base.KeyOf(o) is var key && key.Kind == kind && key.Namespace == ns && key.Name == name);

    private ResourceChange.Upsert Upsert(ClientIdentityEngines engines, string kind, string ns, string name, Action<JsonObject> edit)
    {
        var manifest = ManifestObjects.ToJson(Find(engines, kind, ns, name));
        edit(manifest);
        var (changed, refusal) = _manifests.Load(manifest);
        Assert.True(changed is not null, refusal);
        return new ResourceChange.Upsert(changed!);
    }

    // The cluster's load assignment: its EDS one, else the one inline in the cluster (STATIC ServiceEntries).
    private static Dictionary<string, uint> Priorities(EngineState state, string cluster)
        => (state.Shared[XdsResourceType.Endpoint].TryGetValue(cluster, out var eds) ? (ClusterLoadAssignment)eds.Resource : ((Cluster)state.Shared[XdsResourceType.Cluster][cluster].Resource).LoadAssignment).Endpoints
            .SelectMany(static g => g.LbEndpoints.Select(e => (e.Endpoint.Address.SocketAddress.Address, g.Priority)))
            .ToDictionary(static p => p.Address, static p => p.Priority);
}
