using RulesMesh.Translation.Output;
using Envoy.Extensions.Filters.Network.TcpProxy.V3;
using RulesMesh.Translation.Listeners;
using static RulesMesh.Tests.Translation.Listeners.WaypointFixture;

namespace RulesMesh.Tests.Translation.Listeners;

public sealed class FilterChainTests
{
    [Fact]
    public void An_http_port_gets_the_authority_filter_then_the_connection_manager_over_rds()
    {
        var snapshot = Translate(Waypoint + Service("svc-a", "1.1.1.1", 5000));

        var chain = Chain(snapshot, "fc_http_5000_svc-a_infra");
        AssertJson("""{"destinationPort":5000,"prefixRanges":[{"addressPrefix":"1.1.1.1","prefixLen":32}]}""", chain.FilterChainMatch);
        Assert.Equal(["proxy_protocol_authority", "envoy.filters.network.http_connection_manager"], chain.Filters.Select(f => f.Name));
        AssertJson("""
            {"statPrefix":"http","useRemoteAddress":true,"normalizePath":true,"mergeSlashes":true,
             "rds":{"configSource":{"ads":{},"resourceApiVersion":"V3"},"routeConfigName":"fc_http_5000_svc-a_infra"},
             "httpFilters":[{"name":"envoy.filters.http.router","typedConfig":{"@type":"type.googleapis.com/envoy.extensions.filters.http.router.v3.Router"}}]}
            """, Hcm(chain));
        var routes = Assert.Single(snapshot.Routes);
        Assert.Equal("fc_http_5000_svc-a_infra", routes.Name);
        Assert.True(routes.IgnorePortInHostMatching);
    }

    [Fact]
    public void The_listener_binds_ipv6_any_with_ipv4_compat_at_the_proxy_listener_port_and_reads_the_peer_principal_tlv()
    {
        var yaml = (Waypoint + Service("svc-a", "1.1.1.1", 5000)).Replace("port: 15088", "port: 15099", StringComparison.Ordinal);

        var listener = Listener(Translate(yaml));

        Assert.Equal("proxy_protocol_inbound", listener.Name);
        AssertJson("""{"socketAddress":{"address":"::","portValue":15099,"ipv4Compat":true}}""", listener.Address);
        AssertJson("""
            {"name":"envoy.filters.listener.proxy_protocol","typedConfig":{"@type":"type.googleapis.com/envoy.extensions.filters.listener.proxy_protocol.v3.ProxyProtocol",
              "rules":[{"tlvType":208,"onTlvPresent":{"key":"peer_principal"}}]}}
            """, Assert.Single(listener.ListenerFilters));
    }

    [Fact]
    public void A_tcp_port_proxies_to_the_services_cluster_named_after_the_chain()
    {
        var snapshot = Translate(Waypoint + Service("db", "10.0.0.7", 5432, portName: "tcp-postgres"));

        var chain = Chain(snapshot, "fc_tcp_5432_db_infra");
        Assert.Equal(["proxy_protocol_authority", "envoy.filters.network.tcp_proxy"], chain.Filters.Select(f => f.Name));
        var proxy = chain.Filters[1].TypedConfig.Unpack<TcpProxy>();
        Assert.Equal("fc_tcp_5432_db_infra", proxy.StatPrefix);
        Assert.Equal("kube_infra_db_5432", proxy.Cluster);
        Assert.Empty(snapshot.Routes);
    }

