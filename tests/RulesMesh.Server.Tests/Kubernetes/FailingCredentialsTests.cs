using RulesMesh.Engine;

namespace RulesMesh.Server.Tests.Kubernetes;

/// <summary>A credential refresh that fails (an exec plugin's <c>KubeConfigException</c>), against the API server double.</summary>
public sealed class FailingCredentialsTests
{
    [Fact]
    public async Task ListsWhoseTokenRefreshFailsAreRetriedWithBackoffSoEveryKindStillSyncs()
    {
        await using var api = await KubernetesApiDouble.StartAsync();
        api.Put(SampleObjects.Service("shop", "catalog", "10.96.0.10"));
        var tokens = new FailingTokenProvider();
        tokens.FailNext(5);
        var configuration = api.Configuration();
        configuration.TokenProvider = tokens;
        await using var running = new RunningSource(new k8s.Kubernetes(configuration), "replica-a", writeStatuses: false, TimeSpan.FromMinutes(5));

        await running.SyncedAsync();

        var upsert = Assert.Single(running.Sink.ChangesBeforeSync.OfType<ResourceChange.Upsert>());
        Assert.Equal("catalog", upsert.Object.Metadata.Name);
        Assert.Equal(5, running.Source.Kinds.Sum(kind => running.Restarts(kind.Kind)));
    }

    [Fact]
    public async Task AStatusWriteWhoseTokenRefreshFailsIsCountedAsFailedAndRetriedWithTheNextWrite()
    {
        await using var api = await KubernetesApiDouble.StartAsync();
        api.Put(SampleObjects.Gateway("infra", "waypoint"));
        var tokens = new FailingTokenProvider();
        var configuration = api.Configuration();
        configuration.TokenProvider = tokens;
        await using var running = new RunningSource(new k8s.Kubernetes(configuration), "replica-a", writeStatuses: true, TimeSpan.FromMinutes(5));
        await running.SyncedAsync();
        await KubernetesApiDouble.WaitUntilAsync(() => running.Source.IsLeader, "replica-a to lead");
        var statuses = GatewayAccepted();

        tokens.Failing = true;
        await running.Source.WriteAsync(statuses, [new StatusChange("Gateway", "infra/waypoint", statuses.Gateways["infra/waypoint"])], CancellationToken.None);
        tokens.Failing = false;

        Assert.Empty(api.StatusPatches);
        // The Lease renewals failed meanwhile too, which may have ended this replica's leadership for a moment.
        await KubernetesApiDouble.WaitUntilAsync(() => running.Source.IsLeader, "replica-a to lead");
        await running.Source.WriteAsync(statuses, [], CancellationToken.None);
        Assert.Single(api.StatusPatches);
        Assert.Equal("Accepted", (string)api.Get("/apis/gateway.networking.k8s.io/v1/gateways", "infra", "waypoint")!["status"]!["conditions"]![0]!["type"]!);
    }

    [Fact]
    public async Task LeaderElectionWhoseTokenRefreshFailsIsRetriedSoTheReplicaLeadsAgainAndStopsCleanly()
    {
        await using var api = await KubernetesApiDouble.StartAsync();
        var tokens = new FailingTokenProvider();
        var configuration = api.Configuration();
        configuration.TokenProvider = tokens;
        await using var running = new RunningSource(new k8s.Kubernetes(configuration), "replica-a", writeStatuses: true, TimeSpan.FromMinutes(5));
        await running.SyncedAsync();
        await KubernetesApiDouble.WaitUntilAsync(() => running.Source.IsLeader, "replica-a to lead");

        // Renewals fail past the renew deadline (1.5 s), then the credentials work again.
        tokens.Failing = true;
        await Task.Delay(TimeSpan.FromSeconds(2));
        tokens.Failing = false;

        await KubernetesApiDouble.WaitUntilAsync(() => running.Source.IsLeader && LeaseRenewedWithin(api, TimeSpan.FromSeconds(1)), "replica-a to lead again");
        await running.StopAsync();
    }

    private static bool LeaseRenewedWithin(KubernetesApiDouble api, TimeSpan span)
        => api.Get("/apis/coordination.k8s.io/v1/leases", "rulesmesh-system", "rulesmesh-status-writer")?["spec"]?["renewTime"] is { } renewed
            && DateTimeOffset.Parse((string)renewed!, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow - span;

    private static StatusMaps GatewayAccepted()
    {
        var status = new RulesMesh.Models.GatewayNetworkingK8sIo.V1.GatewayStatus
        {
            Conditions = [new k8s.Models.V1Condition { Type = "Accepted", Status = "True", Reason = "Accepted", Message = "fine", ObservedGeneration = 1, LastTransitionTime = DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc) }],
        };
        return StatusMaps.Empty with { Gateways = StatusMaps.Empty.Gateways.Add("infra/waypoint", new VersionedStatus("Gateway", "infra/waypoint", status, "g")) };
    }
}
