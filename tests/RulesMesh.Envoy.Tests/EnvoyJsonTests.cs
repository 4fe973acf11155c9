using System.Text.Json.Nodes;
using Envoy.Config.Core.V3;
using Envoy.Extensions.Clusters.Common.Dns.V3;
using Envoy.Extensions.Clusters.Dns.V3;
using Envoy.Extensions.Filters.Http.Router.V3;
using Envoy.Extensions.Filters.Network.HttpConnectionManager.V3;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Cluster = Envoy.Config.Cluster.V3.Cluster;
using FilterChain = Envoy.Config.Listener.V3.FilterChain;
using Hcm = Envoy.Extensions.Filters.Network.HttpConnectionManager.V3.HttpConnectionManager;
using Listener = Envoy.Config.Listener.V3.Listener;
using ListenerFilter = Envoy.Config.Listener.V3.Filter;

namespace RulesMesh.Xds.Tests;

public sealed class EnvoyJsonTests
{
    private const string HcmTypeUrl = "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager";
    private const string DnsClusterTypeUrl = "type.googleapis.com/envoy.extensions.clusters.dns.v3.DnsCluster";

    private static Listener ListenerWithRds()
    {
        var hcm = new Hcm
        {
            StatPrefix = "http",
            Rds = new Rds
            {
                RouteConfigName = "fc_http_5000_svc-a_infra",
                ConfigSource = new ConfigSource { Ads = new AggregatedConfigSource(), ResourceApiVersion = ApiVersion.V3 },
            },
            UseRemoteAddress = true,
            NormalizePath = true,
            HttpFilters =
            {
                new HttpFilter { Name = "envoy.filters.http.router", TypedConfig = Any.Pack(new Router()) },
            },
        };
        return new Listener
        {
            Name = "proxy_protocol_inbound",
            Address = new Address { SocketAddress = new SocketAddress { Address = "::", PortValue = 15088, Ipv4Compat = true } },
            FilterChains =
            {
                new FilterChain
                {
                    Name = "fc_http_5000_svc-a_infra",
                    Filters = { new ListenerFilter { Name = "envoy.filters.network.http_connection_manager", TypedConfig = Any.Pack(hcm) } },
                },
            },
        };
    }

