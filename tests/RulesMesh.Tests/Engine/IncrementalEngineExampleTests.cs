using System.Text.Json.Nodes;
using Envoy.Config.Core.V3;
using Envoy.Config.Endpoint.V3;
using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;
using k8s;
using k8s.Models;
using RulesMesh.Engine;
using RulesMesh.Mesh;

namespace RulesMesh.Tests.Engine;

/// <summary>
/// The named cases of issue 11, step by step through one engine: what each edit's change set holds and what it
/// leaves alone (names from kgateway's waypoint goldens, docs/spec/kgateway-waypoint.md and docs/spec/istio-waypoint-output.md).
/// </summary>
public sealed class IncrementalEngineExampleTests
{
    private static readonly NamespacedName Waypoint = new("infra", "example-waypoint");

    // Namespace infra captured by its kgateway waypoint, as in kgateway's ns-use-waypoint golden.
    private const string KgatewayWaypoint = """
        apiVersion: v1
        kind: Namespace
        metadata: { name: infra, labels: { istio.io/use-waypoint: example-waypoint } }
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: { name: example-waypoint, namespace: infra }
        spec:
          gatewayClassName: kgateway-waypoint
          listeners: [{ name: proxy, port: 15088, protocol: istio.io/PROXY }]
        ---

        """;

    // Namespace infra captured by its istio waypoint.
    private const string IstioWaypoint = """
        apiVersion: v1
        kind: Namespace
        metadata: { name: infra, labels: { istio.io/use-waypoint: waypoint } }
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: { name: waypoint, namespace: infra }
        spec:
          gatewayClassName: istio-waypoint
          listeners: [{ name: mesh, port: 15008, protocol: HBONE }]
        status:
          addresses: [{ type: IPAddress, value: 10.0.0.9 }]
        ---

        """;

    // A STATIC ServiceEntry whose workloads are the Pods labelled app: db, both ready.
    private const string DatabaseEntry = """
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: { name: db, namespace: infra }
        spec:
          hosts: [db.example.com]
          addresses: [240.0.0.5]
          ports: [{ number: 8080, name: http, protocol: HTTP }]
          location: MESH_INTERNAL
          resolution: STATIC
          workloadSelector: { labels: { app: db } }
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: db-1, namespace: infra, labels: { app: db } }
        spec: { containers: [{ name: db, image: db:1 }] }
        status: { podIP: 10.1.0.1, conditions: [{ type: Ready, status: "True" }] }
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: db-2, namespace: infra, labels: { app: db } }
        spec: { containers: [{ name: db, image: db:1 }] }
        status: { podIP: 10.1.0.2, conditions: [{ type: Ready, status: "True" }] }
        ---

        """;

    private readonly ManifestObjects _manifests = new();

    [Fact]
    public void A_VIP_istiod_allocates_only_in_a_ServiceEntry_status_gives_its_Hostname_route_a_chain_and_taking_it_back_removes_it()
    {
        var engine = Start("kgateway", KgatewayWaypoint + """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: { name: se-a, namespace: infra }
            spec:
              hosts: [se-a.example.com]
              ports: [{ number: 5000, name: http, protocol: HTTP }]
              location: MESH_INTERNAL
              resolution: STATIC
              endpoints: [{ address: 1.1.1.1 }]
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: { name: waypoint-route, namespace: infra }
            spec:
              parentRefs: [{ group: networking.istio.io, kind: Hostname, name: se-a.example.com }]
              rules:
              - backendRefs: [{ group: networking.istio.io, kind: Hostname, name: se-a.example.com, port: 5000 }]
            """);
        var entry = Find(engine, "ServiceEntry", "infra", "se-a");
        Assert.Null(Chain(engine.Current, "fc_http_5000_se-a_infra"));

        // kgateway#14390: the VIP is written to status.addresses only; that is a change, and the chain appears at once.
        var allocated = engine.Apply([Upsert(entry, static m => m["status"] = JsonNode.Parse("""{ "addresses": [{ "value": "240.240.0.7", "host": "se-a.example.com" }] }"""))]);

        var listener = (Listener)Assert.Single(allocated.Changes.Proxies[Waypoint][XdsResourceType.Listener]!.Upserted).Resource;
        var chain = Assert.Single(listener.FilterChains, static c => c.Name == "fc_http_5000_se-a_infra");
        Assert.Equal(5000u, chain.FilterChainMatch.DestinationPort);
        Assert.Equal("240.240.0.7", Assert.Single(chain.FilterChainMatch.PrefixRanges).AddressPrefix);
        var routes = (RouteConfiguration)Assert.Single(allocated.Changes.Proxies[Waypoint][XdsResourceType.Route]!.Upserted, static r => r.Name == "fc_http_5000_se-a_infra").Resource;
        var host = Assert.Single(routes.VirtualHosts);
        Assert.Equal("http_routes_se-a_infra", host.Name);
        Assert.StartsWith("http_routes_se-a_infra-route-0-httproute-waypoint-route-infra-0-0", Assert.Single(host.Routes).Name, StringComparison.Ordinal);

        var released = engine.Apply([Upsert(entry, static _ => { })]);

        Assert.False(released.Changes.IsEmpty);
        Assert.Null(Chain(released.State, "fc_http_5000_se-a_infra"));
    }

