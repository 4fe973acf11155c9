using Envoy.Config.Cluster.V3;
using Envoy.Config.Core.V3;
using Envoy.Config.Endpoint.V3;
using Google.Protobuf.WellKnownTypes;
using RulesMesh.Xds.Constraints;
using ClusterConfig = Envoy.Extensions.Clusters.DynamicForwardProxy.V3.ClusterConfig;
using UpstreamHttpOptions = Envoy.Extensions.Upstreams.Http.V3.HttpProtocolOptions;

namespace RulesMesh.Xds.Tests;

/// <summary>
/// The checks Envoy makes in code when it builds a cluster (its error messages quoted from Envoy's source:
/// <c>logical_dns_cluster.cc</c>, <c>upstream_impl.cc</c>, <c>dynamic_forward_proxy/cluster.cc</c>).
/// </summary>
public sealed class ClusterConstraintsTests
{
    [Fact]
    public void A_logical_dns_cluster_with_one_endpoint_passes_and_with_two_or_none_fails()
    {
        Assert.Empty(ClusterConstraints.Check(Logical("a.example.com")));
        Assert.Equal("LOGICAL_DNS clusters must have a single locality_lb_endpoint and a single lb_endpoint", Assert.Single(ClusterConstraints.Check(Logical("a.example.com", "b.example.com"))).Message);
        Assert.Single(ClusterConstraints.Check(Logical()));
    }

    [Fact]
    public void Cluster_provided_balancing_belongs_to_original_destination_and_custom_clusters_only()
    {
        Assert.Empty(ClusterConstraints.Check(new Cluster { Name = "orig", Type = Cluster.Types.DiscoveryType.OriginalDst, LbPolicy = Cluster.Types.LbPolicy.ClusterProvided }));
        Assert.Equal("lb_policy", Assert.Single(ClusterConstraints.Check(new Cluster { Name = "orig", Type = Cluster.Types.DiscoveryType.OriginalDst, LbPolicy = Cluster.Types.LbPolicy.RoundRobin })).Path);
        Assert.Equal("lb_policy", Assert.Single(ClusterConstraints.Check(new Cluster { Name = "eds", Type = Cluster.Types.DiscoveryType.Eds, LbPolicy = Cluster.Types.LbPolicy.ClusterProvided })).Path);
        // A custom type decides: kgateway's DNS cluster brings no balancer, the dynamic forward proxy one.
        Assert.Single(ClusterConstraints.Check(Custom("envoy.clusters.dns", Cluster.Types.LbPolicy.ClusterProvided)));
        Assert.Empty(ClusterConstraints.Check(Custom("envoy.clusters.dns", Cluster.Types.LbPolicy.RoundRobin)));
        Assert.Single(ClusterConstraints.Check(Custom("envoy.clusters.aggregate", Cluster.Types.LbPolicy.RoundRobin)));
        Assert.Empty(ClusterConstraints.Check(Custom("envoy.clusters.aggregate", Cluster.Types.LbPolicy.ClusterProvided)));

        static Cluster Custom(string type, Cluster.Types.LbPolicy policy)
            => new() { Name = "custom", LbPolicy = policy, ClusterType = new Cluster.Types.CustomClusterType { Name = type, TypedConfig = Any.Pack(new Empty()) } };
    }

    [Fact]
    public void A_static_cluster_takes_ip_addresses_only()
    {
        var cluster = new Cluster { Name = "static", Type = Cluster.Types.DiscoveryType.Static, LoadAssignment = Assignment("static", "10.0.0.1", "db.example.com", "10.1", "1", "::1") };

        var violations = ClusterConstraints.Check(cluster);
        Assert.Equal(
            ["load_assignment.endpoints[0].lb_endpoints[1].endpoint.address.socket_address.address", "load_assignment.endpoints[0].lb_endpoints[2].endpoint.address.socket_address.address", "load_assignment.endpoints[0].lb_endpoints[3].endpoint.address.socket_address.address"],
            violations.Select(static v => v.Path));
        Assert.Equal("malformed IP address: db.example.com", violations[0].Message);
    }

    [Fact]
    public void A_dynamic_forward_proxy_with_http_options_needs_auto_sni_and_auto_san_validation_unless_insecure_options_are_allowed()
    {
        static Cluster Proxy(UpstreamHttpProtocolOptions? upstream, bool insecure = false)
        {
            var cluster = new Cluster
            {
                Name = "dfp",
                LbPolicy = Cluster.Types.LbPolicy.ClusterProvided,
                ClusterType = new Cluster.Types.CustomClusterType { Name = "envoy.clusters.dynamic_forward_proxy", TypedConfig = Any.Pack(new ClusterConfig { AllowInsecureClusterOptions = insecure }) },
            };
            cluster.TypedExtensionProtocolOptions["envoy.extensions.upstreams.http.v3.HttpProtocolOptions"] = Any.Pack(new UpstreamHttpOptions
            {
                UpstreamHttpProtocolOptions = upstream,
                ExplicitHttpConfig = new UpstreamHttpOptions.Types.ExplicitHttpConfig { Http2ProtocolOptions = new Http2ProtocolOptions() },
            });
            return cluster;
        }

        Assert.Equal(
            "dynamic_forward_proxy cluster must have auto_sni and auto_san_validation true unless allow_insecure_cluster_options is set",
            Assert.Single(ClusterConstraints.Check(Proxy(upstream: null))).Message);
        Assert.Single(ClusterConstraints.Check(Proxy(new UpstreamHttpProtocolOptions { AutoSni = true })));
        Assert.Empty(ClusterConstraints.Check(Proxy(new UpstreamHttpProtocolOptions { AutoSni = true, AutoSanValidation = true })));
        Assert.Empty(ClusterConstraints.Check(Proxy(upstream: null, insecure: true)));
    }

    private static Cluster Logical(params string[] hosts)
        => new() { Name = "logical", Type = Cluster.Types.DiscoveryType.LogicalDns, LoadAssignment = hosts.Length == 0 ? new ClusterLoadAssignment { ClusterName = "logical" } : Assignment("logical", hosts) };

    private static ClusterLoadAssignment Assignment(string name, params string[] addresses)
        => new()
        {
            ClusterName = name,
            Endpoints =
            {
                new LocalityLbEndpoints
                {
                    LbEndpoints =
                    {
                        addresses.Select(static a => new LbEndpoint { Endpoint = new Endpoint { Address = new Address { SocketAddress = new SocketAddress { Address = a, PortValue = 80 } } } }),
                    },
                },
            },
        };
}
