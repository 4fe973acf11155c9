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

    [Fact]
    public void An_Istio_waypoint_node_names_its_Pod_from_the_service_node_and_its_Gateway_from_the_Pods_label()
    {
        var labels = new Struct { Fields = { ["gateway.networking.k8s.io/gateway-name"] = Value.ForString("waypoint"), ["app"] = Value.ForString("waypoint") } };
        var node = new Node
        {
            Id = "router~10.244.1.5~waypoint-6c7d8.infra~infra.svc.cluster.local",
            Cluster = "waypoint.infra",
            Metadata = new Struct { Fields = { ["NAME"] = Value.ForString("waypoint-6c7d8"), ["NAMESPACE"] = Value.ForString("infra"), ["LABELS"] = Value.ForStruct(labels) } },
        };

        Assert.Equal(
            new ProxyNode(node.Id, "waypoint.infra", new NamespacedName("infra", "waypoint"), new NamespacedName("infra", "waypoint-6c7d8"), null, false),
            ProxyNodeParser.Parse(node));
    }

    [Fact]
    public void A_proxyless_client_bootstrapped_by_istio_agent_names_its_Pod_from_the_service_node()
    {
        var node = new Node
        {
            Id = "sidecar~10.244.1.9~orders-client-7f9.shop~shop.svc.cluster.local",
            Metadata = new Struct { Fields = { ["GENERATOR"] = Value.ForString("grpc") } },
        };

        Assert.Equal(new ProxyNode(node.Id, string.Empty, null, new NamespacedName("shop", "orders-client-7f9"), null, true), ProxyNodeParser.Parse(node));
    }

    [Fact]
    public void Istio_metadata_NAME_and_NAMESPACE_name_the_Pod_when_the_id_is_of_neither_form_and_kgateways_role_wins_over_labels()
    {
        var labels = new Struct { Fields = { ["gateway.networking.k8s.io/gateway-name"] = Value.ForString("other") } };
        var node = new Node
        {
            Id = "a-proxy",
            Metadata = new Struct
            {
                Fields =
                {
                    ["role"] = Value.ForString("kgateway-kube-gateway-api~infra~waypoint"),
                    ["NAME"] = Value.ForString("waypoint-1"),
                    ["NAMESPACE"] = Value.ForString("infra"),
                    ["LABELS"] = Value.ForStruct(labels),
                },
            },
        };

        Assert.Equal(new ProxyNode("a-proxy", string.Empty, new NamespacedName("infra", "waypoint"), new NamespacedName("infra", "waypoint-1"), null, false), ProxyNodeParser.Parse(node));
    }
}
