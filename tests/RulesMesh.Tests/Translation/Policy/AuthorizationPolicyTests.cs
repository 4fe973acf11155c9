using RulesMesh.Translation.Output;
using static RulesMesh.Tests.Translation.Listeners.WaypointFixture;
using HttpRbac = Envoy.Extensions.Filters.Http.Rbac.V3.RBAC;
using NetworkRbac = Envoy.Extensions.Filters.Network.Rbac.V3.RBAC;

namespace RulesMesh.Tests.Translation.Policy;

/// <summary>AuthorizationPolicy → Envoy RBAC on waypoint chains, end to end, beyond what kgateway's goldens cover.</summary>
public sealed class AuthorizationPolicyTests
{
    private const string HttpChain = "fc_http_5000_svc-a_infra";
    private const string TcpChain = "fc_tcp_5432_db_infra";

    private static readonly string Services = Waypoint + Service("svc-a", "1.1.1.1", 5000) + Service("db", "10.0.0.7", 5432, portName: "tcp");

    [Fact]
    public void Audit_deny_and_allow_policies_each_get_one_filter_in_that_order_before_the_router()
    {
        var snapshot = Translate(Services
            + Policy("allow-a", "ALLOW", "  - to:\n    - operation:\n        methods: [GET]")
            + Policy("deny-a", "DENY", "  - to:\n    - operation:\n        methods: [DELETE]")
            + Policy("allow-b", "ALLOW", "  - to:\n    - operation:\n        methods: [POST]")
            + Policy("audit-a", "AUDIT", "  - {}"));

        var filters = Hcm(Chain(snapshot, HttpChain)).HttpFilters;
        Assert.Equal(["envoy.filters.http.rbac", "envoy.filters.http.rbac", "envoy.filters.http.rbac", "envoy.filters.http.router"], filters.Select(f => f.Name));
        var rbac = filters.Take(3).Select(f => f.TypedConfig.Unpack<HttpRbac>()).ToList();
        Assert.Equal(["LOG", "DENY", "ALLOW"], rbac.Select(r => r.Rules.Action.ToString().ToUpperInvariant()));
        Assert.Equal(["ns[infra]-policy[allow-a]-rule[0]", "ns[infra]-policy[allow-b]-rule[0]"], rbac[2].Rules.Policies.Keys.Order(StringComparer.Ordinal));
        Assert.All(rbac, r => Assert.Equal("istio_dry_run_allow_", r.ShadowRulesStatPrefix));
        AssertJson("""
            {"rules":{"action":"LOG","policies":{"ns[infra]-policy[audit-a]-rule[0]":{
              "permissions":[{"andRules":{"rules":[{"any":true}]}}],
              "principals":[{"andIds":{"ids":[{"any":true}]}}]}}},
             "shadowRulesStatPrefix":"istio_dry_run_allow_"}
            """, rbac[0]);
    }

    [Fact]
    public void Operations_become_and_rules_of_or_rules_hosts_methods_paths_ports_with_not_values_under_not()
    {
        var snapshot = Translate(Services + Policy("ops", "ALLOW", """
              - to:
                - operation:
                    ports: ["5000", "8080"]
                    paths: ["/api/*", "*.css", /exact, "*"]
                    notMethods: [DELETE]
                    hosts: ["*.example.com"]
                - operation:
                    notPaths: [/admin]
            """));

        AssertJson("""
            {"rules":{"policies":{"ns[infra]-policy[ops]-rule[0]":{
              "permissions":[
                {"andRules":{"rules":[
                  {"orRules":{"rules":[{"header":{"name":":authority","stringMatch":{"suffix":".example.com","ignoreCase":true}}}]}},
                  {"notRule":{"orRules":{"rules":[{"header":{"name":":method","stringMatch":{"exact":"DELETE"}}}]}}},
                  {"orRules":{"rules":[
                    {"urlPath":{"path":{"prefix":"/api/"}}},
                    {"urlPath":{"path":{"suffix":".css"}}},
                    {"urlPath":{"path":{"exact":"/exact"}}},
                    {"urlPath":{"path":{"safeRegex":{"regex":".+"}}}}]}},
                  {"orRules":{"rules":[{"destinationPort":5000},{"destinationPort":8080}]}}]}},
                {"andRules":{"rules":[{"notRule":{"orRules":{"rules":[{"urlPath":{"path":{"exact":"/admin"}}}]}}}]}}],
              "principals":[{"andIds":{"ids":[{"any":true}]}}]}}},
             "shadowRulesStatPrefix":"istio_dry_run_allow_"}
            """, SingleHttpRbac(snapshot, HttpChain));
    }

