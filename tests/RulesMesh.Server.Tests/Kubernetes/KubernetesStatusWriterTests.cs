using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using k8s.Models;
using RulesMesh.Engine;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;

namespace RulesMesh.Server.Tests.Kubernetes;

/// <summary>Status writing: through the status subresource, only when the status differs from the server's, only by the Lease leader.</summary>
public sealed class KubernetesStatusWriterTests
{
    private const string Gateways = "/apis/gateway.networking.k8s.io/v1/gateways";
    private const string HttpRoutes = "/apis/gateway.networking.k8s.io/v1/httproutes";
    private const string GrpcRoutes = "/apis/gateway.networking.k8s.io/v1/grpcroutes";
    private const string Unknown = "0001-01-01T00:00:00Z";

    [Fact]
    public async Task AStatusIsWrittenWhenItDiffersFromTheServersAndNotAgainWhenItIsTheSameEvenAfterARestart()
    {
        await using var api = await KubernetesApiDouble.StartAsync();
        api.Put(SampleObjects.Gateway("infra", "waypoint"));
        var route = JsonNode.Parse("""
            {"apiVersion":"gateway.networking.k8s.io/v1","kind":"HTTPRoute","metadata":{"name":"catalog","namespace":"shop"},
             "spec":{"parentRefs":[{"group":"","kind":"Service","name":"catalog"}]},
             "status":{"parents":[{"controllerName":"example.com/other","parentRef":{"name":"elsewhere"},"conditions":[{"type":"Accepted","status":"False","reason":"NotAllowed","message":"no","lastTransitionTime":"2026-01-01T00:00:00Z"}]}]}}
            """)!.AsObject();
        api.Put(route);
        var first = new RunningSource(api, identity: "replica-a");
        await first.SyncedAsync();
        await KubernetesApiDouble.WaitUntilAsync(() => first.Source.IsLeader, "replica-a to lead");

        var accepted = Statuses(GatewayStatusOf(Condition("Accepted", "True", "Accepted")), RouteStatusOf(Condition("Accepted", "True", "Accepted")));
        await first.Source.WriteAsync(accepted, Changes(accepted), CancellationToken.None);

        Assert.Equal(2, api.StatusPatches.Count);
        var gateway = api.Get(Gateways, "infra", "waypoint")!["status"]!;
        var gatewayCondition = gateway["conditions"]![0]!;
        Assert.Equal(("Accepted", "True", "Accepted", "fine", 1L), ((string)gatewayCondition["type"]!, (string)gatewayCondition["status"]!, (string)gatewayCondition["reason"]!, (string)gatewayCondition["message"]!, (long)gatewayCondition["observedGeneration"]!));
        var acceptedAt = (string)gatewayCondition["lastTransitionTime"]!;
        Assert.NotEqual(Unknown, acceptedAt);
        Assert.True(DateTimeOffset.TryParse(acceptedAt, CultureInfo.InvariantCulture, out _));
        var listenerSince = (string)gateway["listeners"]![0]!["conditions"]![0]!["lastTransitionTime"]!;
        // Our parent entry is written; the other controller's is kept.
        var parents = api.Get(HttpRoutes, "shop", "catalog")!["status"]!["parents"]!.AsArray();
        Assert.Equal(["kgateway.dev/kgateway", "example.com/other"], parents.Select(static parent => (string)parent!["controllerName"]!));
        Assert.Equal("2026-01-01T00:00:00Z", (string)parents[1]!["conditions"]![0]!["lastTransitionTime"]!);

        await first.Source.WriteAsync(accepted, Changes(accepted), CancellationToken.None);
        Assert.Equal(2, api.StatusPatches.Count);

        // The Gateway's own condition changes; its listener's does not and keeps its time.
        var refused = Statuses(GatewayStatusOf(Condition("Accepted", "False", "ListenersNotValid")), RouteStatusOf(Condition("Accepted", "True", "Accepted")));
        await first.Source.WriteAsync(refused, [new StatusChange("Gateway", "infra/waypoint", refused.Gateways["infra/waypoint"])], CancellationToken.None);
        Assert.Equal(3, api.StatusPatches.Count);
        gateway = api.Get(Gateways, "infra", "waypoint")!["status"]!;
        Assert.Equal("ListenersNotValid", (string)gateway["conditions"]![0]!["reason"]!);
        Assert.Equal(listenerSince, (string)gateway["listeners"]![0]!["conditions"]![0]!["lastTransitionTime"]!);
        await first.DisposeAsync();

        // A new replica compares with what the server has, so the unchanged statuses are not written again.
        await using var second = new RunningSource(api, identity: "replica-b");
        await second.SyncedAsync();
        await KubernetesApiDouble.WaitUntilAsync(() => second.Source.IsLeader, "replica-b to lead once replica-a's Lease expires");
        await second.Source.WriteAsync(refused, Changes(refused), CancellationToken.None);
        Assert.Equal(3, api.StatusPatches.Count);
        Assert.Equal(0, second.Source.StatusesWritten);
    }

