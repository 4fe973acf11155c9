using System.Buffers;
using System.Text;
using System.Text.Json;
using Envoy.Config.Core.V3;
using Envoy.Config.Endpoint.V3;
using Envoy.Extensions.Filters.Http.Router.V3;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using RulesMesh.Xds.Tests.Support;
using Cluster = Envoy.Config.Cluster.V3.Cluster;
using DiscoveryType = Envoy.Config.Cluster.V3.Cluster.Types.DiscoveryType;

namespace RulesMesh.Xds.Tests;

/// <summary>
/// A <see cref="SerializedMessage"/> is its message kept as bytes: written, packed and parsed as the message would be
/// (expected texts by hand, the packing and parsing compared with Google.Protobuf's own).
/// </summary>
public sealed class SerializedMessageTests
{
    [Fact]
    public void A_serialized_cluster_is_written_from_its_bytes_as_proto3_json_with_durations_wrappers_maps_and_anys()
    {
        var cluster = new Cluster
        {
            Name = "kube_ns_svc_80",
            Type = DiscoveryType.Eds,
            ConnectTimeout = new Duration { Seconds = 5 },
            PerConnectionBufferLimitBytes = 32768,
            TypedExtensionProtocolOptions = { ["r"] = Any.Pack(new Router { SuppressEnvoyHeaders = true }) },
        };

        Assert.Equal(
            """{"name":"kube_ns_svc_80","type":"EDS","connectTimeout":"5s","perConnectionBufferLimitBytes":32768,"typedExtensionProtocolOptions":{"r":{"@type":"type.googleapis.com/envoy.extensions.filters.http.router.v3.Router","suppressEnvoyHeaders":true}}}""",
            Json(SerializedMessage.Of(cluster)));
    }

    [Fact]
    public void A_serialized_load_assignment_is_written_with_its_localities_endpoints_and_weights()
    {
        var assignment = new ClusterLoadAssignment
        {
            ClusterName = "c",
            Endpoints =
            {
                new LocalityLbEndpoints
                {
                    Locality = new Locality { Region = "r", Zone = "z" },
                    LbEndpoints = { new LbEndpoint { Endpoint = new Endpoint { Address = new Address { SocketAddress = new SocketAddress { Address = "10.0.0.1", PortValue = 80 } } }, LoadBalancingWeight = 1 } },
                    LoadBalancingWeight = 1,
                    Priority = 1,
                },
            },
        };

        Assert.Equal(
            """{"clusterName":"c","endpoints":[{"locality":{"region":"r","zone":"z"},"lbEndpoints":[{"endpoint":{"address":{"socketAddress":{"address":"10.0.0.1","portValue":80}}},"loadBalancingWeight":1}],"loadBalancingWeight":1,"priority":1}]}""",
            Json(SerializedMessage.Of(assignment)));
    }

    [Fact]
    public void A_message_carrying_unknown_fields_is_parsed_before_writing_and_they_are_left_out()
    {
        var bytes = WireBytes.Of(output =>
        {
            output.WriteTag(9999, WireFormat.WireType.Varint);
            output.WriteUInt32(7);
            output.WriteTag(Cluster.NameFieldNumber, WireFormat.WireType.LengthDelimited);
            output.WriteString("a");
        });
        var withUnknown = Cluster.Parser.ParseFrom(bytes);

        Assert.Equal("""{"name":"a"}""", Json(SerializedMessage.Of(withUnknown)));
    }

    [Fact]
    public void A_serialized_well_known_value_is_written_in_its_own_json_form()
    {
        Assert.Equal("\"1.500s\"", Json(SerializedMessage.Of(new Duration { Seconds = 1, Nanos = 500_000_000 })));
        Assert.Equal("7", Json(SerializedMessage.Of(new UInt32Value { Value = 7 })));
        Assert.Equal("""{"a":[true,null]}""", Json(SerializedMessage.Of(new Struct { Fields = { ["a"] = Value.ForList(Value.ForBool(true), Value.ForNull()) } })));
    }

    [Fact]
    public void Packing_gives_what_any_pack_of_the_message_gives()
    {
        var cluster = new Cluster { Name = "a", Type = DiscoveryType.StrictDns };

        var packed = SerializedMessage.Of(cluster).Pack();

        Assert.Equal(Any.Pack(cluster), packed);
        Assert.Equal("type.googleapis.com/envoy.config.cluster.v3.Cluster", packed.TypeUrl);
    }

    [Fact]
    public void Parsing_gives_the_message_as_it_was_when_serialised()
    {
        var cluster = new Cluster { Name = "a" };
        var serialized = SerializedMessage.Of(cluster);
        cluster.Name = "b";

        Assert.Equal(new Cluster { Name = "a" }, serialized.Parse());
    }

    [Fact]
    public void Messages_are_the_same_only_with_the_same_type_and_bytes()
    {
        var a = SerializedMessage.Of(new Cluster { Name = "a" });

        Assert.True(a.SameAs(SerializedMessage.Of(new Cluster { Name = "a" })));
        Assert.False(a.SameAs(SerializedMessage.Of(new Cluster { Name = "b" })));
        Assert.False(SerializedMessage.Of(new Cluster()).SameAs(SerializedMessage.Of(new ClusterLoadAssignment())));
    }

    private static string Json(SerializedMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            EnvoyJson.CreateWriter().Write(message, new Utf8JsonTokenWriter(writer));
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
