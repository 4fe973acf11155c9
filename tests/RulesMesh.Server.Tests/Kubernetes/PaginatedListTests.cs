using System.Net;
using k8s.Models;
using RulesMesh.Engine;
using RulesMesh.Server.Sources.Kubernetes;

namespace RulesMesh.Server.Tests.Kubernetes;

/// <summary>
/// Lists read in pages (<c>limit</c>/<c>continue</c>), as client-go's pager reads them, against the API server double
/// (the one stand-in: no kube-apiserver can be installed here), which serves pages from the snapshot of the first page
/// as kube-apiserver serves them from etcd.
/// </summary>
public sealed class PaginatedListTests
{
    private const string Services = "/api/v1/services";

    [Fact]
    public async Task AListLongerThanThePageSizeIsSubmittedAsOneBatchAndTheWatchResumesFromItsResourceVersion()
    {
        await using var api = await KubernetesApiDouble.StartAsync();
        PutServices(api, 7);
        await using var running = new RunningSource(api, writeStatuses: false, listPageSize: 3);
        await running.SyncedAsync();

        // Three pages of at most three, each continued from the one before, all read at the first page's resourceVersion.
        var pages = api.ListRequests(Services);
        Assert.Equal([3, 3, 3], pages.Select(static page => page.Limit));
        Assert.Equal([true, false, false], pages.Select(static page => page.Continue.Length == 0));
        Assert.Equal([["shop/svc-0", "shop/svc-1", "shop/svc-2"], ["shop/svc-3", "shop/svc-4", "shop/svc-5"], ["shop/svc-6"]], pages.Select(static page => page.Objects));
        Assert.Single(pages.Select(static page => page.ResourceVersion).Distinct());

        // The engine gets the seven Services in one batch, as it got one response's worth before.
        var listed = ServiceBatches(running.Sink).Single();
        Assert.Equal(ServiceNames(7), listed.OfType<ResourceChange.Upsert>().Select(static upsert => upsert.Object.Metadata.Name));
        Assert.Equal(listed.Count, listed.OfType<ResourceChange.Upsert>().Count());

        await KubernetesApiDouble.WaitUntilAsync(() => ServiceWatches(api).Count > 0, "the Service watch");
        Assert.Equal(pages[0].ResourceVersion, ServiceWatches(api)[0].ResourceVersion);
    }

    [Fact]
    public async Task AnObjectDeletedBetweenPagesIsStillListedAndItsDeletionArrivesThroughTheWatch()
    {
        await using var api = await KubernetesApiDouble.StartAsync();
        PutServices(api, 5);
        // After the first page: svc-4 (on the last page) is deleted and svc-3 (on the second) gets another cluster IP.
        api.BeforeNextContinue(Services, () =>
        {
            api.Delete("v1", "Service", "shop", "svc-4");
            api.Put(SampleObjects.Service("shop", "svc-3", "10.96.1.3"));
        });
        await using var running = new RunningSource(api, writeStatuses: false, listPageSize: 2);
        await running.SyncedAsync();

        // The pages show the snapshot of the first: svc-4 as it was, svc-3 with its old address, and no delete. (The list's
        // batch is the first with Services: the watch, opened after it, may have delivered the changes already.)
        var listed = ServiceBatches(running.Sink).First();
        Assert.Equal(ServiceNames(5), listed.OfType<ResourceChange.Upsert>().Select(static upsert => upsert.Object.Metadata.Name));
        Assert.Equal("10.96.0.3", ClusterIpOf(listed, "svc-3"));
        Assert.DoesNotContain(listed, static change => change is ResourceChange.Delete);

        // The watch resumes from the snapshot's resourceVersion, so both changes made between the pages come through it.
        await KubernetesApiDouble.WaitUntilAsync(() => running.Sink.Changes.OfType<ResourceChange.Delete>().Any(static delete => delete.Key.Name == "svc-4"), "svc-4's DELETED");
        await KubernetesApiDouble.WaitUntilAsync(() => running.Sink.Batches.Skip(1).Any(static batch => ClusterIpOf(batch, "svc-3") == "10.96.1.3"), "svc-3's MODIFIED");
        Assert.Equal(api.ListRequests(Services)[0].ResourceVersion, ServiceWatches(api)[0].ResourceVersion);
        Assert.True(ServiceWatches(api)[0].ResourceVersion < api.Revision);
    }

    [Fact]
    public async Task AnExpiredContinueTokenRestartsTheListFromTheFirstPageAndOnlyTheCompleteListIsSubmitted()
    {
        await using var api = await KubernetesApiDouble.StartAsync();
        PutServices(api, 5);
        // svc-0, read on the first page, is deleted; then etcd has compacted the first page's revision (410 Expired).
        api.BeforeNextContinue(Services, () => api.Delete("v1", "Service", "shop", "svc-0"));
        api.ExpireNextContinue(Services);
        await using var running = new RunningSource(api, writeStatuses: false, listPageSize: 2);
        await running.SyncedAsync();

        // The first page, its expired continuation, then the whole list again from a first page.
        var pages = api.ListRequests(Services);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Gone, HttpStatusCode.OK, HttpStatusCode.OK], pages.Select(static page => page.Status));
        Assert.Equal([true, false, true, false], pages.Select(static page => page.Continue.Length == 0));
        Assert.Equal(1, running.Restarts("Service"));
        Assert.Contains(running.Log.Entries, static entry => entry.Message.StartsWith("Listing services was cut short after 1 pages: the continue token expired (410 Gone)", StringComparison.Ordinal));

        // Nothing of the abandoned page went to the engine: one batch of Services, the new list's, without svc-0 and
        // without a delete for it (the engine never had it).
        var listed = ServiceBatches(running.Sink).Single();
        Assert.Equal(["svc-1", "svc-2", "svc-3", "svc-4"], listed.OfType<ResourceChange.Upsert>().Select(static upsert => upsert.Object.Metadata.Name));
        Assert.DoesNotContain(running.Sink.Changes, static change => change is ResourceChange.Delete);
        Assert.Empty(running.Sink.Problems);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void APageSizeThatIsNotPositiveIsRefused(int pageSize)
    {
        using var client = new k8s.Kubernetes(new k8s.KubernetesClientConfiguration { Host = "http://127.0.0.1" });

        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => new KubernetesSourceOptions { Client = client, ListPageSize = pageSize });
        Assert.Equal("value", refused.ParamName);
    }

    private static void PutServices(KubernetesApiDouble api, int count)
    {
        for (var i = 0; i < count; i++)
        {
            api.Put(SampleObjects.Service("shop", $"svc-{i}", $"10.96.0.{i}"));
        }
    }

    private static IEnumerable<string> ServiceNames(int count) => Enumerable.Range(0, count).Select(static i => $"svc-{i}");

    /// <summary>The batches that hold Services (every kind's list submits one, most of them empty here).</summary>
    private static IEnumerable<IReadOnlyList<ResourceChange>> ServiceBatches(RecordingSink sink)
        => sink.Batches.Where(static batch => batch.Any(static change => change is ResourceChange.Upsert { Object.Kind: "Service" } or ResourceChange.Delete { Key.Kind: "Service" }));

    private static List<KubernetesApiDouble.WatchRequest> ServiceWatches(KubernetesApiDouble api)
        => [.. api.WatchRequests.Where(static request => request.CollectionPath == Services)];

    private static string? ClusterIpOf(IEnumerable<ResourceChange> batch, string name)
        => batch.OfType<ResourceChange.Upsert>().Select(static upsert => upsert.Object).OfType<V1Service>().SingleOrDefault(service => service.Metadata.Name == name)?.Spec.ClusterIP;
}
