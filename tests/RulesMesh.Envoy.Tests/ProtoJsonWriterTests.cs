using System.Buffers;
using System.Text;
using System.Text.Json;
using Envoy.Config.Core.V3;
using Envoy.Extensions.Filters.Http.Router.V3;
using Envoy.Type.V3;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Cluster = Envoy.Config.Cluster.V3.Cluster;
using LbPolicy = Envoy.Config.Cluster.V3.Cluster.Types.LbPolicy;

namespace RulesMesh.Xds.Tests;

/// <summary>
/// <see cref="ProtoJsonWriter"/> on values whose proto3 JSON is easy to get wrong; the expected texts are the proto3
/// JSON mapping's, written out by hand (compact, as a default <see cref="Utf8JsonWriter"/> escapes them).
/// </summary>
public sealed class ProtoJsonWriterTests
{
    private static string Json(IMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            EnvoyJson.CreateWriter().Write(message, writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public void Fields_are_written_by_json_name_in_field_number_order_with_wrappers_as_values_and_enums_by_name()
    {
        var cluster = new Cluster
        {
            LbPolicy = LbPolicy.LeastRequest,
            PerConnectionBufferLimitBytes = 32768,
            ConnectTimeout = new Duration { Seconds = 1, Nanos = 500_000_000 },
            Name = "a",
        };

        Assert.Equal("""{"name":"a","connectTimeout":"1.500s","perConnectionBufferLimitBytes":32768,"lbPolicy":"LEAST_REQUEST"}""", Json(cluster));
    }

    [Fact]
    public void Fields_at_their_default_and_empty_lists_and_maps_are_left_out_but_a_set_empty_message_is_written()
    {
        var cluster = new Cluster { Name = "a", LbPolicy = LbPolicy.RoundRobin, PerConnectionBufferLimitBytes = 0, Metadata = new Metadata() };
        cluster.TypedExtensionProtocolOptions.Clear();

        Assert.Equal("""{"name":"a","perConnectionBufferLimitBytes":0,"metadata":{}}""", Json(cluster));
    }

    [Fact]
    public void An_enum_number_without_a_name_is_written_as_a_number()
        => Assert.Equal("""{"lbPolicy":42}""", Json(new Cluster { LbPolicy = (LbPolicy)42 }));

    [Theory]
    [InlineData(1, 500_000_000, "1.500s")]
    [InlineData(5, 0, "5s")]
    [InlineData(0, 0, "0s")]
    [InlineData(0, 1_000, "0.000001s")]
    [InlineData(0, 1, "0.000000001s")]
    [InlineData(3, 120_000_000, "3.120s")]
    [InlineData(-1, -500_000_000, "-1.500s")]
    [InlineData(0, -500_000_000, "-0.500s")]
    [InlineData(-7, 0, "-7s")]
    [InlineData(315_576_000_000, 999_999_999, "315576000000.999999999s")]
    public void A_duration_is_seconds_with_three_six_or_nine_fraction_digits(long seconds, int nanos, string expected)
        => Assert.Equal($"\"{expected}\"", Json(new Duration { Seconds = seconds, Nanos = nanos }));

    [Theory]
    [InlineData(1, -1)]
    [InlineData(-1, 1)]
    [InlineData(0, 1_000_000_000)]
    [InlineData(315_576_000_001, 0)]
    public void A_duration_out_of_range_or_with_mixed_signs_is_refused(long seconds, int nanos)
        => Assert.Throws<InvalidOperationException>(() => Json(new Duration { Seconds = seconds, Nanos = nanos }));

    [Theory]
    [InlineData(0, 0, "1970-01-01T00:00:00Z")]
    [InlineData(0, 21_000_000, "1970-01-01T00:00:00.021Z")]
    [InlineData(-62_135_596_800, 0, "0001-01-01T00:00:00Z")]
    [InlineData(253_402_300_799, 999_999_999, "9999-12-31T23:59:59.999999999Z")]
    [InlineData(1_700_000_000, 5_000, "2023-11-14T22:13:20.000005Z")]
    public void A_timestamp_is_utc_rfc3339(long seconds, int nanos, string expected)
        => Assert.Equal($"\"{expected}\"", Json(new Timestamp { Seconds = seconds, Nanos = nanos }));

    [Fact]
    public void Sixty_four_bit_integers_are_strings()
        => Assert.Equal("""{"start":"-9223372036854775808","end":"9007199254740993"}""", Json(new Int64Range { Start = long.MinValue, End = 9_007_199_254_740_993 }));

    [Fact]
    public void A_wrapped_unsigned_sixty_four_bit_integer_in_an_any_is_a_string_under_value()
        => Assert.Equal(
            """{"@type":"type.googleapis.com/google.protobuf.UInt64Value","value":"18446744073709551615"}""",
            Json(Any.Pack(new UInt64Value { Value = ulong.MaxValue })));

    [Fact]
    public void Nan_and_infinities_are_strings_and_other_doubles_shortest_round_trip_text_with_a_lower_case_exponent()
    {
        var numbers = new Struct
        {
            Fields =
            {
                ["nan"] = Value.ForNumber(double.NaN),
                ["inf"] = Value.ForNumber(double.PositiveInfinity),
                ["ninf"] = Value.ForNumber(double.NegativeInfinity),
                ["big"] = Value.ForNumber(1e21),
                ["tenth"] = Value.ForNumber(0.1),
                ["negzero"] = Value.ForNumber(-0.0),
            },
        };

        Assert.Equal("""{"nan":"NaN","inf":"Infinity","ninf":"-Infinity","big":1e+21,"tenth":0.1,"negzero":-0}""", Json(numbers));
    }

    [Fact]
    public void A_float_is_written_with_a_float_shortest_text()
        => Assert.Equal("""{"@type":"type.googleapis.com/google.protobuf.FloatValue","value":0.1}""", Json(Any.Pack(new FloatValue { Value = 0.1f })));

    [Fact]
    public void Bytes_are_base64_escaped_like_any_string()
        => Assert.Equal(
            """{"@type":"type.googleapis.com/google.protobuf.BytesValue","value":"\u002B/8="}""",
            Json(Any.Pack(new BytesValue { Value = ByteString.CopyFrom(0xfb, 0xff) })));

    [Fact]
    public void A_struct_holds_null_booleans_strings_lists_and_structs()
    {
        var value = Value.ForStruct(new Struct
        {
            Fields =
            {
                ["list"] = Value.ForList(Value.ForNull(), Value.ForBool(true), Value.ForString("x")),
                ["inner"] = Value.ForStruct(new Struct()),
            },
        });

        Assert.Equal("""{"list":[null,true,"x"],"inner":{}}""", Json(value));
    }

    [Fact]
    public void A_field_mask_is_its_paths_in_lower_camel_joined_by_commas()
        => Assert.Equal("\"fooBar,baz\"", Json(new FieldMask { Paths = { "foo_bar", "baz" } }));

    [Fact]
    public void An_any_holding_an_any_holds_it_under_value_and_an_ordinary_message_inline()
    {
        Assert.Equal(
            """{"@type":"type.googleapis.com/google.protobuf.Any","value":{"@type":"type.googleapis.com/google.protobuf.Duration","value":"2s"}}""",
            Json(Any.Pack(Any.Pack(new Duration { Seconds = 2 }))));
        Assert.Equal(
            """{"@type":"type.googleapis.com/envoy.extensions.filters.http.router.v3.Router","suppressEnvoyHeaders":true}""",
            Json(Any.Pack(new Router { SuppressEnvoyHeaders = true })));
    }

    [Fact]
    public void An_any_holding_empty_has_an_empty_object_under_value_and_an_any_without_a_type_is_empty()
    {
        Assert.Equal("""{"@type":"type.googleapis.com/google.protobuf.Empty","value":{}}""", Json(Any.Pack(new Empty())));
        Assert.Equal("{}", Json(new Any()));
    }

    [Fact]
    public void An_any_of_a_type_the_registry_lacks_is_refused()
        => Assert.Throws<InvalidOperationException>(() => Json(new Any { TypeUrl = "type.googleapis.com/no.such.Type" }));
}
