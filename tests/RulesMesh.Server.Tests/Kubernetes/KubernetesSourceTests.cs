using System.Text.Json;
using System.Text.Json.Nodes;
using RulesMesh.Engine;
using RulesMesh.Loading;
using RulesMesh.Server.Sources.Kubernetes;

namespace RulesMesh.Server.Tests.Kubernetes;

/// <summary>The Kubernetes source against the API server double: list, watch, resume, relist, backoff, invalid objects.</summary>
public sealed class KubernetesSourceTests
{
    private const string Services = "/api/v1/services";
    private const string ServiceEntries = "/apis/networking.istio.io/v1/serviceentries";

    [Fact]
    public async Task EveryKindIsListedAndItsObjectsSubmittedBeforeTheSourceSaysItIsSynced()
    {
        await using var api = await KubernetesApiDouble.StartAsync();
        var objects = SampleObjects.OfEveryKind();
        foreach (var item in objects)
        {
            api.Put(item);
        }

        await using var running = new RunningSource(api, writeStatuses: false);
        await running.SyncedAsync();

        // 20 kinds: 7 core (Namespace, Node, Service, Pod, ConfigMap, Secret, EndpointSlice), 13 custom (the schemas/ folder).
        Assert.Equal(20, running.Source.Kinds.Count);
        Assert.Equal(20, running.Sink.BatchesBeforeSync);
        Assert.Empty(running.Sink.Problems);
        var upserts = running.Sink.Changes.OfType<ResourceChange.Upsert>().ToList();
        Assert.Equal(objects.Count, upserts.Count);
        foreach (var item in objects)
        {
            var metadata = item["metadata"]!;
            var stored = api.Get(PathOf(item), (string?)metadata["namespace"] ?? string.Empty, (string)metadata["name"]!)!;
            var submitted = upserts.Single(upsert => upsert.Object.Kind == (string)item["kind"]! && upsert.Object.Metadata.Name == (string)metadata["name"]!);
            // The typed object, written out, is the object the server holds (its resourceVersion and uid included).
            var written = JsonSerializer.SerializeToNode(submitted.Object, submitted.Object.GetType(), ManifestJsonOptions.Default);
            Assert.True(JsonNode.DeepEquals(stored, written), $"{item["kind"]}: the server holds {stored.ToJsonString()}, the engine got {written!.ToJsonString()}");
        }
    }

    [Fact]
    public async Task AddedModifiedStatusOnlyAndDeletedObjectsReachTheSinkAsTheyHappen()
    {
        await using var api = await KubernetesApiDouble.StartAsync();
        await using var running = new RunningSource(api, writeStatuses: false);
        await running.SyncedAsync();

        api.Put(SampleObjects.ServiceEntry("shop", "inventory", "inventory.example.com"));
        var moved = SampleObjects.ServiceEntry("shop", "inventory", "stock.example.com");
        api.Put(moved);
        var allocated = (JsonObject)moved.DeepClone();
        allocated["status"] = JsonNode.Parse("""{"conditions":[{"type":"Reconciled","status":"True"}]}""");
        api.Put(allocated);
        api.Delete("networking.istio.io/v1", "ServiceEntry", "shop", "inventory");
        await KubernetesApiDouble.WaitUntilAsync(() => running.Sink.Changes.OfType<ResourceChange.Delete>().Any(), "the delete");

        var changes = running.Sink.Changes.Skip(running.Sink.Batches.Take(19).Sum(static batch => batch.Count)).ToList();
        Assert.Equal(4, changes.Count);
        var hosts = changes.Take(3).Select(static change => ((RulesMesh.Models.NetworkingIstioIo.V1.ServiceEntry)((ResourceChange.Upsert)change).Object).Spec.Hosts.Single()).ToList();
        Assert.Equal(["inventory.example.com", "stock.example.com", "stock.example.com"], hosts);
        var statusOnly = (RulesMesh.Models.NetworkingIstioIo.V1.ServiceEntry)((ResourceChange.Upsert)changes[2]).Object;
        Assert.Equal("Reconciled", statusOnly.Status!.Conditions!.Single().Type);
        Assert.Equal(new ResourceChange.Delete(new ResourceKey("networking.istio.io", "ServiceEntry", "shop", "inventory")), changes[3]);
    }

