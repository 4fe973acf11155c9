using System.Buffers;
using System.Text;
using System.Text.Json;
using Envoy.Config.Rbac.V3;
using Envoy.Config.Route.V3;
using Envoy.Extensions.Filters.Http.Router.V3;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using RulesMesh.Xds.Tests.Support;
using Cluster = Envoy.Config.Cluster.V3.Cluster;
using CustomClusterType = Envoy.Config.Cluster.V3.Cluster.Types.CustomClusterType;
using DiscoveryType = Envoy.Config.Cluster.V3.Cluster.Types.DiscoveryType;

namespace RulesMesh.Xds.Tests;

/// <summary>
/// <see cref="ProtoJsonWriter"/> writes the message packed in an <c>Any</c> from its bytes when they are as its generated
/// class writes them, and parses them first when not: either way the text is that of the message the bytes hold, as the
/// proto3 JSON mapping writes it (expected texts by hand).
/// </summary>
public sealed class PackedBytesTests
{
    private const string RouterType = "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router";
    private const string ClusterType = "type.googleapis.com/envoy.config.cluster.v3.Cluster";
    private const string RetryPolicyType = "type.googleapis.com/envoy.config.route.v3.RetryPolicy";
    private const string RbacType = "type.googleapis.com/envoy.config.rbac.v3.RBAC";

    [Fact]
    public void Fields_in_bytes_out_of_number_order_are_written_in_number_order()
    {
        var bytes = Concat(new Cluster { ConnectTimeout = new Duration { Seconds = 1 } }, new Cluster { Name = "a" });

        Assert.Equal($$$"""{"@type":"{{{ClusterType}}}","name":"a","connectTimeout":"1s"}""", Json(Packed(ClusterType, bytes)));
    }

    [Fact]
    public void Sixty_four_bit_integers_in_bytes_are_written_as_decimal_strings()
        => Assert.Equal(
            """{"@type":"type.googleapis.com/envoy.type.v3.Int64Range","start":"-9223372036854775808","end":"9223372036854775807"}""",
            Json(Packed("type.googleapis.com/envoy.type.v3.Int64Range", new Envoy.Type.V3.Int64Range { Start = long.MinValue, End = long.MaxValue }.ToByteString())));

    [Fact]
    public void A_field_met_twice_is_written_once_with_its_last_value()
        => Assert.Equal($$$"""{"@type":"{{{ClusterType}}}","name":"b"}""", Json(Packed(ClusterType, Concat(new Cluster { Name = "a" }, new Cluster { Name = "b" }))));

    [Fact]
    public void A_repeated_field_split_by_another_field_is_written_as_one_list_in_number_order()
    {
        var bytes = Concat(new Router { StrictCheckHeaders = { "x-a" } }, new Router { SuppressEnvoyHeaders = true }, new Router { StrictCheckHeaders = { "x-b" } });

        Assert.Equal($$$"""{"@type":"{{{RouterType}}}","suppressEnvoyHeaders":true,"strictCheckHeaders":["x-a","x-b"]}""", Json(Packed(RouterType, bytes)));
    }

    [Fact]
    public void Of_two_members_of_a_oneof_in_the_bytes_only_the_last_is_written()
    {
        var bytes = Concat(new Cluster { Type = DiscoveryType.StrictDns }, new Cluster { ClusterType = new CustomClusterType { Name = "custom" } });

        Assert.Equal($$$"""{"@type":"{{{ClusterType}}}","clusterType":{"name":"custom"}}""", Json(Packed(ClusterType, bytes)));
    }

    [Fact]
    public void A_map_key_met_twice_is_written_once_with_its_last_value()
    {
        var bytes = Concat(
            new RBAC { Policies = { ["a"] = new Policy { Permissions = { new Permission { Any = true } } } } },
            new RBAC { Policies = { ["a"] = new Policy() } });

        Assert.Equal($$$$"""{"@type":"{{{{RbacType}}}}","policies":{"a":{}}}""", Json(Packed(RbacType, bytes)));
    }

