using RulesMesh.Engine;

namespace RulesMesh.Server.Tests.Kubernetes;

/// <summary>
/// What a 404 on a list means, against the API server double: a kind counts as absent only when discovery confirms the
/// cluster does not serve it; every other 404 is an error that holds readiness back and is retried.
/// </summary>
public sealed class NotFoundListTests
{
    private const string Services = "/api/v1/services";
    private const string AuthorizationPolicies = "/apis/security.istio.io/v1/authorizationpolicies";

    [Fact]
    public async Task AServerBehindAPathPrefixIsListedAndWatchedUnderThatPrefix()
    {
        // Rancher serves a downstream cluster's API under /k8s/clusters/<id>; its kubeconfig's server carries that path.
        await using var api = await KubernetesApiDouble.StartAsync("/k8s/clusters/c-abc");
        api.Put(SampleObjects.Service("shop", "catalog", "10.96.0.10"));
        await using var running = new RunningSource(api, writeStatuses: false);
        await running.SyncedAsync();

        var upsert = Assert.Single(running.Sink.ChangesBeforeSync.OfType<ResourceChange.Upsert>());
        Assert.Equal("catalog", upsert.Object.Metadata.Name);
        Assert.Empty(running.Sink.Problems);
        await KubernetesApiDouble.WaitUntilAsync(() => api.WatchRequests.Any(static request => request.CollectionPath == Services), "the Service watch");
    }

    [Fact]
    public async Task ACoreKindAnsweringNotFoundIsRetriedAndHoldsTheSyncBackUntilItIsListed()
    {
        await using var api = await KubernetesApiDouble.StartAsync();
        api.Put(SampleObjects.Service("shop", "catalog", "10.96.0.10"));
        api.AnswerNotFoundToNextLists(Services, 3);
        await using var running = new RunningSource(api, writeStatuses: false);
        await running.SyncedAsync();

        // Services are built in: a 404 never means the cluster has none, so the source is synced only with them.
        var upsert = Assert.Single(running.Sink.ChangesBeforeSync.OfType<ResourceChange.Upsert>());
        Assert.Equal("catalog", upsert.Object.Metadata.Name);
        // The three 404s were failures, each retried after a backoff.
        Assert.Equal(3, running.Restarts("Service"));
        Assert.Empty(running.Sink.Problems);
    }

    [Fact]
    public async Task ACustomKindAnsweringNotFoundWhileDiscoveryServesItHoldsTheSyncBackUntilItIsListed()
    {
        await using var api = await KubernetesApiDouble.StartAsync();
        api.Put(SampleObjects.OfEveryKind().Single(static item => (string)item["kind"]! == "AuthorizationPolicy"));
        // An API server that is starting answers 404 for a CRD it has not loaded yet, though discovery lists it.
        api.AnswerNotFoundToNextLists(AuthorizationPolicies, 2);
        await using var running = new RunningSource(api, writeStatuses: false);
        await running.SyncedAsync();

        // Counted as empty, the mesh would be served without its policies (no DENY) and /readyz would say ready.
        var upsert = Assert.Single(running.Sink.ChangesBeforeSync.OfType<ResourceChange.Upsert>());
        Assert.Equal("AuthorizationPolicy", upsert.Object.Kind);
        Assert.Equal(2, running.Restarts("AuthorizationPolicy"));
        Assert.Empty(running.Sink.Problems);
    }
}