    [Fact]
    public void Sources_match_the_peer_principal_in_filter_state_and_ips_directly()
    {
        var snapshot = Translate(Services + Policy("from", "ALLOW", """
              - from:
                - source:
                    principals: [cluster.local/ns/foo/sa/bar, "*"]
                    notNamespaces: [kube-*]
                    ipBlocks: [10.0.0.0/8]
                - source:
                    remoteIpBlocks: [192.168.1.1]
                    serviceAccounts: [foo/bar]
            """));

        AssertJson("""
            {"rules":{"policies":{"ns[infra]-policy[from]-rule[0]":{
              "permissions":[{"andRules":{"rules":[{"any":true}]}}],
              "principals":[
                {"andIds":{"ids":[
                  {"orIds":{"ids":[
                    {"filterState":{"key":"io.istio.peer_principal","stringMatch":{"exact":"spiffe://cluster.local/ns/foo/sa/bar"}}},
                    {"filterState":{"key":"io.istio.peer_principal","stringMatch":{"safeRegex":{"regex":".+"}}}}]}},
                  {"notId":{"orIds":{"ids":[{"filterState":{"key":"io.istio.peer_principal","stringMatch":{"safeRegex":{"regex":".*/ns/kube-.*/.*"}}}}]}}},
                  {"orIds":{"ids":[{"directRemoteIp":{"addressPrefix":"10.0.0.0","prefixLen":8}}]}}]}},
                {"andIds":{"ids":[
                  {"orIds":{"ids":[{"filterState":{"key":"io.istio.peer_principal","stringMatch":{"suffix":"/ns/foo/sa/bar"}}}]}},
                  {"orIds":{"ids":[{"remoteIp":{"addressPrefix":"192.168.1.1","prefixLen":32}}]}}]}}]}}},
             "shadowRulesStatPrefix":"istio_dry_run_allow_"}
            """, SingleHttpRbac(snapshot, HttpChain));
    }

    [Fact]
    public void When_conditions_join_the_principals_or_the_permissions_of_every_alternative()
    {
        var snapshot = Translate(Services + Policy("when", "DENY", """
              - from:
                - source:
                    namespaces: [foo]
                to:
                - operation:
                    methods: [GET]
                when:
                - key: request.headers[x-user]
                  values: [alice, "adm*", "*"]
                  notValues: ["*bot"]
                - key: destination.port
                  values: ["5000"]
                - key: source.ip
                  values: [10.1.0.0/16]
                - key: request.auth.claims[groups][team]
                  values: [a]
            """));

        AssertJson("""
            {"rules":{"action":"DENY","policies":{"ns[infra]-policy[when]-rule[0]":{
              "permissions":[{"andRules":{"rules":[
                {"orRules":{"rules":[{"header":{"name":":method","stringMatch":{"exact":"GET"}}}]}},
                {"orRules":{"rules":[{"destinationPort":5000}]}}]}}],
              "principals":[{"andIds":{"ids":[
                {"orIds":{"ids":[{"filterState":{"key":"io.istio.peer_principal","stringMatch":{"safeRegex":{"regex":".*/ns/foo/.*"}}}}]}},
                {"orIds":{"ids":[
                  {"header":{"name":"x-user","stringMatch":{"exact":"alice"}}},
                  {"header":{"name":"x-user","stringMatch":{"prefix":"adm"}}},
                  {"header":{"name":"x-user","presentMatch":true}}]}},
                {"notId":{"orIds":{"ids":[{"header":{"name":"x-user","stringMatch":{"suffix":"bot"}}}]}}},
                {"orIds":{"ids":[{"directRemoteIp":{"addressPrefix":"10.1.0.0","prefixLen":16}}]}},
                {"orIds":{"ids":[{"metadata":{"filter":"istio_authn","path":[{"key":"request.auth.claims"},{"key":"groups"},{"key":"team"}],
                  "value":{"listMatch":{"oneOf":{"stringMatch":{"exact":"a"}}}}}}]}}]}}]}}},
             "shadowRulesStatPrefix":"istio_dry_run_allow_"}
            """, SingleHttpRbac(snapshot, HttpChain));
    }