    [Fact]
    public async Task ABookmarkMovesTheResumePointSoAReconnectNeitherRelistsNorReplays()
    {
        await using var api = await KubernetesApiDouble.StartAsync();
        api.Put(SampleObjects.Service("shop", "catalog", "10.96.0.10"));
        await using var running = new RunningSource(api, writeStatuses: false);
        await running.SyncedAsync();
        await KubernetesApiDouble.WaitUntilAsync(() => api.OpenWatches == running.Source.Kinds.Count, "every watch to open");
        var listedAt = api.Revision;

        // Changes to other kinds move the server's resourceVersion past the last Service event.
        api.Put(SampleObjects.ServiceEntry("shop", "a", "a.example.com"));
        api.Put(SampleObjects.ServiceEntry("shop", "b", "b.example.com"));
        var bookmarkAt = api.Revision;
        Assert.Equal(listedAt + 2, bookmarkAt);
        api.SendBookmarks();
        await KubernetesApiDouble.WaitUntilAsync(() => running.Source.ResumePoints.GetValueOrDefault(Services) == bookmarkAt.ToString(System.Globalization.CultureInfo.InvariantCulture), "the bookmark to be taken");

        api.DropWatches();
        await KubernetesApiDouble.WaitUntilAsync(() => api.WatchRequests.Count(static request => request.CollectionPath == Services) == 2, "the Service watch to come back");

        var requests = api.WatchRequests.Where(static request => request.CollectionPath == Services).ToList();
        Assert.Equal(listedAt, requests[0].ResourceVersion);
        Assert.Equal(bookmarkAt, requests[1].ResourceVersion);
        Assert.All(requests, static request => Assert.True(request.Bookmarks));
        Assert.Equal(1, api.ListCount(Services));
    }

    [Fact]
    public async Task A410GoneRelistsAndSubmitsTheDifferenceAsOneBatchIncludingWhatWasDeletedMeanwhile()
    {
        await using var api = await KubernetesApiDouble.StartAsync();
        api.Put(SampleObjects.Service("shop", "kept", "10.96.0.1"));
        api.Put(SampleObjects.Service("shop", "deleted", "10.96.0.2"));
        await using var running = new RunningSource(api, writeStatuses: false);
        await running.SyncedAsync();
        await KubernetesApiDouble.WaitUntilAsync(() => api.OpenWatches == running.Source.Kinds.Count, "every watch to open");
        var batchesBefore = running.Sink.Batches.Count;

        await api.WhileDisconnectedAsync(() =>
        {
            api.Delete("v1", "Service", "shop", "deleted");
            api.Put(SampleObjects.Service("shop", "kept", "10.96.0.11"));
            api.Put(SampleObjects.Service("shop", "created", "10.96.0.3"));
        });
        await KubernetesApiDouble.WaitUntilAsync(() => api.ListCount(Services) == 2 && running.Sink.Batches.Count > batchesBefore && running.Sink.Batches.Skip(batchesBefore).Any(static batch => batch.Any(static change => change is ResourceChange.Delete)), "the relist");

        var relist = running.Sink.Batches.Skip(batchesBefore).Single(static batch => batch.Any(static change => change is ResourceChange.Delete or ResourceChange.Upsert { Object: k8s.Models.V1Service }));
        Assert.Equal(3, relist.Count);
        Assert.Contains(new ResourceChange.Delete(new ResourceKey("", "Service", "shop", "deleted")), relist);
        var upserted = relist.OfType<ResourceChange.Upsert>().Select(static upsert => (k8s.Models.V1Service)upsert.Object).ToDictionary(static service => service.Metadata.Name, static service => service.Spec.ClusterIP);
        Assert.Equal(new Dictionary<string, string> { ["kept"] = "10.96.0.11", ["created"] = "10.96.0.3" }, upserted);
        // Twice: the dropped connection, then the 410.
        Assert.Equal(2, running.Restarts("Service"));
    }

