using Envoy.Config.Core.V3;
using Google.Protobuf.WellKnownTypes;
using RulesMesh.Mesh;
using RulesMesh.Server.Xds;

namespace RulesMesh.Server.Tests.Xds;

public sealed class ProxyNodeParserTests
{
    [Fact]
    public void A_kgateway_waypoint_node_names_its_Gateway_its_Pod_and_its_locality()
    {
        var node = new Node
        {
            Id = "waypoint-5b7c9.v1.infra",
            Cluster = "waypoint.infra",
            Locality = new Locality { Region = "eu-west1", Zone = "eu-west1-b", SubZone = "rack7" },
            Metadata = new Struct { Fields = { ["role"] = Value.ForString("kgateway-kube-gateway-api~infra~waypoint") } },
        };

        Assert.Equal(
            new ProxyNode("waypoint-5b7c9.v1.infra", "waypoint.infra", new NamespacedName("infra", "waypoint"), new NamespacedName("infra", "waypoint-5b7c9.v1"), "eu-west1/eu-west1-b/rack7", false),
            ProxyNodeParser.Parse(node));
    }

    [Theory]
    [InlineData("kgateway-kube-gateway-api~infra")]
    [InlineData("kgateway-kube-gateway-api~~waypoint")]
    [InlineData("gloo-kube-gateway-api~infra~waypoint")]
    [InlineData("kgateway-kube-gateway-api~infra~waypoint~extra")]
    public void A_role_not_of_kgateways_form_names_no_Gateway(string role)
    {
        var node = new Node { Id = "sidecar", Metadata = new Struct { Fields = { ["role"] = Value.ForString(role) } } };

        Assert.Equal(new ProxyNode("sidecar", string.Empty, null, null, null, false), ProxyNodeParser.Parse(node));
    }

    [Fact]
    public void A_proxyless_gRPC_client_says_so_in_its_GENERATOR_metadata_and_a_partial_locality_keeps_its_empty_parts()
    {
        var node = new Node
        {
            Id = "client.",
            Locality = new Locality { Zone = "z1" },
            Metadata = new Struct { Fields = { ["GENERATOR"] = Value.ForString("grpc") } },
        };

        Assert.Equal(new ProxyNode("client.", string.Empty, null, null, "/z1/", true), ProxyNodeParser.Parse(node));
    }
}