    [Fact]
    public void A_rule_with_an_unknown_when_key_is_skipped_with_a_warning()
    {
        var snapshot = Translate(Services + Policy("odd", "ALLOW", """
              - when:
                - key: request.weather
                  values: [sunny]
              - to:
                - operation:
                    methods: [GET]
            """));

        var rbac = SingleHttpRbac(snapshot, HttpChain);
        Assert.Equal(["ns[infra]-policy[odd]-rule[1]"], rbac.Rules.Policies.Keys);
        Assert.Contains(snapshot.Warnings, w => w.Subject == "AuthorizationPolicy infra/odd" && w.Message.Contains("request.weather", StringComparison.Ordinal));
    }

    [Fact]
    public void An_invalid_value_skips_an_allow_rule_but_only_the_value_of_a_deny_rule()
    {
        var snapshot = Translate(Services
            + Policy("allow-bad-port", "ALLOW", "  - to:\n    - operation:\n        ports: [\"http\"]\n        methods: [GET]")
            + Policy("deny-bad-port", "DENY", "  - to:\n    - operation:\n        ports: [\"http\"]\n        methods: [GET]"));

        var filters = Hcm(Chain(snapshot, HttpChain)).HttpFilters.Where(f => f.Name == "envoy.filters.http.rbac").Select(f => f.TypedConfig.Unpack<HttpRbac>()).ToList();
        Assert.Equal(2, filters.Count);
        AssertJson("""
            {"rules":{"action":"DENY","policies":{"ns[infra]-policy[deny-bad-port]-rule[0]":{
              "permissions":[{"andRules":{"rules":[{"orRules":{"rules":[{"header":{"name":":method","stringMatch":{"exact":"GET"}}}]}}]}}],
              "principals":[{"andIds":{"ids":[{"any":true}]}}]}}},
             "shadowRulesStatPrefix":"istio_dry_run_allow_"}
            """, filters[0]);
        // The ALLOW filter stays, with no policy: it allows nothing.
        AssertJson("""{"rules":{},"shadowRulesStatPrefix":"istio_dry_run_allow_"}""", filters[1]);
        Assert.Contains(snapshot.Warnings, w => w.Subject == "AuthorizationPolicy infra/allow-bad-port" && w.Message.Contains("skipped", StringComparison.Ordinal));
        Assert.Contains(snapshot.Warnings, w => w.Subject == "AuthorizationPolicy infra/deny-bad-port" && w.Message.Contains("matches more", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ALLOW", "")]
    [InlineData("DENY", "\"action\":\"DENY\",")]
    public void A_policy_without_rules_is_one_policy_that_never_matches(string action, string actionJson)
    {
        var snapshot = Translate(Services + Policy("empty", action, rules: null));

        AssertJson("{\"rules\":{" + actionJson + """
            "policies":{"ns[infra]-policy[empty]-rule[0]":{
              "permissions":[{"notRule":{"any":true}}],
              "principals":[{"notId":{"any":true}}]}}},
             "shadowRulesStatPrefix":"istio_dry_run_allow_"}
            """, SingleHttpRbac(snapshot, HttpChain));
    }

    [Fact]
    public void Custom_policies_are_dropped_with_a_warning()
    {
        var snapshot = Translate(Services + Policy("ext", "CUSTOM", "  - {}", extraSpec: "  provider:\n    name: ext-authz\n"));

        Assert.Equal(["envoy.filters.http.router"], Hcm(Chain(snapshot, HttpChain)).HttpFilters.Select(f => f.Name));
        Assert.Contains(snapshot.Warnings, w => w.Subject == "AuthorizationPolicy infra/ext" && w.Message.Contains("CUSTOM", StringComparison.Ordinal));
    }

    [Fact]
    public void A_dry_run_policy_goes_to_the_shadow_rules()
    {
        var snapshot = Translate(Services + Policy("trial", "DENY", "  - {}", annotations: "    istio.io/dry-run: \"true\"\n"));

        AssertJson("""
            {"shadowRules":{"action":"DENY","policies":{"ns[infra]-policy[trial]-rule[0]":{
              "permissions":[{"andRules":{"rules":[{"any":true}]}}],
              "principals":[{"andIds":{"ids":[{"any":true}]}}]}}},
             "shadowRulesStatPrefix":"istio_dry_run_allow_"}
            """, SingleHttpRbac(snapshot, HttpChain));
    }

    [Fact]
    public void Policies_not_targeting_the_service_or_waypoint_add_nothing()
    {
        var snapshot = Translate(Services
            + Policy("other", "DENY", "  - {}", target: "  - group: \"\"\n    kind: Service\n    name: elsewhere\n")
            + """
            ---
            apiVersion: security.istio.io/v1
            kind: AuthorizationPolicy
            metadata:
              name: selector
              namespace: infra
            spec:
              action: DENY
              selector:
                matchLabels:
                  app: svc-a
              rules:
              - {}
            """);

        Assert.Equal(["envoy.filters.http.router"], Hcm(Chain(snapshot, HttpChain)).HttpFilters.Select(f => f.Name));
        Assert.Equal(["proxy_protocol_authority", "envoy.filters.network.tcp_proxy"], Chain(snapshot, TcpChain).Filters.Select(f => f.Name));
    }

    [Fact]
    public void A_v1beta1_policy_applies_like_a_v1_one()
    {
        var snapshot = Translate(Services + Policy("old", "DENY", "  - {}").Replace("security.istio.io/v1", "security.istio.io/v1beta1", StringComparison.Ordinal));

        Assert.Equal(["ns[infra]-policy[old]-rule[0]"], SingleHttpRbac(snapshot, HttpChain).Rules.Policies.Keys);
    }

    [Theory]
    [InlineData("istio-system", true)]
    [InlineData("infra", false)]
    [InlineData("kgateway-system", false)]
    public void A_gatewayclass_policy_applies_to_every_service_only_from_the_root_namespace(string ns, bool applies)
    {
        var target = "  - group: gateway.networking.k8s.io\n    kind: GatewayClass\n    name: kgateway-waypoint\n";
        var snapshot = Translate(Services + Policy("class", "DENY", "  - {}", target: target, ns: ns));

        Assert.Equal(applies ? 2 : 1, Hcm(Chain(snapshot, HttpChain)).HttpFilters.Count);
        Assert.Equal(applies ? 3 : 2, Chain(snapshot, TcpChain).Filters.Count);
    }

    [Fact]
    public void A_gateway_policy_and_a_service_policy_both_apply_once_each()
    {
        var gateway = "  - group: gateway.networking.k8s.io\n    kind: Gateway\n    name: example-waypoint\n";
        var both = gateway + "  - group: \"\"\n    kind: Service\n    name: svc-a\n";
        var snapshot = Translate(Services + Policy("gw", "DENY", "  - {}", target: both) + Policy("svc", "DENY", "  - {}"));

        Assert.Equal(["ns[infra]-policy[gw]-rule[0]", "ns[infra]-policy[svc]-rule[0]"], SingleHttpRbac(snapshot, HttpChain).Rules.Policies.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Tcp_chains_get_network_rbac_before_tcp_proxy()
    {
        var target = "  - group: \"\"\n    kind: Service\n    name: db\n";
        var snapshot = Translate(Services + Policy("db-deny", "DENY", "  - from:\n    - source:\n        ipBlocks: [10.9.0.0/16]", target: target));

        var chain = Chain(snapshot, TcpChain);
        Assert.Equal(["proxy_protocol_authority", "envoy.filters.network.rbac", "envoy.filters.network.tcp_proxy"], chain.Filters.Select(f => f.Name));
        AssertJson("""
            {"statPrefix":"tcp.","rules":{"action":"DENY","policies":{"ns[infra]-policy[db-deny]-rule[0]":{
              "permissions":[{"andRules":{"rules":[{"any":true}]}}],
              "principals":[{"andIds":{"ids":[{"orIds":{"ids":[{"directRemoteIp":{"addressPrefix":"10.9.0.0","prefixLen":16}}]}}]}}]}}},
             "shadowRulesStatPrefix":"istio_dry_run_allow_"}
            """, chain.Filters[1].TypedConfig.Unpack<NetworkRbac>());
    }

    [Fact]
    public void On_tcp_chains_http_only_fields_skip_allow_rules_and_widen_deny_rules()
    {
        var target = "  - group: \"\"\n    kind: Service\n    name: db\n";
        var snapshot = Translate(Services
            + Policy("allow-get", "ALLOW", "  - to:\n    - operation:\n        methods: [GET]\n  - to:\n    - operation:\n        ports: [\"5432\"]", target: target)
            + Policy("deny-get", "DENY", "  - to:\n    - operation:\n        methods: [GET]", target: target));

        var filters = Chain(snapshot, TcpChain).Filters.Where(f => f.Name == "envoy.filters.network.rbac").Select(f => f.TypedConfig.Unpack<NetworkRbac>()).ToList();
        Assert.Equal(2, filters.Count);
        AssertJson("""
            {"statPrefix":"tcp.","rules":{"action":"DENY","policies":{"ns[infra]-policy[deny-get]-rule[0]":{
              "permissions":[{"andRules":{"rules":[{"any":true}]}}],
              "principals":[{"andIds":{"ids":[{"any":true}]}}]}}},
             "shadowRulesStatPrefix":"istio_dry_run_allow_"}
            """, filters[0]);
        AssertJson("""
            {"statPrefix":"tcp.","rules":{"policies":{"ns[infra]-policy[allow-get]-rule[1]":{
              "permissions":[{"andRules":{"rules":[{"orRules":{"rules":[{"destinationPort":5432}]}}]}}],
              "principals":[{"andIds":{"ids":[{"any":true}]}}]}}},
             "shadowRulesStatPrefix":"istio_dry_run_allow_"}
            """, filters[1]);
        Assert.Contains(snapshot.Warnings, w => w.Subject == "AuthorizationPolicy infra/allow-get" && w.Message.Contains("TCP", StringComparison.Ordinal));
    }

    [Fact]
    public void A_service_with_http_and_tcp_ports_gets_http_rbac_on_one_and_network_rbac_on_the_other()
    {
        var snapshot = Translate(Waypoint + """
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: mixed
              namespace: infra
            spec:
              clusterIP: 1.2.3.4
              ports:
              - port: 80
                name: http
              - port: 6379
                name: redis
            """ + Policy("deny", "DENY", "  - {}", target: "  - group: \"\"\n    kind: Service\n    name: mixed\n"));

        Assert.Equal("envoy.filters.http.rbac", Hcm(Chain(snapshot, "fc_http_80_mixed_infra")).HttpFilters[0].Name);
        Assert.Equal("envoy.filters.network.rbac", Chain(snapshot, "fc_tcp_6379_mixed_infra").Filters[1].Name);
    }

    private static HttpRbac SingleHttpRbac(XdsSnapshot snapshot, string chain)
        => Assert.Single(Hcm(Chain(snapshot, chain)).HttpFilters, f => f.Name == "envoy.filters.http.rbac").TypedConfig.Unpack<HttpRbac>();

    /// <summary>An AuthorizationPolicy; <paramref name="rules"/> is the indented body of <c>rules:</c> (null: no rules).</summary>
    private static string Policy(string name, string action, string? rules, string? target = null, string ns = "infra", string? annotations = null, string extraSpec = "")
    {
        target ??= "  - group: \"\"\n    kind: Service\n    name: svc-a\n";
        var meta = annotations is null ? string.Empty : "  annotations:\n" + annotations;
        var rulesBlock = rules is null ? string.Empty : "  rules:\n" + rules.TrimEnd('\n') + "\n";
        return "\n---\napiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n"
            + $"  name: {name}\n  namespace: {ns}\n{meta}spec:\n  action: {action}\n{extraSpec}{rulesBlock}  targetRefs:\n{target}";
    }
}