    [Fact]
    public async Task OnlyTheLeaderWritesAndWhenItStopsTheOtherReplicaTakesOverAndWritesWhatDiffers()
    {
        await using var api = await KubernetesApiDouble.StartAsync();
        api.Put(SampleObjects.Gateway("infra", "a"));
        api.Put(SampleObjects.Gateway("infra", "b"));
        await using var replicaA = new RunningSource(api, identity: "replica-a");
        await using var replicaB = new RunningSource(api, identity: "replica-b");
        await replicaA.SyncedAsync();
        await replicaB.SyncedAsync();
        await KubernetesApiDouble.WaitUntilAsync(() => replicaA.Source.IsLeader || replicaB.Source.IsLeader, "a leader");
        var (leader, follower) = replicaA.Source.IsLeader ? (replicaA, replicaB) : (replicaB, replicaA);
        Assert.False(follower.Source.IsLeader);
        var lease = api.Get("/apis/coordination.k8s.io/v1/leases", "rulesmesh-system", "rulesmesh-status-writer")!;
        Assert.Equal(leader == replicaA ? "replica-a" : "replica-b", (string)lease["spec"]!["holderIdentity"]!);

        var onlyA = Statuses(("infra/a", GatewayStatusOf(Condition("Accepted", "True", "Accepted"))));
        await leader.Source.WriteAsync(onlyA, Changes(onlyA), CancellationToken.None);
        await follower.Source.WriteAsync(onlyA, Changes(onlyA), CancellationToken.None);
        Assert.Equal([("infra", "a")], api.StatusPatches.Select(static patch => (patch.Namespace, patch.Name)));
        Assert.Equal((1, 0), (leader.Source.StatusesWritten, follower.Source.StatusesWritten));

        // Only the follower hears of b's status before the leader stops.
        var both = Statuses(("infra/a", GatewayStatusOf(Condition("Accepted", "True", "Accepted"))), ("infra/b", GatewayStatusOf(Condition("Accepted", "True", "Accepted"))));
        await follower.Source.WriteAsync(both, Changes(both), CancellationToken.None);
        Assert.Single(api.StatusPatches);

        await leader.StopAsync();
        await KubernetesApiDouble.WaitUntilAsync(() => follower.Source.IsLeader, "the follower to take the Lease");
        await KubernetesApiDouble.WaitUntilAsync(() => follower.Source.StatusesWritten == 1, "the new leader's write");
        Assert.Equal([("infra", "a"), ("infra", "b")], api.StatusPatches.Select(static patch => (patch.Namespace, patch.Name)));
    }

