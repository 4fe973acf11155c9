using System.Text.Json.Nodes;
using k8s.Models;
using RulesMesh.Capture;
using RulesMesh.Engine;

namespace RulesMesh.Server.Tests.Kubernetes;

/// <summary>The istio profile's waypoint conditions are patched through the Service and ServiceEntry status subresources.</summary>
public sealed class ServiceWaypointStatusWriterTests
{
    private const string Services = "/api/v1/services";
    private const string ServiceEntries = "/apis/networking.istio.io/v1/serviceentries";

    [Fact]
    public async Task AServicesWaypointConditionIsPatchedThroughServicesStatusKeepingConditionsOfOtherTypes()
    {
        await using var api = await KubernetesApiDouble.StartAsync();
        api.Put(JsonNode.Parse("""
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"reviews","namespace":"shop"},
             "spec":{"clusterIP":"10.96.0.10","ports":[{"port":9080}]},
             "status":{"conditions":[{"type":"example.com/Other","status":"True","reason":"Fine","message":"not ours","lastTransitionTime":"2026-01-01T00:00:00Z"}]}}
            """)!.AsObject());
        api.Put(JsonNode.Parse("""
            {"apiVersion":"networking.istio.io/v1","kind":"ServiceEntry","metadata":{"name":"wild","namespace":"shop"},
             "spec":{"hosts":["*.example.com"],"ports":[{"number":80,"name":"http","protocol":"HTTP"}],"resolution":"NONE"}}
            """)!.AsObject());
        await using var source = new RunningSource(api, identity: "replica-a");
        await source.SyncedAsync();
        await KubernetesApiDouble.WaitUntilAsync(() => source.Source.IsLeader, "replica-a to lead");

        var statuses = StatusMaps.Empty with
        {
            Services = StatusMaps.Empty.Services.Add("shop/reviews", new VersionedStatus("Service", "shop/reviews", Status("istio.io/WaypointBound", "WaypointAccepted"), "s")),
            ServiceEntries = StatusMaps.Empty.ServiceEntries.Add("shop/wild", new VersionedStatus("ServiceEntry", "shop/wild", Status("istio.io/WaypointMissing", "NoWaypointForWildcardService"), "e")),
        };
        await source.Source.WriteAsync(statuses, [.. statuses.All.SelectMany(static map => map.Values).Select(static s => new StatusChange(s.Kind, s.Key, s))], CancellationToken.None);

        Assert.Equal([(Services, "shop", "reviews"), (ServiceEntries, "shop", "wild")], api.StatusPatches.Select(static patch => (patch.CollectionPath, patch.Namespace, patch.Name)).Order());
        var service = api.Get(Services, "shop", "reviews")!["status"]!["conditions"]!.AsArray();
        Assert.Equal(["istio.io/WaypointBound", "example.com/Other"], service.Select(static c => (string)c!["type"]!));
        Assert.Equal("2026-01-01T00:00:00Z", (string)service[1]!["lastTransitionTime"]!);
        Assert.Equal("NoWaypointForWildcardService", (string)api.Get(ServiceEntries, "shop", "wild")!["status"]!["conditions"]![0]!["reason"]!);
    }

    [Fact]
    public async Task AServiceNoLongerBoundLosesItsWaypointConditionsAndKeepsThoseOfOtherTypes()
    {
        await using var api = await KubernetesApiDouble.StartAsync();
        api.Put(JsonNode.Parse("""
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"reviews","namespace":"shop"},
             "spec":{"clusterIP":"10.96.0.10","ports":[{"port":9080}]},
             "status":{"conditions":[
               {"type":"istio.io/WaypointBound","status":"True","reason":"WaypointAccepted","message":"m","lastTransitionTime":"2026-01-01T00:00:00Z"},
               {"type":"example.com/Other","status":"True","reason":"Fine","message":"not ours","lastTransitionTime":"2026-01-01T00:00:00Z"}]}}
            """)!.AsObject());
        api.Put(JsonNode.Parse("""
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"ratings","namespace":"shop"},
             "spec":{"clusterIP":"10.96.0.11","ports":[{"port":9080}]},
             "status":{"conditions":[{"type":"example.com/Other","status":"True","reason":"Fine","message":"not ours","lastTransitionTime":"2026-01-01T00:00:00Z"}]}}
            """)!.AsObject());
        await using var source = new RunningSource(api, identity: "replica-a");
        await source.SyncedAsync();
        await KubernetesApiDouble.WaitUntilAsync(() => source.Source.IsLeader, "replica-a to lead");

        await source.Source.WriteAsync(StatusMaps.Empty, [new StatusChange("Service", "shop/reviews", null), new StatusChange("Service", "shop/ratings", null)], CancellationToken.None);

        Assert.Equal([(Services, "shop", "reviews")], api.StatusPatches.Select(static patch => (patch.CollectionPath, patch.Namespace, patch.Name)));
        var conditions = api.Get(Services, "shop", "reviews")!["status"]!["conditions"]!.AsArray();
        Assert.Equal(["example.com/Other"], conditions.Select(static c => (string)c!["type"]!));
    }

    [Fact]
    public async Task AWaypointConditionMergedWithAStatusAnotherControllerChangedMeanwhileIsRefusedAndMergedAgainKeepingTheirCondition()
    {
        await using var api = await KubernetesApiDouble.StartAsync();
        var service = JsonNode.Parse("""
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"reviews","namespace":"shop"},
             "spec":{"clusterIP":"10.96.0.10","ports":[{"port":9080}]}}
            """)!.AsObject();
        api.Put(service);
        await using var source = new RunningSource(api, identity: "replica-a");
        await source.SyncedAsync();
        await KubernetesApiDouble.WaitUntilAsync(() => source.Source.IsLeader, "replica-a to lead");

        // Another controller adds its condition after the source listed the Service and before its patch arrives.
        var theirs = (JsonObject)service.DeepClone();
        theirs["status"] = JsonNode.Parse("""
            {"conditions":[{"type":"example.com/Other","status":"True","reason":"Fine","message":"not ours","lastTransitionTime":"2026-01-01T00:00:00Z"}]}
            """);
        api.PutBeforeNextStatusPatch(theirs);
        var statuses = StatusMaps.Empty with
        {
            Services = StatusMaps.Empty.Services.Add("shop/reviews", new VersionedStatus("Service", "shop/reviews", Status("istio.io/WaypointBound", "WaypointAccepted"), "s")),
        };
        await source.Source.WriteAsync(statuses, [new StatusChange("Service", "shop/reviews", statuses.Services["shop/reviews"])], CancellationToken.None);

        Assert.Equal(1, api.StatusConflicts);
        Assert.Single(api.StatusPatches);
        var conditions = api.Get(Services, "shop", "reviews")!["status"]!["conditions"]!.AsArray();
        Assert.Equal(["istio.io/WaypointBound", "example.com/Other"], conditions.Select(static c => (string)c!["type"]!));
        Assert.Equal(1, source.Source.StatusesWritten);
    }

    private static ServiceWaypointStatus Status(string type, string reason)
        => new([new V1Condition { Type = type, Status = "True", Reason = reason, Message = "m", LastTransitionTime = DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc) }]);
}
