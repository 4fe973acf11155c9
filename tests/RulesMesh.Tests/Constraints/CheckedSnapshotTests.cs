using Envoy.Config.Cluster.V3;
using Envoy.Config.Core.V3;
using Envoy.Config.Endpoint.V3;
using RulesMesh.Translation.Output;
using RulesMesh.Xds.Constraints;

namespace RulesMesh.Tests.Constraints;

/// <summary>What a rule of one's own makes can be checked before it reaches Envoy: a resource that breaks a proto rule is named and left out.</summary>
public sealed class CheckedSnapshotTests
{
    [Fact]
    public void AResourceThatBreaksAnEnvoyRuleIsReportedAndLeftOutWithItsEndpointsAndTheRestKept()
    {
        var good = new Cluster { Name = "good", Type = Cluster.Types.DiscoveryType.Eds, EdsClusterConfig = new Cluster.Types.EdsClusterConfig { EdsConfig = new ConfigSource { Ads = new AggregatedConfigSource() } } };
        // cluster.proto: google.protobuf.Duration connect_timeout = 4 [(validate.rules).duration = {gt {}}];
        var bad = new Cluster(good) { Name = "bad", ConnectTimeout = new Google.Protobuf.WellKnownTypes.Duration() };
        var snapshot = new XdsSnapshot([bad, good], [new ClusterLoadAssignment { ClusterName = "bad" }, new ClusterLoadAssignment { ClusterName = "good" }], [], [], new Dictionary<string, Models.GatewayNetworkingK8sIo.V1.GatewayStatus>(), new Dictionary<string, Models.GatewayNetworkingK8sIo.V1.HTTPRouteStatus>(), []);

        var checkedSnapshot = CheckedSnapshot.Of(snapshot, ProtoConstraints.ForEnvoy());

        Assert.Equal(["cluster bad: connect_timeout: must be greater than 0, is 0"], checkedSnapshot.Violations.Select(static v => v.ToString()));
        Assert.Equal(["good"], checkedSnapshot.Valid.Clusters.Select(static c => c.Name));
        Assert.Equal(["good"], checkedSnapshot.Valid.Endpoints.Select(static e => e.ClusterName));
    }

    [Fact]
    public void ASnapshotThatBreaksNoRuleIsKeptAsItIs()
    {
        var snapshot = new XdsSnapshot([], [], [], [], new Dictionary<string, Models.GatewayNetworkingK8sIo.V1.GatewayStatus>(), new Dictionary<string, Models.GatewayNetworkingK8sIo.V1.HTTPRouteStatus>(), []);

        var checkedSnapshot = CheckedSnapshot.Of(snapshot, ProtoConstraints.ForEnvoy());

        Assert.Same(snapshot, checkedSnapshot.Valid);
        Assert.Empty(checkedSnapshot.Violations);
    }
}
