using RulesMesh.Engine;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using static RulesMesh.Tests.Translation.Routes.RouteHarness;

namespace RulesMesh.Tests.Engine;

/// <summary>
/// Route statuses are kept per kind: an HTTPRoute and a GRPCRoute of one <c>ns/name</c> each get their own status
/// (docs/spec/kgateway-waypoint.md §2.4: kgateway translates a GRPCRoute like an HTTPRoute, and reports it as itself).
/// </summary>
public sealed class RouteStatusKindTests
{
    // Both named infra/shared: the HTTPRoute on svc-a, to svc-a; the GRPCRoute on svc-b, to a Service that does not exist.
    private const string SameNamedRoutes = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: { name: shared, namespace: infra }
        spec:
          parentRefs: [{ group: "", kind: Service, name: svc-a }]
          rules: [{ backendRefs: [{ name: svc-a, port: 5000 }] }]
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: GRPCRoute
        metadata: { name: shared, namespace: infra }
        spec:
          parentRefs: [{ group: "", kind: Service, name: svc-b }]
          rules: [{ matches: [{ method: { service: shop.Cart } }], backendRefs: [{ name: missing, port: 9000 }] }]
        ---

        """;

    private readonly ManifestObjects _objects = new();

    [Fact]
    public void An_HTTPRoute_and_a_GRPCRoute_of_one_name_get_two_statuses_each_with_its_own_parent_and_kind()
    {
        var step = Engine().Apply(Upserts(WaypointMesh + TwoServices + SameNamedRoutes));

        var http = step.State.Statuses.HttpRoutes["infra/shared"];
        var grpc = step.State.Statuses.GrpcRoutes["infra/shared"];
        Assert.Equal(("HTTPRoute", "GRPCRoute"), (http.Kind, grpc.Kind));
        var httpParent = Assert.Single(((HTTPRouteStatus)http.Status).Parents);
        var grpcParent = Assert.Single(((GRPCRouteStatus)grpc.Status).Parents);
        Assert.Equal(("Service", "svc-a"), (httpParent.ParentRef.Kind, httpParent.ParentRef.Name));
        Assert.Equal(("Service", "svc-b"), (grpcParent.ParentRef.Kind, grpcParent.ParentRef.Name));
        Assert.Equal([("HTTPRoute", "infra/shared"), ("GRPCRoute", "infra/shared")], step.Changes.Statuses.Where(static c => c.Kind != "Gateway").Select(static c => (c.Kind, c.Key)));

        var snapshot = step.State.ToSnapshot();
        Assert.Equal(["infra/shared"], snapshot.HttpRouteStatuses.Keys);
        Assert.Equal(["infra/shared"], snapshot.GrpcRouteStatuses.Keys);
    }

    [Fact]
    public void A_GRPCRoute_with_a_backendRef_to_no_Service_is_accepted_with_ResolvedRefs_False_BackendNotFound()
    {
        var step = Engine().Apply(Upserts(WaypointMesh + TwoServices + SameNamedRoutes));

        var grpcParent = Assert.Single(((GRPCRouteStatus)step.State.Statuses.GrpcRoutes["infra/shared"].Status).Parents);
        Assert.Equal("kgateway", grpcParent.ControllerName);
        Assert.Equal(
            [("Accepted", "True", "Accepted"), ("ResolvedRefs", "False", "BackendNotFound"), ("kgateway.dev/Programmed", "True", "Programmed")],
            grpcParent.Conditions.Select(static c => (c.Type, c.Status, c.Reason)));
        // The HTTPRoute of the same name resolves its own backend: the GRPCRoute's failure does not leak into it.
        var httpParent = Assert.Single(((HTTPRouteStatus)step.State.Statuses.HttpRoutes["infra/shared"].Status).Parents);
        Assert.Equal(("ResolvedRefs", "True"), httpParent.Conditions.Where(static c => c.Type == "ResolvedRefs").Select(static c => (c.Type, c.Status)).Single());
    }

    [Fact]
    public void Deleting_the_GRPCRoute_removes_only_its_status_and_the_change_set_says_so_under_its_kind()
    {
        var engine = Engine();
        engine.Apply(Upserts(WaypointMesh + TwoServices + SameNamedRoutes));

        var step = engine.Apply([new ResourceChange.Delete(new ResourceKey("gateway.networking.k8s.io", "GRPCRoute", "infra", "shared"))]);

        Assert.Empty(step.State.Statuses.GrpcRoutes);
        Assert.Equal(["infra/shared"], step.State.Statuses.HttpRoutes.Keys);
        var change = Assert.Single(step.Changes.Statuses);
        Assert.Equal(("GRPCRoute", "infra/shared", true), (change.Kind, change.Key, change.Status is null));
    }

    private static TranslationEngine Engine() => new(WaypointPipelines.Create());

    private IEnumerable<ResourceChange> Upserts(string yaml) => _objects.LoadAll(yaml, "routes.yaml").Select(static o => new ResourceChange.Upsert(o));
}
