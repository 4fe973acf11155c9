using RulesMesh.Engine;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using static RulesMesh.Tests.Translation.Istio.IstioWaypointHarness;

namespace RulesMesh.Tests.Engine;

/// <summary>
/// TCPRoute and TLSRoute statuses (the istio profile's, docs/spec/istio-waypoint-output.md §4.4) are kept per kind by the
/// engine, beside an HTTPRoute of the same <c>ns/name</c>, and a step changes only the kind it touched.
/// </summary>
public sealed class ConnectionRouteStatusKindTests
{
    // All named shop/shared and parented to the Service api: an HTTPRoute, a TCPRoute and a TLSRoute.
    private const string SameNamedRoutes = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: { name: shared, namespace: shop }
        spec:
          parentRefs: [{ group: "", kind: Service, name: api }]
          rules: [{ backendRefs: [{ name: api, port: 8080 }] }]
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: TCPRoute
        metadata: { name: shared, namespace: shop }
        spec:
          parentRefs: [{ group: "", kind: Service, name: api, port: 5432 }]
          rules: [{ backendRefs: [{ name: api, port: 5432 }] }]
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: TLSRoute
        metadata: { name: shared, namespace: shop }
        spec:
          parentRefs: [{ group: "", kind: Service, name: api }]
          hostnames: [api.shop.svc.cluster.local]
          rules: [{ backendRefs: [{ name: api, port: 443 }] }]
        ---

        """;

    private static readonly string Api = Service("api", "10.96.0.22", "[{ name: http, port: 8080 }, { name: tcp, port: 5432 }, { name: tls, port: 443 }]");

    private readonly ManifestObjects _objects = new();

    [Fact]
    public void An_HTTPRoute_a_TCPRoute_and_a_TLSRoute_of_one_name_each_get_their_own_status()
    {
        var step = Engine().Apply(Upserts(Waypoint + Api + SameNamedRoutes));

        var tcp = Assert.Single(((TCPRouteStatus)step.State.Statuses.TcpRoutes["shop/shared"].Status).Parents);
        var tls = Assert.Single(((TLSRouteStatus)step.State.Statuses.TlsRoutes["shop/shared"].Status).Parents);
        Assert.Equal(("Service", "api", 5432), (tcp.ParentRef.Kind, tcp.ParentRef.Name, tcp.ParentRef.Port));
        Assert.Equal(("Service", "api", (int?)null), (tls.ParentRef.Kind, tls.ParentRef.Name, tls.ParentRef.Port));
        Assert.Equal(["shop/shared"], step.State.Statuses.HttpRoutes.Keys);
        Assert.Equal(
            // The istio profile also writes the bound Service's waypoint condition (istio.io/WaypointBound).
            [("HTTPRoute", "shop/shared"), ("Service", "shop/api"), ("TCPRoute", "shop/shared"), ("TLSRoute", "shop/shared")],
            step.Changes.Statuses.Where(static c => c.Kind != "Gateway").Select(static c => (c.Kind, c.Key)).Order());

        var snapshot = step.State.ToSnapshot();
        Assert.Equal(["shop/shared"], snapshot.TcpRouteStatuses.Keys);
        Assert.Equal(["shop/shared"], snapshot.TlsRouteStatuses.Keys);
    }

    [Fact]
    public void Deleting_the_TCPRoute_removes_only_its_status_and_the_change_set_says_so_under_its_kind()
    {
        var engine = Engine();
        engine.Apply(Upserts(Waypoint + Api + SameNamedRoutes));

        var step = engine.Apply([new ResourceChange.Delete(new ResourceKey("gateway.networking.k8s.io", "TCPRoute", "shop", "shared"))]);

        Assert.Empty(step.State.Statuses.TcpRoutes);
        Assert.Equal(["shop/shared"], step.State.Statuses.TlsRoutes.Keys);
        Assert.Equal(["shop/shared"], step.State.Statuses.HttpRoutes.Keys);
        var change = Assert.Single(step.Changes.Statuses);
        Assert.Equal(("TCPRoute", "shop/shared", true), (change.Kind, change.Key, change.Status is null));
    }

    private static TranslationEngine Engine() => new(WaypointPipelines.Create("istio"));

    private IEnumerable<ResourceChange> Upserts(string yaml) => _objects.LoadAll(yaml, "routes.yaml").Select(static o => new ResourceChange.Upsert(o));
}