    [Fact]
    public async Task AGrpcRouteStatusIsPatchedThroughTheGrpcRoutesStatusSubresourceApartFromTheHttpRouteOfTheSameName()
    {
        await using var api = await KubernetesApiDouble.StartAsync();
        api.Put(JsonNode.Parse("""
            {"apiVersion":"gateway.networking.k8s.io/v1","kind":"HTTPRoute","metadata":{"name":"catalog","namespace":"shop"},
             "spec":{"parentRefs":[{"group":"","kind":"Service","name":"catalog"}]}}
            """)!.AsObject());
        api.Put(JsonNode.Parse("""
            {"apiVersion":"gateway.networking.k8s.io/v1","kind":"GRPCRoute","metadata":{"name":"catalog","namespace":"shop"},
             "spec":{"parentRefs":[{"group":"","kind":"Service","name":"catalog-grpc"}]}}
            """)!.AsObject());
        await using var source = new RunningSource(api, identity: "replica-a");
        await source.SyncedAsync();
        await KubernetesApiDouble.WaitUntilAsync(() => source.Source.IsLeader, "replica-a to lead");

        var grpcStatus = new GRPCRouteStatus
        {
            Parents = [new GRPCRouteStatusParent { ControllerName = "kgateway.dev/kgateway", ParentRef = new GRPCRouteParentRef { Group = "", Kind = "Service", Name = "catalog-grpc" }, Conditions = [Condition("ResolvedRefs", "False", "BackendNotFound")] }],
        };
        var statuses = StatusMaps.Empty with
        {
            HttpRoutes = StatusMaps.Empty.HttpRoutes.Add("shop/catalog", new VersionedStatus("HTTPRoute", "shop/catalog", RouteStatusOf(Condition("Accepted", "True", "Accepted")), "r")),
            GrpcRoutes = StatusMaps.Empty.GrpcRoutes.Add("shop/catalog", new VersionedStatus("GRPCRoute", "shop/catalog", grpcStatus, "g")),
        };
        await source.Source.WriteAsync(statuses, Changes(statuses), CancellationToken.None);

        Assert.Equal([(GrpcRoutes, "shop", "catalog"), (HttpRoutes, "shop", "catalog")], api.StatusPatches.Select(static patch => (patch.CollectionPath, patch.Namespace, patch.Name)).Order());
        var grpcParent = api.Get(GrpcRoutes, "shop", "catalog")!["status"]!["parents"]!.AsArray().Single()!;
        Assert.Equal("catalog-grpc", (string)grpcParent["parentRef"]!["name"]!);
        Assert.Equal(("ResolvedRefs", "False", "BackendNotFound"), ((string)grpcParent["conditions"]![0]!["type"]!, (string)grpcParent["conditions"]![0]!["status"]!, (string)grpcParent["conditions"]![0]!["reason"]!));
        var httpParent = api.Get(HttpRoutes, "shop", "catalog")!["status"]!["parents"]!.AsArray().Single()!;
        Assert.Equal(("catalog", "Accepted"), ((string)httpParent["parentRef"]!["name"]!, (string)httpParent["conditions"]![0]!["type"]!));
    }

    [Fact]
    public async Task ARouteTheEngineNoLongerReportsLosesTheParentsItWroteAndKeepsOtherControllers()
    {
        await using var api = await KubernetesApiDouble.StartAsync();
        api.Put(CatalogRouteWithAnotherControllersParent());
        await using var source = new RunningSource(api, identity: "replica-a");
        await WriteCatalogAttachedAsync(source);
        Assert.Equal(["kgateway.dev/kgateway", "example.com/other"], CatalogParentControllers(api));

        // The route's parent went away: the engine reports no status for it any more.
        await source.Source.WriteAsync(StatusMaps.Empty, [new StatusChange("HTTPRoute", "shop/catalog", null)], CancellationToken.None);

        var parents = api.Get(HttpRoutes, "shop", "catalog")!["status"]!["parents"]!.AsArray();
        Assert.Equal(["example.com/other"], parents.Select(static p => (string)p!["controllerName"]!));
        Assert.Equal("2026-01-01T00:00:00Z", (string)parents[0]!["conditions"]![0]!["lastTransitionTime"]!);
        Assert.Equal(2, api.StatusPatches.Count);
    }

