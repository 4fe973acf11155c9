using System.Buffers;
using System.Text;
using System.Text.Json;
using Envoy.Config.Cluster.V3;
using Google.Protobuf.WellKnownTypes;
using RulesMesh.Engine;
using RulesMesh.Translation.Output;
using RulesMesh.Xds;

namespace RulesMesh.Tests.Translation.Output;

/// <summary>
/// A snapshot list over resources kept serialised and kept as messages reads as the messages, in order, and each is
/// written as its message's proto3 JSON (expected text by hand), from bytes or not.
/// </summary>
public sealed class SnapshotResourcesTests
{
    private static readonly Cluster First = new() { Name = "a", ConnectTimeout = new Duration { Seconds = 5 } };
    private static readonly Cluster Second = new() { Name = "b", Type = Cluster.Types.DiscoveryType.Static };

    private static SnapshotResources<Cluster> Mixed() => new([VersionedResource.Serialize("a", First), VersionedResource.Of("b", Second)]);

    [Fact]
    public void A_mixed_list_counts_indexes_and_enumerates_the_messages_in_order()
    {
        var list = Mixed();

        Assert.Equal(2, list.Count);
        Assert.Equal(First, list[0]);
        Assert.Equal(Second, list[1]);
        Assert.Equal([First, Second], list.ToList());
    }

    [Fact]
    public void Each_resource_is_written_as_its_message_whether_kept_serialised_or_not()
    {
        Assert.Equal("""{"name":"a","connectTimeout":"5s"}""", Written(Mixed(), 0));
        Assert.Equal("""{"name":"b","type":"STATIC"}""", Written(Mixed(), 1));
    }

    [Fact]
    public void A_plain_list_of_messages_is_written_from_its_messages()
        => Assert.Equal("""{"name":"b","type":"STATIC"}""", Written(new List<Cluster> { First, Second }, 1));

    private static string Written(IReadOnlyList<Cluster> list, int index)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            SnapshotResources<Cluster>.Write(EnvoyJson.CreateWriter(), list, index, new Utf8JsonTokenWriter(writer));
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