    [Fact]
    public void An_unknown_field_is_left_out()
    {
        var bytes = WireBytes.Of(output =>
        {
            output.WriteTag(1, WireFormat.WireType.LengthDelimited);
            output.WriteString("a");
            output.WriteTag(9999, WireFormat.WireType.Varint);
            output.WriteUInt32(7);
        });

        Assert.Equal($$$"""{"@type":"{{{ClusterType}}}","name":"a"}""", Json(Packed(ClusterType, bytes)));
    }

    [Fact]
    public void A_field_without_presence_at_its_default_is_left_out_and_a_oneof_member_at_its_default_is_written()
    {
        var bytes = WireBytes.Of(output =>
        {
            output.WriteTag(1, WireFormat.WireType.LengthDelimited);
            output.WriteString("");
            output.WriteTag(2, WireFormat.WireType.Varint);
            output.WriteEnum((int)DiscoveryType.Static);
        });

        Assert.Equal($$$"""{"@type":"{{{ClusterType}}}","type":"STATIC"}""", Json(Packed(ClusterType, bytes)));
    }

    [Fact]
    public void Repeated_numbers_packed_and_one_record_each_are_written_alike()
    {
        var unpacked = WireBytes.Of(output =>
        {
            foreach (var code in new uint[] { 503, 504 })
            {
                output.WriteTag(RetryPolicy.RetriableStatusCodesFieldNumber, WireFormat.WireType.Varint);
                output.WriteUInt32(code);
            }
        });
        var expected = $$$"""{"@type":"{{{RetryPolicyType}}}","retriableStatusCodes":[503,504]}""";

        Assert.Equal(expected, Json(Any.Pack(new RetryPolicy { RetriableStatusCodes = { 503, 504 } })));
        Assert.Equal(expected, Json(Packed(RetryPolicyType, unpacked)));
    }

    [Fact]
    public void A_map_entry_without_its_key_is_written_under_the_empty_key()
    {
        var entry = WireBytes.Of(output =>
        {
            output.WriteTag(2, WireFormat.WireType.LengthDelimited);
            output.WriteMessage(Any.Pack(new Router()));
        });
        var bytes = WireBytes.Of(output =>
        {
            output.WriteTag(Cluster.TypedExtensionProtocolOptionsFieldNumber, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(entry);
        });

        Assert.Equal("""{"@type":"type.googleapis.com/envoy.config.cluster.v3.Cluster","typedExtensionProtocolOptions":{"":{"@type":"type.googleapis.com/envoy.extensions.filters.http.router.v3.Router"}}}""", Json(Packed(ClusterType, bytes)));
    }

    [Fact]
    public void Anys_nested_in_packed_bytes_are_written_from_their_own_bytes()
    {
        var inner = new Cluster { Name = "inner", TypedExtensionProtocolOptions = { ["r"] = Any.Pack(new Router { SuppressEnvoyHeaders = true }) } };
        var outer = new Cluster { Name = "outer", TypedExtensionProtocolOptions = { ["c"] = Any.Pack(inner) } };

        Assert.Equal(
            """{"@type":"type.googleapis.com/envoy.config.cluster.v3.Cluster","name":"outer","typedExtensionProtocolOptions":{"c":{"@type":"type.googleapis.com/envoy.config.cluster.v3.Cluster","name":"inner","typedExtensionProtocolOptions":{"r":{"@type":"type.googleapis.com/envoy.extensions.filters.http.router.v3.Router","suppressEnvoyHeaders":true}}}}}""",
            Json(Any.Pack(outer)));
    }

    private static Any Packed(string typeUrl, ByteString bytes) => new() { TypeUrl = typeUrl, Value = bytes };

    private static ByteString Concat(params IMessage[] messages) => ByteString.CopyFrom(messages.SelectMany(static m => m.ToByteArray()).ToArray());

    private static string Json(IMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            EnvoyJson.CreateWriter().Write(message, writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