    [Fact]
    public void ListenerFormatsAsProto3JsonWithTypedAny()
    {
        var json = EnvoyJson.Format(ListenerWithRds());
        var tree = JsonNode.Parse(json)!.AsObject();

        var filter = tree["filterChains"]![0]!["filters"]![0]!.AsObject();
        var typed = filter["typedConfig"]!.AsObject();
        Assert.Equal(HcmTypeUrl, (string?)typed["@type"]);
        // camelCase names.
        Assert.Equal("http", (string?)typed["statPrefix"]);
        Assert.Equal("fc_http_5000_svc-a_infra", (string?)typed["rds"]!["routeConfigName"]);
        Assert.Equal("V3", (string?)typed["rds"]!["configSource"]!["resourceApiVersion"]);
        Assert.Equal(15088, (int)tree["address"]!["socketAddress"]!["portValue"]!);
        Assert.True((bool)typed["useRemoteAddress"]!);
        Assert.Equal(
            "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router",
            (string?)typed["httpFilters"]![0]!["typedConfig"]!["@type"]);

        // Defaults are omitted: codecType AUTO (0), mergeSlashes false, an empty Ads message stays as {}.
        Assert.False(typed.ContainsKey("codecType"));
        Assert.False(typed.ContainsKey("mergeSlashes"));
        Assert.False(tree.ContainsKey("statPrefix"));
        Assert.Equal("{}", typed["rds"]!["configSource"]!["ads"]!.ToJsonString());
        Assert.DoesNotContain("stat_prefix", json, StringComparison.Ordinal);
        Assert.DoesNotContain("route_config_name", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ListenerJsonParsesBackEqual()
    {
        var listener = ListenerWithRds();
        var parsed = EnvoyJson.Parse<Listener>(EnvoyJson.Format(listener));

        Assert.Equal(listener, parsed);
        var hcm = parsed.FilterChains[0].Filters[0].TypedConfig.Unpack<Hcm>();
        Assert.Equal(Hcm.RouteSpecifierOneofCase.Rds, hcm.RouteSpecifierCase);
        Assert.Equal("fc_http_5000_svc-a_infra", hcm.Rds.RouteConfigName);

        // The same through the indented formatter and the descriptor-based parse.
        Assert.Equal(listener, EnvoyJson.Parse(EnvoyJson.FormatIndented(listener), Listener.Descriptor));
    }

    [Fact]
    public void DnsClusterTypeRoundTrips()
    {
        var cluster = new Cluster
        {
            Name = "istio-se_gwtest_example-se_se.example.com_80",
            ConnectTimeout = Duration.FromTimeSpan(TimeSpan.FromSeconds(5)),
            ClusterType = new Cluster.Types.CustomClusterType
            {
                Name = "envoy.clusters.dns",
                TypedConfig = Any.Pack(new DnsCluster
                {
                    AllAddressesInSingleEndpoint = true,
                    DnsLookupFamily = DnsLookupFamily.V4Preferred,
                    DnsRefreshRate = Duration.FromTimeSpan(TimeSpan.FromSeconds(30)),
                    DnsFailureRefreshRate = new DnsCluster.Types.RefreshRate
                    {
                        BaseInterval = Duration.FromTimeSpan(TimeSpan.FromSeconds(1)),
                        MaxInterval = Duration.FromTimeSpan(TimeSpan.FromSeconds(10)),
                    },
                    RespectDnsTtl = true,
                    DnsJitter = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(500)),
                }),
            },
        };

        var json = EnvoyJson.Format(cluster);
        var typed = JsonNode.Parse(json)!["clusterType"]!["typedConfig"]!.AsObject();
        Assert.Equal(DnsClusterTypeUrl, (string?)typed["@type"]);
        Assert.True((bool)typed["allAddressesInSingleEndpoint"]!);
        Assert.Equal("V4_PREFERRED", (string?)typed["dnsLookupFamily"]);
        Assert.Equal("30s", (string?)typed["dnsRefreshRate"]);
        Assert.Equal("0.500s", (string?)typed["dnsJitter"]);
        Assert.Equal("1s", (string?)typed["dnsFailureRefreshRate"]!["baseInterval"]);
        Assert.True((bool)typed["respectDnsTtl"]!);
        Assert.Equal("5s", (string?)JsonNode.Parse(json)!["connectTimeout"]);

        var parsed = EnvoyJson.Parse<Cluster>(json);
        Assert.Equal(cluster, parsed);
        Assert.True(parsed.ClusterType.TypedConfig.Unpack<DnsCluster>().AllAddressesInSingleEndpoint);
    }

    [Fact]
    public void DnsClusterJsonAsKgatewayWritesItParses()
    {
        const string json = """
            {
              "name": "istio-se_gwtest_example-se_se.example.com_80",
              "clusterType": {
                "name": "envoy.clusters.dns",
                "typedConfig": {
                  "@type": "type.googleapis.com/envoy.extensions.clusters.dns.v3.DnsCluster",
                  "allAddressesInSingleEndpoint": true,
                  "dnsLookupFamily": "V4_PREFERRED"
                }
              }
            }
            """;
        var dns = EnvoyJson.Parse<Cluster>(json).ClusterType.TypedConfig.Unpack<DnsCluster>();
        Assert.True(dns.AllAddressesInSingleEndpoint);
        Assert.Equal(DnsLookupFamily.V4Preferred, dns.DnsLookupFamily);
    }

    [Fact]
    public void DnsClusterFieldNumbersAreEnvoys()
    {
        Assert.Equal(3, DnsCluster.DnsRefreshRateFieldNumber);
        Assert.Equal(4, DnsCluster.DnsFailureRefreshRateFieldNumber);
        Assert.Equal(5, DnsCluster.RespectDnsTtlFieldNumber);
        Assert.Equal(6, DnsCluster.DnsJitterFieldNumber);
        Assert.Equal(7, DnsCluster.TypedDnsResolverConfigFieldNumber);
        Assert.Equal(8, DnsCluster.DnsLookupFamilyFieldNumber);
        Assert.Equal(9, DnsCluster.AllAddressesInSingleEndpointFieldNumber);
        Assert.Equal(1, DnsCluster.Types.RefreshRate.BaseIntervalFieldNumber);
        Assert.Equal(2, DnsCluster.Types.RefreshRate.MaxIntervalFieldNumber);
        Assert.Equal(
            ["UNSPECIFIED", "AUTO", "V4_ONLY", "V6_ONLY", "V4_PREFERRED", "ALL"],
            DnsReflection.Descriptor.EnumTypes.Single().Values.OrderBy(v => v.Number).Select(v => v.Name));
        Assert.Equal(
            "envoy.extensions.clusters.common.dns.v3.DnsLookupFamily",
            DnsCluster.Descriptor.FindFieldByNumber(8).EnumType.FullName);

        // Binary: field 9, varint 1.
        Assert.Equal(new byte[] { 9 << 3, 1 }, new DnsCluster { AllAddressesInSingleEndpoint = true }.ToByteArray());
    }

    [Fact]
    public void UnknownFieldIsRejected()
    {
        var error = Assert.Throws<InvalidProtocolBufferException>(
            () => EnvoyJson.Parse<Cluster>("""{"name": "a", "connectTimeout": "5s", "notAField": true}"""));
        Assert.Contains("notAField", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownFieldInsideAnyIsRejected()
    {
        const string json = """
            {"name": "l", "filterChains": [{"filters": [{"name": "hcm", "typedConfig": {
              "@type": "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
              "statPrefix": "http", "noSuchOption": 1}}]}]}
            """;
        Assert.Throws<InvalidProtocolBufferException>(() => EnvoyJson.Parse<Listener>(json));
    }

    [Fact]
    public void UnknownAnyTypeIsRejected()
    {
        const string json = """
            {"name": "l", "filterChains": [{"filters": [{"name": "x", "typedConfig": {
              "@type": "type.googleapis.com/envoy.extensions.filters.network.not_compiled.v3.Nope"}}]}]}
            """;
        Assert.ThrowsAny<Exception>(() => EnvoyJson.Parse<Listener>(json));
    }

    [Fact]
    public void GoogleProtobufRejectsUnknownFieldsByDefault()
    {
        Assert.False(JsonParser.Settings.Default.IgnoreUnknownFields);
        Assert.False(EnvoyJson.ParserSettings.IgnoreUnknownFields);
    }

    [Theory]
    [InlineData("envoy.config.listener.v3.Listener")]
    [InlineData("envoy.config.route.v3.RouteConfiguration")]
    [InlineData("envoy.config.cluster.v3.Cluster")]
    [InlineData("envoy.config.endpoint.v3.ClusterLoadAssignment")]
    [InlineData("envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager")]
    [InlineData("envoy.extensions.filters.http.router.v3.Router")]
    [InlineData("envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy")]
    [InlineData("envoy.extensions.filters.network.rbac.v3.RBAC")]
    [InlineData("envoy.extensions.filters.http.rbac.v3.RBAC")]
    [InlineData("envoy.extensions.filters.network.set_filter_state.v3.Config")]
    [InlineData("envoy.extensions.filters.listener.proxy_protocol.v3.ProxyProtocol")]
    [InlineData("envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext")]
    [InlineData("envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext")]
    [InlineData("envoy.extensions.transport_sockets.tls.v3.Secret")]
    [InlineData("envoy.extensions.upstreams.http.v3.HttpProtocolOptions")]
    [InlineData("envoy.service.discovery.v3.DiscoveryRequest")]
    [InlineData("envoy.service.discovery.v3.DeltaDiscoveryResponse")]
    [InlineData("envoy.extensions.clusters.dns.v3.DnsCluster")]
    [InlineData("google.protobuf.Duration")]
    public void TypeRegistryKnowsTheMessagesRulesMeshEmits(string fullName)
        => Assert.NotNull(EnvoyJson.FindMessageType(fullName));

    [Fact]
    public void ValidateIsThePatchedCopy()
    {
        var stringRules = Validate.ValidateReflection.Descriptor.MessageTypes.Single(m => m.Name == "StringRules");
        var ignoreEmpty = stringRules.FindFieldByNumber(26);
        Assert.NotNull(ignoreEmpty);
        Assert.Equal("ignore_empty", ignoreEmpty.Name);
    }

    [Fact]
    public void WellKnownTypesComeFromGoogleProtobufNotThisAssembly()
    {
        Assert.DoesNotContain(EnvoyJson.Files, f => f.Name.StartsWith("google/protobuf/", StringComparison.Ordinal));
        Assert.Same(typeof(Any).Assembly, typeof(Duration).Assembly);
        Assert.NotSame(typeof(Any).Assembly, typeof(EnvoyJson).Assembly);
    }
}
