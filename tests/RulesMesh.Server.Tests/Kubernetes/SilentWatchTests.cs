using k8s;

namespace RulesMesh.Server.Tests.Kubernetes;

/// <summary>A watch whose connection dies without a close or reset, against a raw loopback TCP server (not the double).</summary>
public sealed class SilentWatchTests
{
    [Fact]
    public async Task AWatchSilentPastItsTimeoutIsCancelledCountedAsARestartAndResumedFromItsLastBookmark()
    {
        await using var server = new SilentApiServer();
        var client = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = server.Address.ToString() });
        // timeoutSeconds=1: a server alive would have ended the watch after a second.
        await using var running = new RunningSource(client, "replica-a", writeStatuses: false, watchTimeout: TimeSpan.FromSeconds(1));
        await running.SyncedAsync();

        await KubernetesApiDouble.WaitUntilAsync(() => ServiceWatches(server).Count >= 2, "the silent Service watch to be given up and started again");

        var watches = ServiceWatches(server);
        Assert.Contains("resourceVersion=5&", watches[0], StringComparison.Ordinal);
        Assert.Contains("resourceVersion=7&", watches[1], StringComparison.Ordinal);
        Assert.True(running.Restarts("Service") >= 1);
    }

    private static List<string> ServiceWatches(SilentApiServer server)
        => [.. server.Watches.Where(static target => target.StartsWith("/api/v1/services?", StringComparison.Ordinal))];
}
