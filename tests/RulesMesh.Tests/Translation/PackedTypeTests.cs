using Envoy.Extensions.Filters.Network.HttpConnectionManager.V3;
using Envoy.Extensions.Filters.Network.TcpProxy.V3;
using Google.Protobuf.WellKnownTypes;
using RulesMesh.Translation;

namespace RulesMesh.Tests.Translation;

/// <summary>A type packed with its shared type URL: the same <see cref="Any"/> as Google's <see cref="Any.Pack(Google.Protobuf.IMessage)"/>, one URL string for all.</summary>
public sealed class PackedTypeTests
{
    [Fact]
    public void Packing_gives_the_any_that_Any_Pack_gives()
    {
        var type = new PackedType(TcpProxy.Descriptor);
        var proxy = new TcpProxy { StatPrefix = "inbound-vip|80|tcp|a.ns.svc.cluster.local", Cluster = "kube_ns_a_80" };

        Assert.Equal(Any.Pack(proxy), type.Pack(proxy));
    }

    [Fact]
    public void Packing_an_empty_message_gives_the_any_that_Any_Pack_gives()
    {
        var type = new PackedType(HttpConnectionManager.Descriptor);

        Assert.Equal(Any.Pack(new HttpConnectionManager()), type.Pack(new HttpConnectionManager()));
    }

    [Fact]
    public void Messages_packed_with_one_type_share_its_type_url()
    {
        var type = new PackedType(TcpProxy.Descriptor);

        var first = type.Pack(new TcpProxy { Cluster = "a" });
        var second = type.Pack(new TcpProxy { Cluster = "b" });

        Assert.Same(first.TypeUrl, second.TypeUrl);
        Assert.Equal("type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy", first.TypeUrl);
    }
}
