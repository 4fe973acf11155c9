using System.Buffers;
using System.Text;
using System.Text.Json;
using CsCheck;
using Envoy.Config.Cluster.V3;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using RulesMesh.Engine;
using RulesMesh.Loading;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using RulesMesh.Tests.Support;
using RulesMesh.Translation.Output;
using RulesMesh.Xds;

namespace RulesMesh.Tests.Translation.Output;

/// <summary>
/// The document's resources are written by <see cref="ProtoJsonWriter"/> straight from the messages, or from their bytes
/// when the engine keeps them serialised; they must be the bytes the former path gave: <see cref="EnvoyJson.Format"/>'s text (Google.Protobuf's JsonFormatter) parsed and
/// written again, in JSON and in YAML, for the sample mesh under both profiles and for random messages of every type.
/// </summary>
public sealed class ProtoJsonWriterDifferentialTests
{
    public static TheoryData<string> Profiles => new("kgateway", "istio");

    [Theory]
    [MemberData(nameof(Profiles))]
    public void The_sample_mesh_document_is_the_formatted_and_reparsed_text(string profile)
    {
        var load = new ManifestLoader().LoadPaths(Path.Combine(RepositoryPaths.Samples, "mesh"));
        var snapshot = new WaypointTranslator(WaypointPipelines.Create(profile)).Translate(load);

        Assert.NotEmpty(snapshot.Listeners);
        WrittenDocument.AssertIsTheWholeTreesText(snapshot);
    }

    [Fact]
    public void A_random_message_of_any_type_is_written_as_the_formatted_and_reparsed_text()
        => Gen.Select(Gen.Int[0, RandomMessages.Types.Count - 1], Gen.Int).Sample(
            (type, seed) =>
            {
                var message = new RandomMessages(new Random(seed)).Message(RandomMessages.Types[type]);
                Assert.Equal(Reparsed(message, indented: false), Written(message, indented: false));
                Assert.Equal(Reparsed(message, indented: true), Written(message, indented: true));
                Assert.Equal(Reparsed(AsItsBytesSay(message), indented: false), WrittenFromBytes(message));
            },
            iter: 400);

    [Fact]
    public void A_negative_zero_its_bytes_cannot_carry_is_written_from_them_as_the_zero_they_say()
    {
        // A double or float field without presence is serialised only when it is not zero, and -0.0 == 0: its bytes say
        // 0, which is also what a proxy sent them reads. A field with presence (a oneof member) keeps the sign.
        var wrapped = new DoubleValue { Value = -0.0 };

        Assert.Equal("-0", Written(wrapped, indented: false));
        Assert.Equal("0", WrittenFromBytes(wrapped));
        Assert.Equal("-0", WrittenFromBytes(new Value { NumberValue = -0.0 }));
    }

    [Fact]
    public void One_writer_reused_for_many_random_messages_writes_each_as_the_formatted_text()
    {
        // One instance learns each type once: writing a message twice in a row meets every type and every Any's bytes
        // again, and the next message other bytes of the same types.
        var writer = EnvoyJson.CreateWriter();
        var seeds = new Random(20261203);
        var random = new RandomMessages(new Random(seeds.Next()));
        for (var i = 0; i < 400; i++)
        {
            var message = random.Message(RandomMessages.Types[seeds.Next(RandomMessages.Types.Count)]);
            var expected = Reparsed(message, indented: false);
            Assert.Equal(expected, Utf8(w => writer.Write(message, w), indented: false));
            Assert.Equal(expected, Utf8(w => writer.Write(message, w), indented: false));
        }
    }

    [Fact]
    public void Anys_of_one_type_with_equal_and_with_different_bytes_are_each_written_from_their_own_bytes()
    {
        var first = Any.Pack(new Cluster { Name = "first", ConnectTimeout = new Duration { Seconds = 1 } });
        var copy = new Any { TypeUrl = first.TypeUrl, Value = ByteString.CopyFrom(first.Value.Span) };
        var second = Any.Pack(new Cluster { Name = "second" });
        var cluster = new Cluster
        {
            Name = "holder",
            TypedExtensionProtocolOptions = { ["a"] = first, ["b"] = copy, ["c"] = second, ["d"] = first, ["e"] = new Any { TypeUrl = first.TypeUrl } },
        };

        var writer = EnvoyJson.CreateWriter();
        Assert.Equal(Reparsed(cluster, indented: false), Utf8(w => writer.Write(cluster, w), indented: false));
        Assert.Equal(Reparsed(second, indented: false), Utf8(w => writer.Write(second, w), indented: false));
    }

    [Fact]
    public void Random_messages_in_a_document_are_written_as_the_formatted_and_reparsed_text_in_json_and_yaml()
        => Gen.Int.Sample(
            seed =>
            {
                var random = new RandomMessages(new Random(seed));
                var packed = new Cluster { Name = "packed" };
                for (var i = 0; i < 4; i++)
                {
                    packed.TypedExtensionProtocolOptions["option" + i] = (Any)random.Message(Any.Descriptor);
                }

                WrittenDocument.AssertIsTheWholeTreesText(Snapshot((Cluster)random.Message(Cluster.Descriptor), packed));
            },
            iter: 150);

    [Fact]
    public void Any_double_or_float_is_written_as_the_formatted_and_reparsed_text()
        => Gen.Select(Gen.Double, Gen.Float).Sample(
            (number, single) =>
            {
                var numbers = new Struct { Fields = { ["double"] = Value.ForNumber(number), ["float"] = Value.ForNumber(single) } };
                var cluster = new Cluster
                {
                    Name = "numbers",
                    Metadata = new Envoy.Config.Core.V3.Metadata { FilterMetadata = { ["n"] = numbers } },
                    TypedExtensionProtocolOptions =
                    {
                        ["double"] = Any.Pack(new DoubleValue { Value = number }),
                        ["float"] = Any.Pack(new FloatValue { Value = single }),
                    },
                };
                WrittenDocument.AssertIsTheWholeTreesText(Snapshot(cluster));
                WrittenDocument.AssertIsTheWholeTreesText(SerializedSnapshot(cluster));
            },
            iter: 2000);

    private static XdsSnapshot Snapshot(params Cluster[] clusters)
        => new(clusters, [], [], [], new Dictionary<string, GatewayStatus>(), new Dictionary<string, HTTPRouteStatus>(), []);

    // As the engine keeps clusters: serialised, so the document writes them from their bytes.
    private static XdsSnapshot SerializedSnapshot(params Cluster[] clusters)
        => new(new SnapshotResources<Cluster>([.. clusters.Select(static c => VersionedResource.Serialize(c.Name, c))]), [], [], [], new Dictionary<string, GatewayStatus>(), new Dictionary<string, HTTPRouteStatus>(), []);

    private static string Reparsed(IMessage message, bool indented)
    {
        using var document = JsonDocument.Parse(EnvoyJson.Format(message));
        return Utf8(writer => document.RootElement.WriteTo(writer), indented);
    }

    private static string Written(IMessage message, bool indented)
        => Utf8(writer => EnvoyJson.CreateWriter().Write(message, writer), indented);

    // The message parsed back from its bytes: what writing from them can show (a -0.0 without presence is not serialised).
    private static IMessage AsItsBytesSay(IMessage message) => message.Descriptor.Parser.ParseFrom(message.ToByteArray());

    private static string WrittenFromBytes(IMessage message)
        => Utf8(writer => EnvoyJson.CreateWriter().Write(SerializedMessage.Of(message), new Utf8JsonTokenWriter(writer)), indented: false);

    private static string Utf8(Action<Utf8JsonWriter> write, bool indented)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
