using Google.Protobuf.WellKnownTypes;
using RulesMesh.Translation.Listeners;
using TcpProxyConfig = Envoy.Extensions.Filters.Network.TcpProxy.V3.TcpProxy;

namespace RulesMesh.Tests.Translation.Listeners;

/// <summary>A TCP chain's proxy, written field by field: the very bytes that packing the TCP proxy message gives.</summary>
public sealed class PackedTcpProxyTests
{
    // A long name needs a two-byte length; an empty stat prefix is left out, an empty cluster (a oneof member) is not.
    [Theory]
    [InlineData("fc_tcp_9000_svc_ns", "kube_ns_svc_9000")]
    [InlineData("fc_tcp_9000_svc_ns", "")]
    [InlineData("", "kube_ns_svc_9000")]
    [InlineData("", "")]
    [InlineData("long", null)]
    public void The_written_proxy_is_the_packed_proxy_message(string statPrefix, string? cluster)
    {
        cluster ??= "istio-se_ns_se_" + new string('h', 200) + "_443";

        var written = WaypointFilters.TcpProxy(statPrefix, cluster);

        Assert.Equal(WaypointFilters.TcpProxyFilterName, written.Name);
        Assert.Equal(Any.Pack(new TcpProxyConfig { StatPrefix = statPrefix, Cluster = cluster }), written.TypedConfig);
    }
}