    [Fact]
    public async Task ARouteWhosePruningWriteFailedLosesItsParentsWhenTheWriteIsRetriedWithALaterStep()
    {
        await using var api = await KubernetesApiDouble.StartAsync();
        api.Put(CatalogRouteWithAnotherControllersParent());
        await using var source = new RunningSource(api, identity: "replica-a");
        await WriteCatalogAttachedAsync(source);

        // The route's parent went away, but the server refuses the write that removes our parent.
        api.FailNextStatusPatches(1);
        await source.Source.WriteAsync(StatusMaps.Empty, [new StatusChange("HTTPRoute", "shop/catalog", null)], CancellationToken.None);
        Assert.Equal(["kgateway.dev/kgateway", "example.com/other"], CatalogParentControllers(api));

        // The next step changes nothing of this route; the failed write is retried with it.
        await source.Source.WriteAsync(StatusMaps.Empty, [], CancellationToken.None);

        Assert.Equal(["example.com/other"], CatalogParentControllers(api));
        Assert.Equal(2, api.StatusPatches.Count);
    }

    [Fact]
    public async Task AFailedStatusWriteIsRetriedOnABackoffTimerWithoutWaitingForAnotherStep()
    {
        await using var api = await KubernetesApiDouble.StartAsync();
        api.Put(CatalogRouteWithAnotherControllersParent());
        await using var source = new RunningSource(api, identity: "replica-a");
        // etcd times out twice (500): the step's write and the first retry fail.
        api.FailNextStatusPatches(2);
        await WriteCatalogAttachedAsync(source);
        Assert.Empty(api.StatusPatches);

        // No later step comes (the engine's statuses do not change); the write is tried again on its own.
        await KubernetesApiDouble.WaitUntilAsync(() => api.StatusPatches.Count == 1, "the failed write to be retried");
        Assert.Equal(["kgateway.dev/kgateway", "example.com/other"], CatalogParentControllers(api));
    }