    [Fact]
    public void Labelling_a_namespace_for_its_waypoint_captures_its_services_and_removing_the_label_releases_them_without_touching_the_clusters()
    {
        var engine = Start("kgateway", """
            apiVersion: v1
            kind: Namespace
            metadata: { name: shop }
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
            metadata: { name: svc-a, namespace: shop }
            spec: { clusterIP: 10.0.0.1, ports: [{ name: http, port: 80 }] }
            ---
            apiVersion: v1
            kind: Service
            metadata: { name: svc-b, namespace: shop }
            spec: { clusterIP: 10.0.0.2, ports: [{ name: http, port: 8080 }] }
            """);
        var shop = Find(engine, "Namespace", string.Empty, "shop");
        Assert.Null(Chain(engine.Current, "fc_http_80_svc-a_shop"));

        var captured = engine.Apply([Upsert(shop, static m => m["metadata"]!["labels"] = new JsonObject { ["istio.io/use-waypoint"] = "waypoint" })]);

        Assert.Empty(captured.Changes.Shared.Types);
        Assert.Equal("10.0.0.1", Assert.Single(Chain(captured.State, "fc_http_80_svc-a_shop")!.FilterChainMatch.PrefixRanges).AddressPrefix);
        Assert.Equal("10.0.0.2", Assert.Single(Chain(captured.State, "fc_http_8080_svc-b_shop")!.FilterChainMatch.PrefixRanges).AddressPrefix);
        Assert.Contains(captured.Changes.Proxies[new("shop", "waypoint")][XdsResourceType.Listener]!.Upserted, static r => r.Name == "proxy_protocol_inbound");

        var released = engine.Apply([Upsert(shop, static m => m["metadata"]!.AsObject().Remove("labels"))]);

        Assert.False(released.Changes.IsEmpty);
        Assert.Empty(released.Changes.Shared.Types);
        Assert.Null(Chain(released.State, "fc_http_80_svc-a_shop"));
        Assert.Null(Chain(released.State, "fc_http_8080_svc-b_shop"));
    }

    [Fact]
    public void Deleting_a_waypoint_removes_its_proxy_and_status_and_recreating_it_sends_its_whole_view_again()
    {
        var engine = Start("kgateway", KgatewayWaypoint + """
            apiVersion: v1
            kind: Service
            metadata: { name: svc-a, namespace: infra }
            spec: { clusterIP: 10.0.0.1, ports: [{ name: http, port: 5000 }] }
            """);
        var gateway = Find(engine, "Gateway", "infra", "example-waypoint");
        var before = engine.Current;

        var deleted = engine.Apply([new ResourceChange.Delete(engine.KeyOf(gateway))]);

        Assert.Equal(Waypoint, Assert.Single(deleted.Changes.RemovedProxies));
        Assert.Contains(new StatusChange("Gateway", "infra/example-waypoint", null), deleted.Changes.Statuses);

        var recreated = engine.Apply([Upsert(gateway, static _ => { })]);

        // A proxy that comes back knows nothing: it gets every resource it sees, the shared cluster of svc-a included.
        var view = recreated.Changes.Proxies[Waypoint];
        Assert.Equal(["kube_infra_svc-a_5000"], view[XdsResourceType.Cluster]!.Upserted.Select(static r => r.Name));
        Assert.Equal(["proxy_protocol_inbound"], view[XdsResourceType.Listener]!.Upserted.Select(static r => r.Name));
        Assert.Contains(recreated.Changes.Statuses, static s => s.Key == "infra/example-waypoint" && s.Status is not null);
        Assert.Equal(Versions(before.ResourcesOf(Waypoint)), Versions(recreated.State.ResourcesOf(Waypoint)));
        Assert.Equal(before.Statuses.Gateways["infra/example-waypoint"].Version, recreated.State.Statuses.Gateways["infra/example-waypoint"].Version);
    }

