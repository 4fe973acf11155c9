using System.IO.Hashing;
using System.Text.Json;
using k8s.Models;
using RulesMesh.Engine;
using RulesMesh.Loading;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using RulesMesh.Synthetic;

namespace RulesMesh.Tests.Engine;

/// <summary>
/// A status the engine versions is versioned by the hash of its JSON form, taken when the version is first asked for;
/// two statuses of the same object are the same when their versions are.
/// </summary>
public sealed class VersionedStatusTests
{
    private static GatewayStatus Status(string reason) => new()
    {
        Conditions = [new V1Condition { Type = "Programmed", Status = "True", Reason = reason, Message = string.Empty }],
    };

    [Fact]
    public void A_status_is_versioned_by_the_hash_of_its_json_form()
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(Status("Programmed"), ManifestJsonOptions.Default);
        var expected = XxHash3.HashToUInt64(json).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, new VersionedStatus("Gateway", "infra/waypoint", Status("Programmed")).Version);
    }

    [Fact]
    public void Statuses_of_the_same_content_are_the_same_and_a_changed_one_is_not()
    {
        var status = new VersionedStatus("Gateway", "infra/waypoint", Status("Programmed"));
        var same = new VersionedStatus("Gateway", "infra/waypoint", Status("Programmed"));
        var changed = new VersionedStatus("Gateway", "infra/waypoint", Status("Invalid"));
        var otherGateway = new VersionedStatus("Gateway", "infra/other", Status("Programmed"));

        Assert.Equal(status, same);
        Assert.Equal(status.GetHashCode(), same.GetHashCode());
        Assert.NotEqual(status.Version, changed.Version);
        Assert.NotEqual(status, changed);
        Assert.NotEqual(status, otherGateway);
    }

    [Fact]
    public void A_batch_translation_printed_as_a_document_hashes_no_status()
    {
        var objects = SyntheticMesh.Build(new SyntheticMeshOptions { Services = 20, ServiceEntries = 10, Workloads = 60, Waypoints = 2, HttpRouteEvery = 2 });
        var engine = TranslationEngine.ForOneBatch(WaypointPipelines.Create(), settings: null, gateway: null);

        var state = engine.Apply(objects.Select(static o => new ResourceChange.Upsert(o))).State;
        _ = state.ToSnapshot();

        var statuses = state.Statuses.All.SelectMany(static map => map.Values).ToList();
        Assert.Equal(2, state.Statuses.Gateways.Count);
        Assert.Equal(10, state.Statuses.HttpRoutes.Count);
        Assert.DoesNotContain(statuses, static s => s.IsVersioned);
        Assert.All(statuses, static s => Assert.Matches("^[0-9a-f]{16}$", s.Version));
    }

    [Fact]
    public void A_version_given_is_the_version_kept()
    {
        var status = new VersionedStatus("Gateway", "infra/waypoint", Status("Programmed"), "v1");

        Assert.Equal("v1", status.Version);
        Assert.NotEqual(new VersionedStatus("Gateway", "infra/waypoint", Status("Programmed")), status);
    }
}