    // kgateway names both chains (and their route configurations) fc_http_80_reviews_infra: one route configuration of
    // that name would serve both VIPs, so the Service's traffic would reach the entry's endpoint (docs/spec §9).
    [Fact]
    public void A_serviceentry_named_as_a_captured_service_of_its_namespace_gets_chain_and_routes_of_its_own()
    {
        var snapshot = Translate(Waypoint + Service("reviews", "1.1.1.1", 80) + ReviewsEntry);

        var service = Chain(snapshot, "fc_http_80_reviews_infra");
        var entry = Chain(snapshot, "fc_http_80_reviews_infra_reviews.example.com");
        AssertJson("""{"destinationPort":80,"prefixRanges":[{"addressPrefix":"1.1.1.1","prefixLen":32}]}""", service.FilterChainMatch);
        AssertJson("""{"destinationPort":80,"prefixRanges":[{"addressPrefix":"2.2.2.2","prefixLen":32}]}""", entry.FilterChainMatch);
        Assert.Equal("fc_http_80_reviews_infra", Hcm(service).Rds.RouteConfigName);
        Assert.Equal("fc_http_80_reviews_infra_reviews.example.com", Hcm(entry).Rds.RouteConfigName);
        var routes = snapshot.Routes.ToDictionary(r => r.Name);
        Assert.Equal(["fc_http_80_reviews_infra", "fc_http_80_reviews_infra_reviews.example.com"], routes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("kube_infra_reviews_80", Assert.Single(Assert.Single(routes["fc_http_80_reviews_infra"].VirtualHosts).Routes).Route_.Cluster);
        Assert.Equal("istio-se_infra_reviews_reviews.example.com_80", Assert.Single(Assert.Single(routes["fc_http_80_reviews_infra_reviews.example.com"].VirtualHosts).Routes).Route_.Cluster);
    }

    [Fact]
    public void A_serviceentry_whose_namesake_service_has_no_chain_of_that_port_keeps_kgateways_chain_name()
    {
        var snapshot = Translate(Waypoint + Service("reviews", "1.1.1.1", 9080) + ReviewsEntry);

        Assert.Equal(["fc_http_80_reviews_infra", "fc_http_9080_reviews_infra"], Listener(snapshot).FilterChains.Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.Equal("2.2.2.2", Chain(snapshot, "fc_http_80_reviews_infra").FilterChainMatch.PrefixRanges[0].AddressPrefix);
    }

    private const string ReviewsEntry = """

        ---
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata:
          name: reviews
          namespace: infra
        spec:
          hosts: [reviews.example.com]
          addresses: [2.2.2.2]
          ports:
          - number: 80
            name: http
            protocol: HTTP
          resolution: STATIC
          endpoints:
          - address: 9.9.9.9

        """;

    [Fact]
    public void A_serviceentry_tcp_port_proxies_to_its_first_hosts_cluster()
    {
        var snapshot = Translate(Waypoint + """
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata:
              name: ext
              namespace: infra
            spec:
              hosts: [b.example.com, a.example.com]
              addresses: [240.0.0.1]
              ports:
              - number: 9000
                name: tcp
                protocol: TCP
              resolution: DNS
            """);

        var proxy = Chain(snapshot, "fc_tcp_9000_ext_infra").Filters[1].TypedConfig.Unpack<TcpProxy>();
        Assert.Equal("istio-se_infra_ext_b.example.com_9000", proxy.Cluster);
    }

    [Fact]
    public void Every_vip_is_a_prefix_range_ipv6_as_128_and_cidrs_kept()
    {
        var snapshot = Translate(Waypoint + """
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata:
              name: ext
              namespace: infra
            spec:
              hosts: [ext.example.com]
              addresses: [240.0.0.1, "2001:DB8::1", 10.10.0.0/16, "fd00::/64"]
              ports:
              - number: 80
                name: http
                protocol: HTTP
              resolution: NONE
            """);

        AssertJson("""
            {"destinationPort":80,"prefixRanges":[
              {"addressPrefix":"240.0.0.1","prefixLen":32},
              {"addressPrefix":"2001:db8::1","prefixLen":128},
              {"addressPrefix":"10.10.0.0","prefixLen":16},
              {"addressPrefix":"fd00::","prefixLen":64}]}
            """, Chain(snapshot, "fc_http_80_ext_infra").FilterChainMatch);
    }

    [Fact]
    public void An_invalid_vip_is_dropped_with_a_warning_and_a_service_with_no_valid_vip_gets_no_chain()
    {
        var snapshot = Translate(Waypoint + """
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata:
              name: mixed
              namespace: infra
            spec:
              hosts: [mixed.example.com]
              addresses: [240.0.0.1, not-an-ip, 300.1.1.1]
              ports:
              - number: 80
                name: http
                protocol: HTTP
              resolution: DNS
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata:
              name: broken
              namespace: infra
            spec:
              hosts: [broken.example.com]
              addresses: [01.2.3.4]
              ports:
              - number: 81
                name: http
                protocol: HTTP
              resolution: DNS
            """);

        AssertJson("""{"destinationPort":80,"prefixRanges":[{"addressPrefix":"240.0.0.1","prefixLen":32}]}""", Chain(snapshot, "fc_http_80_mixed_infra").FilterChainMatch);
        Assert.DoesNotContain(Listener(snapshot).FilterChains, c => c.Name.Contains("broken", StringComparison.Ordinal));
        Assert.Contains(snapshot.Warnings, w => w.Subject == "ServiceEntry infra/mixed" && w.Message.Contains("'not-an-ip'", StringComparison.Ordinal));
        Assert.Contains(snapshot.Warnings, w => w.Subject == "ServiceEntry infra/mixed" && w.Message.Contains("'300.1.1.1'", StringComparison.Ordinal));
        Assert.Contains(snapshot.Warnings, w => w.Subject == "ServiceEntry infra/broken" && w.Message.Contains("no valid VIP", StringComparison.Ordinal));
    }

    [Fact]
    public void Chains_are_sorted_by_name_and_a_service_gets_one_chain_per_port()
    {
        var snapshot = Translate(Waypoint + """
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: multi
              namespace: infra
            spec:
              clusterIP: 1.2.3.4
              ports:
              - port: 9090
                name: grpc
              - port: 3306
                name: mysql
            """ + Service("alpha", "1.2.3.5", 8080));

        Assert.Equal(["fc_http_8080_alpha_infra", "fc_http_9090_multi_infra", "fc_tcp_3306_multi_infra"], Listener(snapshot).FilterChains.Select(c => c.Name));
    }

    [Fact]
    public void Nothing_captured_means_no_listener()
    {
        var snapshot = Translate(Waypoint.Replace("use-waypoint: example-waypoint", "use-waypoint: other", StringComparison.Ordinal) + Service("svc-a", "1.1.1.1", 5000));

        Assert.Empty(snapshot.Listeners);
        Assert.Empty(snapshot.Routes);
    }

    [Fact]
    public void A_service_and_a_serviceentry_claiming_the_same_vip_and_port_keep_one_chain_the_older_object_winning()
    {
        var serviceEntry = """
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata:
              name: twin
              namespace: infra
              creationTimestamp: "2024-01-01T00:00:00Z"
            spec:
              hosts: [twin.example.com]
              addresses: [1.1.1.1]
              ports:
              - number: 5000
                name: http
                protocol: HTTP
              resolution: DNS
            """;

        var snapshot = Translate(Waypoint + Service("svc-a", "1.1.1.1", 5000, created: "2025-01-01T00:00:00Z") + serviceEntry);

        var chain = Assert.Single(Listener(snapshot).FilterChains);
        Assert.Equal("fc_http_5000_twin_infra", chain.Name);
        Assert.Contains(snapshot.Warnings, w => w.Subject == "Service infra/svc-a" && w.Message.Contains("ServiceEntry infra/twin", StringComparison.Ordinal));
        // §9.3: "reports the conflict as a warning and in status": the waypoint Gateway's status names who lost what.
        var condition = Assert.Single(snapshot.GatewayStatuses["infra/example-waypoint"].Conditions!, static c => c.Type == "rulesmesh.dev/ServiceAddressConflicts");
        Assert.Equal(("True", "AddressesClaimedTwice"), (condition.Status, condition.Reason));
        Assert.Equal("Service infra/svc-a claims 1.1.1.1/32 port 5000, which ServiceEntry infra/twin keeps (the older service keeps an address; the other's chain loses it)", condition.Message);
    }

    [Fact]
    public void The_conflict_condition_is_a_status_the_gateway_schema_accepts()
    {
        // serve writes it to the API server, which checks a condition's type, reason and the list's length.
        var serviceEntry = """
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: { name: twin, namespace: infra }
            spec: { hosts: [twin.example.com], addresses: [1.1.1.1], ports: [{ number: 5000, name: http, protocol: HTTP }], resolution: DNS }
            """;
        var snapshot = Translate(Waypoint + Service("svc-a", "1.1.1.1", 5000) + serviceEntry);
        var status = XdsDocument.ToJson(snapshot)["statuses"]!["gateways"]!["infra/example-waypoint"]!.DeepClone();
        // The document leaves transition times out; the status writer stamps them.
        var conditions = status["conditions"]!.AsArray().Concat(status["listeners"]!.AsArray().SelectMany(static l => l!["conditions"]!.AsArray()));
        foreach (var condition in conditions)
        {
            condition!["lastTransitionTime"] = "2026-01-01T00:00:00Z";
        }

        var gateway = new System.Text.Json.Nodes.JsonObject
        {
            ["apiVersion"] = "gateway.networking.k8s.io/v1",
            ["kind"] = "Gateway",
            ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "example-waypoint", ["namespace"] = "infra" },
            ["spec"] = System.Text.Json.Nodes.JsonNode.Parse("""{ "gatewayClassName": "kgateway-waypoint", "listeners": [ { "name": "proxy", "port": 15088, "protocol": "istio.io/PROXY" } ] }"""),
            ["status"] = status,
        };

        var loaded = new RulesMesh.Loading.ManifestLoader().LoadText(gateway.ToJsonString(), "gateway.json");

        Assert.Contains(status["conditions"]!.AsArray(), static c => (string?)c!["type"] == "rulesmesh.dev/ServiceAddressConflicts");
        Assert.True(loaded.Diagnostics.Count == 0, string.Join("\n", loaded.Diagnostics.Select(static d => d.ToString())) + "\n" + gateway.ToJsonString());
    }

    [Fact]
    public void A_waypoint_without_conflicting_services_has_no_conflict_condition()
    {
        var snapshot = Translate(Waypoint + Service("svc-a", "1.1.1.1", 5000) + Service("svc-b", "1.1.1.2", 5000));

        Assert.DoesNotContain(snapshot.GatewayStatuses["infra/example-waypoint"].Conditions!, static c => c.Type == "rulesmesh.dev/ServiceAddressConflicts");
    }

    [Fact]
    public void Without_creation_times_the_smaller_kind_wins_and_a_partly_shared_chain_keeps_its_other_vips()
    {
        var serviceEntry = """
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata:
              name: twin
              namespace: infra
            spec:
              hosts: [twin.example.com]
              addresses: [1.1.1.1, 2.2.2.2]
              ports:
              - number: 5000
                name: http
                protocol: HTTP
              resolution: DNS
            """;

        var snapshot = Translate(Waypoint + Service("svc-a", "1.1.1.1", 5000) + serviceEntry);

        AssertJson("""{"destinationPort":5000,"prefixRanges":[{"addressPrefix":"1.1.1.1","prefixLen":32}]}""", Chain(snapshot, "fc_http_5000_svc-a_infra").FilterChainMatch);
        AssertJson("""{"destinationPort":5000,"prefixRanges":[{"addressPrefix":"2.2.2.2","prefixLen":32}]}""", Chain(snapshot, "fc_http_5000_twin_infra").FilterChainMatch);
        Assert.Contains(snapshot.Warnings, w => w.Subject == "ServiceEntry infra/twin" && w.Message.Contains("1.1.1.1/32", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1.2.3.4", "1.2.3.4", 32u)]
    [InlineData("10.0.0.0/8", "10.0.0.0", 8u)]
    [InlineData("10.1.2.3/24", "10.1.2.3", 24u)]
    [InlineData("::1", "::1", 128u)]
    [InlineData("::ffff:1.2.3.4", "::ffff:1.2.3.4", 128u)]
    [InlineData("2001:DB8:0:0::7/48", "2001:db8::7", 48u)]
    public void Cidr_ranges_follow_istio(string text, string address, uint prefix)
    {
        var range = CidrRanges.Parse(text);
        Assert.NotNull(range);
        Assert.Equal(address, range.AddressPrefix);
        Assert.Equal(prefix, range.PrefixLen);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4.5")]
    [InlineData("01.2.3.4")]
    [InlineData("1.2.3.4/33")]
    [InlineData("1.2.3.4/")]
    [InlineData("1.2.3.4/08")]
    [InlineData("::1/129")]
    [InlineData("fe80::1%eth0")]
    [InlineData("example.com")]
    public void Invalid_cidrs_are_rejected(string text) => Assert.Null(CidrRanges.Parse(text));
}