    [Fact]
    public void In_kgateway_a_Pod_readiness_flip_changes_only_the_endpoints_of_the_entry_that_selects_it()
    {
        var engine = Start("kgateway", KgatewayWaypoint + DatabaseEntry);

        var step = engine.Apply([Upsert(Find(engine, "Pod", "infra", "db-2"), NotReady)]);

        // kgateway gives a STATIC ServiceEntry with a workload selector an EDS cluster (docs/spec/kgateway-waypoint.md §3.3): only its load assignment changes.
        var shared = Assert.Single(step.Changes.Shared.Types);
        Assert.Equal(XdsResourceType.Endpoint, shared.Type);
        var assignment = (ClusterLoadAssignment)Assert.Single(shared.Upserted).Resource;
        Assert.Equal("istio-se_infra_db_db.example.com_8080", assignment.ClusterName);
        Assert.Empty(shared.Removed);
        Assert.Equal([XdsResourceType.Endpoint], step.Changes.Proxies[Waypoint].Types.Select(static t => t.Type));
        Assert.Empty(step.Changes.Statuses);
        Assert.Empty(step.Changes.RemovedProxies);
        Assert.Equal(["10.1.0.1"], HealthyAddresses(assignment));
    }

    [Fact]
    public void In_istio_a_Pod_readiness_flip_changes_only_the_waypoints_endpoints()
    {
        var engine = Start("istio", IstioWaypoint + DatabaseEntry);
        var waypoint = new NamespacedName("infra", "waypoint");

        var step = engine.Apply([Upsert(Find(engine, "Pod", "infra", "db-2"), NotReady)]);

        // istiod gives a STATIC ServiceEntry an EDS inbound-vip cluster per port (docs/spec/istio-waypoint-output.md §3): only its load assignment changes.
        Assert.Empty(step.Changes.Shared.Types);
        var changed = Assert.Single(step.Changes.Proxies[waypoint].Types);
        Assert.Equal(XdsResourceType.Endpoint, changed.Type);
        var assignment = (ClusterLoadAssignment)Assert.Single(changed.Upserted).Resource;
        Assert.Equal("inbound-vip|8080|http|db.example.com", assignment.ClusterName);
        Assert.Empty(step.Changes.Statuses);
        Assert.DoesNotContain("10.1.0.2", HealthyAddresses(assignment));
        Assert.Contains("10.1.0.1", HealthyAddresses(assignment));
    }

    [Fact]
    public void In_istio_a_waypoint_rebuilt_for_its_endpoints_keeps_the_versioned_entry_of_its_unchanged_cluster()
    {
        var engine = Start("istio", IstioWaypoint + DatabaseEntry);
        var waypoint = new NamespacedName("infra", "waypoint");
        const string cluster = "inbound-vip|8080|http|db.example.com";
        var before = engine.Current.Proxies[waypoint].Own[XdsResourceType.Cluster][cluster];

        var step = engine.Apply([Upsert(Find(engine, "Pod", "infra", "db-2"), NotReady)]);

        // The whole proxy was built again; its cluster came out the same, so the engine keeps the entry it had (and its
        // version and packing) instead of filing an equal copy.
        Assert.Same(before, step.State.Proxies[waypoint].Own[XdsResourceType.Cluster][cluster]);
    }

    private static void NotReady(JsonObject pod) => pod["status"]!["conditions"] = JsonNode.Parse("""[{ "type": "Ready", "status": "False" }]""");

    private TranslationEngine Start(string profile, string yaml)
    {
        var engine = new TranslationEngine(WaypointPipelines.Create(profile));
        engine.Apply(_manifests.LoadAll(yaml, "example.yaml").Select(static o => new ResourceChange.Upsert(o)));
        return engine;
    }

    private static IKubernetesObject<V1ObjectMeta> Find(TranslationEngine engine, string kind, string ns, string name)
        => engine.Objects.Single(o => engine.KeyOf(o) is var key && key.Kind == kind && key.Namespace == ns && key.Name == name);

    private ResourceChange.Upsert Upsert(IKubernetesObject<V1ObjectMeta> original, Action<JsonObject> edit)
    {
        var manifest = ManifestObjects.ToJson(original);
        edit(manifest);
        var (changed, refusal) = _manifests.Load(manifest);
        Assert.True(changed is not null, refusal);
        return new ResourceChange.Upsert(changed!);
    }

    private static FilterChain? Chain(EngineState state, string name)
        => state.Proxies.Keys.SelectMany(p => state.ResourcesOf(p)[XdsResourceType.Listener].Values)
            .SelectMany(static l => ((Listener)l.Resource).FilterChains)
            .FirstOrDefault(c => c.Name == name);

    private static List<string> Versions(ResourceSet set)
        => [.. Enum.GetValues<XdsResourceType>().SelectMany(t => set[t].Values.Select(r => $"{t} {r}"))];

    private static List<string> HealthyAddresses(ClusterLoadAssignment assignment)
        => [.. assignment.Endpoints.SelectMany(static l => l.LbEndpoints).Where(static e => e.HealthStatus is HealthStatus.Healthy or HealthStatus.Unknown)
            .Select(static e => e.Endpoint.Address.SocketAddress?.Address ?? e.Endpoint.Address.EnvoyInternalAddress?.EndpointId.Split(':')[0] ?? string.Empty)];
}