    [Fact]
    public async Task ADroppedWatchComesBackFromTheLastResourceVersionAndIsCountedAsARestart()
    {
        await using var api = await KubernetesApiDouble.StartAsync();
        await using var running = new RunningSource(api, writeStatuses: false);
        await running.SyncedAsync();
        api.Put(SampleObjects.ServiceEntry("shop", "before", "before.example.com"));
        var lastEvent = api.Revision;
        await KubernetesApiDouble.WaitUntilAsync(() => running.Sink.Changes.Count == 1, "the first event");

        api.DropWatches();
        await KubernetesApiDouble.WaitUntilAsync(() => api.WatchRequests.Count(static request => request.CollectionPath == ServiceEntries) == 2, "the watch to come back");
        api.Put(SampleObjects.ServiceEntry("shop", "after", "after.example.com"));
        await KubernetesApiDouble.WaitUntilAsync(() => running.Sink.Changes.Count == 2, "the event after the reconnect");

        Assert.Equal(lastEvent, api.WatchRequests.Where(static request => request.CollectionPath == ServiceEntries).Last().ResourceVersion);
        Assert.Equal(1, api.ListCount(ServiceEntries));
        Assert.Equal(1, running.Restarts("ServiceEntry"));
        Assert.Equal("after", ((ResourceChange.Upsert)running.Sink.Changes[1]).Object.Metadata.Name);
    }

    [Fact]
    public async Task AnInvalidCustomResourceIsReportedWithItsFieldAndLeftOutUntilItIsFixed()
    {
        await using var api = await KubernetesApiDouble.StartAsync();
        // Istio's webhook refuses an IP address as a ServiceEntry host; the API server (without the webhook) stores it.
        api.Put(SampleObjects.ServiceEntry("shop", "bad", "10.1.2.3"));
        api.Put(SampleObjects.ServiceEntry("shop", "good", "good.example.com"));
        await using var running = new RunningSource(api, writeStatuses: false);
        await running.SyncedAsync();

        var upserts = running.Sink.Changes.OfType<ResourceChange.Upsert>().Select(static upsert => upsert.Object.Metadata.Name).ToList();
        Assert.Equal(["good"], upserts);
        var problem = Assert.Single(Assert.Single(running.Sink.Problems, static entry => entry.Key == "ServiceEntry shop/bad").Value);
        Assert.Contains("spec.hosts[0]", problem, StringComparison.Ordinal);

        api.Put(SampleObjects.ServiceEntry("shop", "bad", "fixed.example.com"));
        await KubernetesApiDouble.WaitUntilAsync(() => running.Sink.Changes.Count == 2, "the fixed object");
        Assert.Equal("bad", ((ResourceChange.Upsert)running.Sink.Changes[1]).Object.Metadata.Name);
        Assert.Empty(running.Sink.Problems);
    }

    [Fact]
    public async Task AKindTheClusterDoesNotServeIsReportedAndDoesNotHoldTheSyncBack()
    {
        await using var api = await KubernetesApiDouble.StartAsync();
        api.Unserve(ServiceEntries);
        api.Put(SampleObjects.Service("shop", "catalog", "10.96.0.10"));
        await using var running = new RunningSource(api, writeStatuses: false);
        await running.SyncedAsync();

        var upsert = Assert.Single(running.Sink.Changes.OfType<ResourceChange.Upsert>());
        Assert.Equal("catalog", upsert.Object.Metadata.Name);
        var problem = Assert.Single(Assert.Single(running.Sink.Problems).Value);
        Assert.Equal("watch serviceentries.networking.istio.io", Assert.Single(running.Sink.Problems).Key);
        Assert.StartsWith("The API server does not serve serviceentries.networking.istio.io (networking.istio.io/v1); is its CRD installed?", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TheBackoffDoublesFromItsFirstWaitToItsLongestWithJitterInTheUpperHalf()
    {
        var backoff = new WatchBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));

        // Bounds 100, 200, 400, 800, then 1000 ms; each wait lies between half the bound (jitter 0) and the bound.
        Assert.Equal(TimeSpan.FromMilliseconds(50), backoff.Delay(1, 0));
        Assert.Equal(TimeSpan.FromMilliseconds(100), backoff.Delay(2, 0));
        Assert.Equal(TimeSpan.FromMilliseconds(300), backoff.Delay(3, 0.5));
        Assert.Equal(TimeSpan.FromMilliseconds(800), backoff.Delay(4, 1));
        Assert.Equal(TimeSpan.FromMilliseconds(500), backoff.Delay(5, 0));
        Assert.Equal(TimeSpan.FromMilliseconds(1000), backoff.Delay(40, 1));
    }

    private static string PathOf(JsonObject item)
    {
        var kind = WatchedKind.AllIn(ModelRegistry.Default).Single(kind => kind.Model.ApiVersion == (string)item["apiVersion"]! && kind.Kind == (string)item["kind"]!);
        return kind.CollectionPath;
    }
}