    [Fact]
    public async Task AStatusTheApiServerRefusesAsInvalidIsNotRetriedOnTheTimer()
    {
        await using var api = await KubernetesApiDouble.StartAsync();
        api.Put(CatalogRouteWithAnotherControllersParent());
        await using var source = new RunningSource(api, identity: "replica-a");
        api.RefuseStatusPatches();
        await WriteCatalogAttachedAsync(source);
        Assert.Equal(1, api.RefusedStatusPatches);

        // The same patch would be refused again (422): the retry timer (20 ms doubling to 200 ms here) leaves it alone.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(1, api.RefusedStatusPatches);
        Assert.Contains(source.Log.Entries, static e => e.Message.StartsWith("The API server refused the status of HTTPRoute shop/catalog, to be tried again with the next status change: 422", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AStatusWriteTheApiServerRefusesCountsAsAFailedStatusWrite()
    {
        await using var api = await KubernetesApiDouble.StartAsync();
        api.Put(CatalogRouteWithAnotherControllersParent());
        await using var source = new RunningSource(api, identity: "replica-a");
        api.RefuseStatusPatches();
        await WriteCatalogAttachedAsync(source);

        Assert.Equal(1, api.RefusedStatusPatches);
        Assert.Contains("rulesmesh_status_write_failures_total{kind=\"HTTPRoute\"} 1\n", await source.ScrapeAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryFailedAttemptOfAStatusWriteThatIsRetriedCountsAsAFailedStatusWrite()
    {
        await using var api = await KubernetesApiDouble.StartAsync();
        api.Put(CatalogRouteWithAnotherControllersParent());
        await using var source = new RunningSource(api, identity: "replica-a");
        // etcd times out twice (500): the step's write and the first retry fail, the second retry is made.
        api.FailNextStatusPatches(2);
        await WriteCatalogAttachedAsync(source);
        await KubernetesApiDouble.WaitUntilAsync(() => api.StatusPatches.Count == 1, "the failed write to be retried");

        Assert.Contains("rulesmesh_status_write_failures_total{kind=\"HTTPRoute\"} 2\n", await source.ScrapeAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANewLeaderRemovesOurParentsFromARouteTheEngineNoLongerReportsAndKeepsOtherControllers()
    {
        await using var api = await KubernetesApiDouble.StartAsync();
        api.Put(CatalogRouteWithAnotherControllersParent());
        api.Put(JsonNode.Parse("""{"apiVersion":"gateway.networking.k8s.io/v1","kind":"HTTPRoute","metadata":{"name":"reviews","namespace":"shop"},"spec":{"parentRefs":[{"group":"","kind":"Service","name":"reviews"}]}}""")!.AsObject());
        await using var replicaA = new RunningSource(api, identity: "replica-a");
        await using var replicaB = new RunningSource(api, identity: "replica-b");
        await replicaA.SyncedAsync();
        await replicaB.SyncedAsync();
        await KubernetesApiDouble.WaitUntilAsync(() => replicaA.Source.IsLeader || replicaB.Source.IsLeader, "a leader");
        var (leader, follower) = replicaA.Source.IsLeader ? (replicaA, replicaB) : (replicaB, replicaA);

        // Every replica's engine reports catalog attached; the leader writes it.
        var attached = StatusMaps.Empty with
        {
            HttpRoutes = StatusMaps.Empty.HttpRoutes.Add("shop/catalog", new VersionedStatus("HTTPRoute", "shop/catalog", RouteStatusOf(Condition("Accepted", "True", "Accepted")), "c")),
        };
        await leader.Source.WriteAsync(attached, Changes(attached), CancellationToken.None);
        await follower.Source.WriteAsync(attached, Changes(attached), CancellationToken.None);
        Assert.Single(api.StatusPatches);

        // Then catalog loses its parent; only the follower hears of it before the leader stops.
        var reviewsOnly = StatusMaps.Empty with
        {
            HttpRoutes = StatusMaps.Empty.HttpRoutes.Add("shop/reviews", new VersionedStatus("HTTPRoute", "shop/reviews", RouteStatusOf(Condition("Accepted", "True", "Accepted")), "r")),
        };
        await follower.Source.WriteAsync(reviewsOnly, [new StatusChange("HTTPRoute", "shop/catalog", null), .. Changes(reviewsOnly)], CancellationToken.None);
        await leader.StopAsync();
        await KubernetesApiDouble.WaitUntilAsync(() => follower.Source.IsLeader, "the follower to take the Lease");
        await KubernetesApiDouble.WaitUntilAsync(() => api.StatusPatches.Count == 3, "the new leader's writes");

        var parents = api.Get(HttpRoutes, "shop", "catalog")!["status"]!["parents"]!.AsArray();
        Assert.Equal(["example.com/other"], parents.Select(static p => (string)p!["controllerName"]!));
        Assert.Equal("2026-01-01T00:00:00Z", (string)parents[0]!["conditions"]![0]!["lastTransitionTime"]!);
    }

    [Fact]
    public async Task ARouteTheEngineNeverReportedKeepsTheParentsAnotherProcessOfOurControllerNameWrote()
    {
        await using var api = await KubernetesApiDouble.StartAsync();
        // istiod's mesh controller, or a running kgateway, writes under the controller name this process uses too.
        var catalog = CatalogRouteWithAnotherControllersParent();
        catalog["status"]!["parents"]!.AsArray().Insert(0, JsonNode.Parse("""{"controllerName":"kgateway.dev/kgateway","parentRef":{"group":"","kind":"Service","name":"catalog"},"conditions":[{"type":"Accepted","status":"True","reason":"Accepted","message":"fine","lastTransitionTime":"2026-01-01T00:00:00Z"}]}"""));
        api.Put(catalog);
        api.Put(JsonNode.Parse("""{"apiVersion":"gateway.networking.k8s.io/v1","kind":"HTTPRoute","metadata":{"name":"reviews","namespace":"shop"},"spec":{"parentRefs":[{"group":"","kind":"Service","name":"reviews"}]}}""")!.AsObject());
        await using var source = new RunningSource(api, identity: "replica-a");
        await source.SyncedAsync();
        await KubernetesApiDouble.WaitUntilAsync(() => source.Source.IsLeader, "replica-a to lead");

        var reviewsOnly = StatusMaps.Empty with
        {
            HttpRoutes = StatusMaps.Empty.HttpRoutes.Add("shop/reviews", new VersionedStatus("HTTPRoute", "shop/reviews", RouteStatusOf(Condition("Accepted", "True", "Accepted")), "r")),
        };
        await source.Source.WriteAsync(reviewsOnly, Changes(reviewsOnly), CancellationToken.None);

        Assert.Equal([(HttpRoutes, "shop", "reviews")], api.StatusPatches.Select(static patch => (patch.CollectionPath, patch.Namespace, patch.Name)));
        var parents = api.Get(HttpRoutes, "shop", "catalog")!["status"]!["parents"]!.AsArray();
        Assert.Equal(["kgateway.dev/kgateway", "example.com/other"], parents.Select(static p => (string)p!["controllerName"]!));
    }

    /// <summary>HTTPRoute shop/catalog whose status holds one parent of another controller.</summary>
    private static JsonObject CatalogRouteWithAnotherControllersParent() => JsonNode.Parse("""
        {"apiVersion":"gateway.networking.k8s.io/v1","kind":"HTTPRoute","metadata":{"name":"catalog","namespace":"shop"},
         "spec":{"parentRefs":[{"group":"","kind":"Service","name":"catalog"}]},
         "status":{"parents":[{"controllerName":"example.com/other","parentRef":{"name":"elsewhere"},"conditions":[{"type":"Accepted","status":"True","reason":"Accepted","message":"theirs","lastTransitionTime":"2026-01-01T00:00:00Z"}]}]}}
        """)!.AsObject();

    /// <summary>Once <paramref name="source"/> is synced and leads, writes the engine's status of catalog attached to its Service.</summary>
    private static async Task WriteCatalogAttachedAsync(RunningSource source)
    {
        await source.SyncedAsync();
        await KubernetesApiDouble.WaitUntilAsync(() => source.Source.IsLeader, "replica-a to lead");
        var attached = StatusMaps.Empty with
        {
            HttpRoutes = StatusMaps.Empty.HttpRoutes.Add("shop/catalog", new VersionedStatus("HTTPRoute", "shop/catalog", RouteStatusOf(Condition("Accepted", "True", "Accepted")), "r")),
        };
        await source.Source.WriteAsync(attached, Changes(attached), CancellationToken.None);
    }

    private static IEnumerable<string> CatalogParentControllers(KubernetesApiDouble api)
        => api.Get(HttpRoutes, "shop", "catalog")!["status"]!["parents"]!.AsArray().Select(static p => (string)p!["controllerName"]!);

    private static V1Condition Condition(string type, string status, string reason)
        => new() { Type = type, Status = status, Reason = reason, Message = "fine", ObservedGeneration = 1, LastTransitionTime = DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc) };

    private static GatewayStatus GatewayStatusOf(V1Condition condition)
        => new()
        {
            Conditions = [condition],
            Listeners = [new GatewayStatusListener { Name = "mesh", AttachedRoutes = 0, SupportedKinds = [], Conditions = [Condition("Programmed", "True", "Programmed")] }],
        };

    private static HTTPRouteStatus RouteStatusOf(V1Condition condition)
        => new()
        {
            Parents = [new HTTPRouteStatusParent { ControllerName = "kgateway.dev/kgateway", ParentRef = new HTTPRouteParentRef { Group = "", Kind = "Service", Name = "catalog" }, Conditions = [condition] }],
        };

    private static StatusMaps Statuses(GatewayStatus gateway, HTTPRouteStatus route)
        => StatusMaps.Empty with
        {
            Gateways = StatusMaps.Empty.Gateways.Add("infra/waypoint", new VersionedStatus("Gateway", "infra/waypoint", gateway, "g")),
            HttpRoutes = StatusMaps.Empty.HttpRoutes.Add("shop/catalog", new VersionedStatus("HTTPRoute", "shop/catalog", route, "r")),
        };

    private static StatusMaps Statuses(params (string Key, GatewayStatus Status)[] gateways)
        => StatusMaps.Empty with
        {
            Gateways = gateways.Aggregate(StatusMaps.Empty.Gateways, static (map, gateway) => map.Add(gateway.Key, new VersionedStatus("Gateway", gateway.Key, gateway.Status, gateway.Key))),
        };

    private static ImmutableArray<StatusChange> Changes(StatusMaps statuses)
        => [.. statuses.All.SelectMany(static map => map.Values).Select(static status => new StatusChange(status.Kind, status.Key, status))];
}
