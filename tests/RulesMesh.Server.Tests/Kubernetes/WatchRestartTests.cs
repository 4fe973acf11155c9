using RulesMesh.Engine;

namespace RulesMesh.Server.Tests.Kubernetes;

/// <summary>How a watch that ends early is started again, as client-go's reflector does, against the API server double.</summary>
public sealed class WatchRestartTests
{
    private const string Services = "/api/v1/services";

    [Fact]
    public async Task AWatchThatEndsAtOnceWithNoEventIsStartedAgainOnlyAfterABackoff()
    {
        await using var api = await KubernetesApiDouble.StartAsync();
        await using var running = new RunningSource(api, writeStatuses: false);
        await running.SyncedAsync();
        await KubernetesApiDouble.WaitUntilAsync(() => api.OpenWatches == running.Source.Kinds.Count, "every watch to open");

        // A proxy that closes every watch at once: client-go calls that a "very short watch" and backs off.
        api.EndWatchesAtOnce(true);
        var before = ServiceWatchCount(api);
        api.DropWatches();
        await Task.Delay(TimeSpan.FromSeconds(1));
        var inASecond = ServiceWatchCount(api) - before;

        // Backoff 20 ms doubling to 200 ms: about ten watches in a second (twice that leaves room for a loaded machine
        // whose second runs long), not one per round trip.
        Assert.InRange(inASecond, 1, 30);
        Assert.True(running.Restarts("Service") >= inASecond - 1);
    }

    [Fact]
    public async Task AWatchRequestRefusedWith410GoneRelistsInsteadOfRetryingTheSameResourceVersion()
    {
        await using var api = await KubernetesApiDouble.StartAsync();
        api.Put(SampleObjects.Service("shop", "kept", "10.96.0.1"));
        await using var running = new RunningSource(api, writeStatuses: false);
        await running.SyncedAsync();
        await KubernetesApiDouble.WaitUntilAsync(() => api.OpenWatches == running.Source.Kinds.Count, "every watch to open");

        // Some API servers (and proxies in front of them) refuse the request itself with 410 rather than send an ERROR event.
        api.AnswerGoneAsHttpStatus();
        await api.WhileDisconnectedAsync(() => api.Put(SampleObjects.Service("shop", "created", "10.96.0.3")));

        await KubernetesApiDouble.WaitUntilAsync(() => api.ListCount(Services) == 2, "the relist");
        await KubernetesApiDouble.WaitUntilAsync(() => running.Sink.Changes.OfType<ResourceChange.Upsert>().Any(static upsert => upsert.Object.Metadata.Name == "created"), "the Service created meanwhile");
    }

    private static int ServiceWatchCount(KubernetesApiDouble api) => api.WatchRequests.Count(static request => request.CollectionPath == Services);
}
