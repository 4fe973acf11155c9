using RulesMesh.Loading;
using RulesMesh.Validation;

namespace RulesMesh.Tests.Validation;

/// <summary>
/// Istio's webhook checks (docs/spec/istio-gatewayapi.md §4.3) run as validation-stage rules: a refused object is left
/// out with an error at its field, and the other objects are kept.
/// </summary>
public sealed class IstioValidationRuleTests
{
    private static LoadResult Validate(string yaml)
        => ObjectValidation.Apply(new ManifestLoader().LoadText(yaml, "x.yaml"), WaypointPipelines.Create(WaypointPipelines.DefaultProfile));

    private static string Entry(string spec) => $$"""
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: se, namespace: infra}
        spec:
        {{spec}}
        """;

    [Theory]
    [InlineData("  hosts: [\"bad host\"]\n  resolution: DNS", "spec.hosts[0]")]
    [InlineData("  hosts: [\"\"]\n  resolution: DNS", "spec.hosts[0]")]
    [InlineData("  hosts: [10.1.2.3]\n  resolution: NONE", "spec.hosts[0]")]
    [InlineData("  hosts: [\"*.example.com\"]\n  resolution: DNS", "spec.hosts[0]")]
    [InlineData("  hosts: [a.example.com]\n  resolution: DYNAMIC_DNS", "spec.hosts[0]")]
    [InlineData("  hosts: [\"*.example.com\"]\n  ports: [{number: 5432, name: db, protocol: TCP}]\n  resolution: DYNAMIC_DNS", "spec.ports[0].protocol")]
    [InlineData("  hosts: [a.example.com]\n  addresses: [nope]", "spec.addresses[0]")]
    [InlineData("  hosts: [a.example.com]\n  ports: [{number: 1, name: p, protocol: QUIC}]", "spec.ports[0].protocol")]
    [InlineData("  hosts: [a.example.com]\n  ports: [{number: 1, name: p}, {number: 2, name: p}]", "spec.ports[1].name")]
    [InlineData("  hosts: [a.example.com, b.example.com]\n  ports: [{number: 1, name: p, protocol: TCP}]\n  resolution: DNS", "spec.ports[0].protocol")]
    [InlineData("  hosts: [a.example.com]\n  resolution: STATIC\n  endpoints: [{address: db.example.com}]", "spec.endpoints[0].address")]
    [InlineData("  hosts: [a.example.com]\n  resolution: DNS\n  endpoints: [{address: \"*.example.com\"}]", "spec.endpoints[0].address")]
    [InlineData("  hosts: [a.example.com]\n  ports: [{number: 1, name: p}]\n  resolution: STATIC\n  endpoints: [{address: 10.0.0.1, ports: {q: 2}}]", "spec.endpoints[0].ports.q")]
    public void A_ServiceEntry_Istio_refuses_is_left_out_with_an_error_at_its_field(string spec, string field)
    {
        var result = Validate(Entry(spec));

        Assert.Empty(result.Resources);
        Assert.Equal(field, Assert.Single(result.Diagnostics).FieldPath);
    }

    [Theory]
    [InlineData("  hosts: [\"*.example.com\"]\n  resolution: NONE")]
    [InlineData("  hosts: [\"*.example.com\"]\n  ports: [{number: 80, name: http, protocol: HTTP}]\n  resolution: DYNAMIC_DNS")]
    [InlineData("  hosts: [a.example.com, b.example.com]\n  ports: [{number: 80, name: http, protocol: http}, {number: 443, name: tls, protocol: TLS}]\n  resolution: DNS")]
    [InlineData("  hosts: [a.example.com]\n  addresses: [10.0.0.0/8, \"2001:db8::1\"]\n  ports: [{number: 5432, name: db, protocol: TCP}]\n  resolution: STATIC\n  endpoints: [{address: 10.0.0.1, ports: {db: 5433}}, {address: \"unix:///run/db.sock\"}]")]
    [InlineData("  hosts: [a.example.com]\n  resolution: DNS\n  endpoints: [{address: db.example.com}, {address: 10.0.0.1}]")]
    public void A_ServiceEntry_Istio_accepts_is_kept(string spec)
    {
        var result = Validate(Entry(spec));

        Assert.Empty(result.Diagnostics);
        Assert.Single(result.Resources);
    }

    [Theory]
    [InlineData("MESH_INTERNAL", "waypoint", 1)]
    [InlineData("MESH_INTERNAL", "None", 0)]
    [InlineData("MESH_INTERNAL", "", 0)]
    [InlineData("MESH_EXTERNAL", "waypoint", 0)]
    public void A_dynamic_dns_ServiceEntry_bound_to_a_waypoint_must_be_mesh_external(string location, string waypoint, int errors)
    {
        var result = Validate($$"""
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata:
              name: se
              namespace: infra
              labels: { istio.io/use-waypoint: "{{waypoint}}" }
            spec:
              hosts: ["*.example.com"]
              location: {{location}}
              ports: [{number: 80, name: http, protocol: HTTP}]
              resolution: DYNAMIC_DNS
            """);

        Assert.Equal(errors, result.Diagnostics.Count);
        Assert.All(result.Diagnostics, static d => Assert.Equal("spec.location", d.FieldPath));
    }

    [Theory]
    [InlineData("", "spec.host")]
    [InlineData("\"*\"", "spec.host")]
    [InlineData("\"a b\"", "spec.host")]
    public void A_DestinationRule_host_that_names_no_service_is_refused(string host, string field)
        => Assert.Equal(field, Assert.Single(Validate($"apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {{name: dr, namespace: infra}}\nspec: {{host: {(host.Length == 0 ? "\"\"" : host)}}}").Diagnostics).FieldPath);

    [Fact]
    public void A_DestinationRule_for_a_wildcard_domain_is_kept()
        => Assert.Empty(Validate("apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: dr, namespace: infra}\nspec: {host: \"*.example.com\"}").Diagnostics);

    [Theory]
    [InlineData("trafficPolicy: {outlierDetection: {maxEjectionPercent: 200}}", "spec.trafficPolicy.outlierDetection.maxEjectionPercent")]
    [InlineData("trafficPolicy: {outlierDetection: {minHealthPercent: -5}}", "spec.trafficPolicy.outlierDetection.minHealthPercent")]
    [InlineData("trafficPolicy: {loadBalancer: {consistentHash: {httpHeaderName: \"bad header\"}}}", "spec.trafficPolicy.loadBalancer.consistentHash.httpHeaderName")]
    [InlineData("trafficPolicy: {loadBalancer: {consistentHash: {httpCookie: {name: \"\"}}}}", "spec.trafficPolicy.loadBalancer.consistentHash.httpCookie.name")]
    [InlineData("trafficPolicy: {loadBalancer: {consistentHash: {ringHash: {minimumRingSize: 99999999999}}}}", "spec.trafficPolicy.loadBalancer.consistentHash.ringHash.minimumRingSize")]
    [InlineData("trafficPolicy: {loadBalancer: {consistentHash: {maglev: {tableSize: 4}}}}", "spec.trafficPolicy.loadBalancer.consistentHash.maglev.tableSize")]
    [InlineData("trafficPolicy: {portLevelSettings: [{port: {number: 80}, outlierDetection: {maxEjectionPercent: 101}}]}", "spec.trafficPolicy.portLevelSettings[0].outlierDetection.maxEjectionPercent")]
    [InlineData("subsets: [{name: v1, labels: {v: \"1\"}, trafficPolicy: {loadBalancer: {consistentHash: {maglev: {tableSize: 5000012}}}}}]", "spec.subsets[0].trafficPolicy.loadBalancer.consistentHash.maglev.tableSize")]
    public void A_DestinationRule_value_Envoy_would_refuse_is_refused_at_its_field(string policy, string field)
        => Assert.Equal(field, Assert.Single(Validate($"apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {{name: dr, namespace: infra}}\nspec: {{host: reviews.example.com, {policy}}}").Diagnostics).FieldPath);

    [Fact]
    public void A_DestinationRule_with_values_Envoy_takes_is_kept()
        => Assert.Empty(Validate("apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: dr, namespace: infra}\nspec: {host: reviews.example.com, trafficPolicy: {outlierDetection: {maxEjectionPercent: 100, minHealthPercent: 0}, loadBalancer: {consistentHash: {httpHeaderName: x-user, maglev: {tableSize: 65537}}}}}").Diagnostics);

    // Istio's validateTrafficPolicy and validateSubset: "portTrafficPolicy must have valid port", "port traffic policy
    // must have at least one field", "max connections must be non-negative", "total locality weight != 100",
    // "can not simultaneously specify 'distribute' and 'failover'", "locality lb failover settings must specify
    // different regions", "duplicate subset names", "name must be valid DNS1123 label", "invalid tag key". Istio's own
    // label patterns (pkg/config/labels) take letters of either case and set no length on a selector's keys and values.
    [Theory]
    [InlineData("trafficPolicy: {portLevelSettings: [{outlierDetection: {consecutive5xxErrors: 7}}]}", "spec.trafficPolicy.portLevelSettings[0].port")]
    [InlineData("trafficPolicy: {portLevelSettings: [{port: {number: 80}}]}", "spec.trafficPolicy.portLevelSettings[0]")]
    [InlineData("trafficPolicy: {connectionPool: {tcp: {maxConnections: -1}}}", "spec.trafficPolicy.connectionPool.tcp.maxConnections")]
    [InlineData("trafficPolicy: {connectionPool: {http: {maxRetries: -2}}}", "spec.trafficPolicy.connectionPool.http.maxRetries")]
    [InlineData("trafficPolicy: {portLevelSettings: [{port: {number: 80}, connectionPool: {http: {http2MaxRequests: -1}}}]}", "spec.trafficPolicy.portLevelSettings[0].connectionPool.http.http2MaxRequests")]
    [InlineData("trafficPolicy: {loadBalancer: {localityLbSetting: {distribute: [{from: \"eu-west-1/*\", to: {\"eu-west-1/a/*\": 60, \"eu-west-1/b/*\": 30}}]}}}", "spec.trafficPolicy.loadBalancer.localityLbSetting.distribute[0].to")]
    [InlineData("trafficPolicy: {loadBalancer: {localityLbSetting: {distribute: [{from: \"a/*\", to: {\"a/*\": 100}}], failover: [{from: a, to: b}]}}}", "spec.trafficPolicy.loadBalancer.localityLbSetting")]
    [InlineData("trafficPolicy: {loadBalancer: {localityLbSetting: {failover: [{from: us-east, to: us-east}]}}}", "spec.trafficPolicy.loadBalancer.localityLbSetting.failover[0]")]
    [InlineData("trafficPolicy: {loadBalancer: {localityLbSetting: {failover: [{from: us-east, to: us-west/zone-a}]}}}", "spec.trafficPolicy.loadBalancer.localityLbSetting.failover[0]")]
    [InlineData("subsets: [{name: v1, labels: {version: v1}}, {name: v1, labels: {version: v2}}]", "spec.subsets[1].name")]
    [InlineData("subsets: [{name: Not_A_Label, labels: {version: v1}}]", "spec.subsets[0].name")]
    [InlineData("subsets: [{name: v1, labels: {\"bad key!\": x}}]", "spec.subsets[0].labels['bad key!']")]
    [InlineData("subsets: [{name: v1, labels: {version: \"not a value\"}}]", "spec.subsets[0].labels.version")]
    public void A_DestinationRule_Istio_webhook_refuses_is_refused_at_its_field(string policy, string field)
        => Assert.Equal(field, Assert.Single(Validate($"apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {{name: dr, namespace: infra}}\nspec: {{host: reviews.example.com, {policy}}}").Diagnostics).FieldPath);

    [Fact]
    public void A_DestinationRule_Istio_webhook_accepts_is_kept()
        => Assert.Empty(Validate("""
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: dr, namespace: infra}
            spec:
              host: reviews.example.com
              trafficPolicy:
                connectionPool: {tcp: {maxConnections: 0}, http: {maxRetries: 3}}
                loadBalancer: {localityLbSetting: {distribute: [{from: "eu-west-1/*", to: {"eu-west-1/a/*": 60, "eu-west-1/b/*": 40}}]}}
                portLevelSettings: [{port: {number: 80}, connectionPool: {tcp: {maxConnections: 10}}}]
              subsets:
              - {name: v1, labels: {app.kubernetes.io/version: "1.0", track: ""}}
              - {name: v2, trafficPolicy: {loadBalancer: {localityLbSetting: {failover: [{from: us-east, to: us-west}]}}}}
              - {name: Canary-Blue, labels: {Example.COM/Track: Blue}}
              - {name: long, labels: {build: "a-label-value-longer-than-the-sixty-three-characters-the-api-server-allows-x"}}
            """).Diagnostics);

    [Theory]
    [InlineData("not an address", 1)]
    [InlineData("10.0.0.1", 0)]
    [InlineData("vm.example.com", 0)]
    [InlineData("unix:///run/vm.sock", 0)]
    public void A_WorkloadEntry_address_must_be_an_ip_a_dns_name_or_a_unix_socket(string address, int errors)
        => Assert.Equal(errors, Validate($"apiVersion: networking.istio.io/v1\nkind: WorkloadEntry\nmetadata: {{name: we, namespace: infra}}\nspec: {{address: \"{address}\"}}").Diagnostics.Count);

    [Theory]
    [InlineData("action: CUSTOM", "spec.provider")]
    [InlineData("action: ALLOW\n  provider: {name: authz}", "spec.provider")]
    [InlineData("action: ALLOW\n  rules: [{from: [{}]}]", "spec.rules[0].from[0]")]
    [InlineData("action: ALLOW\n  rules: [{to: [{}]}]", "spec.rules[0].to[0]")]
    [InlineData("action: ALLOW\n  rules: [{when: [{key: \"request.auth.claims[iss]\"}]}]", "spec.rules[0].when[0]")]
    public void An_AuthorizationPolicy_Istio_refuses_is_left_out(string spec, string field)
        => Assert.Equal(field, Assert.Single(Validate($"apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {{name: ap, namespace: infra}}\nspec:\n  {spec}").Diagnostics).FieldPath);

    [Fact]
    public void A_CUSTOM_policy_with_a_provider_is_kept()
        => Assert.Empty(Validate("apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: ap, namespace: infra}\nspec:\n  action: CUSTOM\n  provider: {name: authz}\n  rules: [{to: [{operation: {paths: [/admin]}}]}]").Diagnostics);

    // Istio's ValidateAuthorizationPolicy with pkg/config/security's ValidateIPs (netip: strict IPv4, a prefix within
    // the family's bits), ValidatePorts (an integer 0..65535), CheckEmptyValues and ValidateAttribute (the known
    // condition keys; request.headers and request.auth.claims in the form name[key]).
    [Theory]
    [InlineData("from: [{source: {ipBlocks: [\"10.0.0.0/33\"]}}]", "spec.rules[0].from[0].source.ipBlocks[0]")]
    [InlineData("from: [{source: {ipBlocks: [not-an-ip]}}]", "spec.rules[0].from[0].source.ipBlocks[0]")]
    [InlineData("from: [{source: {ipBlocks: [10.0.0.1, \"\"]}}]", "spec.rules[0].from[0].source.ipBlocks[1]")]
    [InlineData("from: [{source: {notIpBlocks: [\"2001:db8::/129\"]}}]", "spec.rules[0].from[0].source.notIpBlocks[0]")]
    [InlineData("from: [{source: {remoteIpBlocks: [010.0.0.1]}}]", "spec.rules[0].from[0].source.remoteIpBlocks[0]")]
    [InlineData("from: [{source: {notRemoteIpBlocks: [10.0.0]}}]", "spec.rules[0].from[0].source.notRemoteIpBlocks[0]")]
    [InlineData("from: [{source: {principals: [\"\"]}}]", "spec.rules[0].from[0].source.principals[0]")]
    [InlineData("from: [{source: {notPrincipals: [\"\"]}}]", "spec.rules[0].from[0].source.notPrincipals[0]")]
    [InlineData("from: [{source: {requestPrincipals: [\"\"]}}]", "spec.rules[0].from[0].source.requestPrincipals[0]")]
    [InlineData("from: [{source: {notRequestPrincipals: [\"\"]}}]", "spec.rules[0].from[0].source.notRequestPrincipals[0]")]
    [InlineData("from: [{source: {namespaces: [\"\"]}}]", "spec.rules[0].from[0].source.namespaces[0]")]
    [InlineData("from: [{source: {notNamespaces: [\"\"]}}]", "spec.rules[0].from[0].source.notNamespaces[0]")]
    [InlineData("from: [{source: {}}]", "spec.rules[0].from[0].source")]
    [InlineData("to: [{operation: {ports: [abc]}}]", "spec.rules[0].to[0].operation.ports[0]")]
    [InlineData("to: [{operation: {ports: [\"8080\", \"70000\"]}}]", "spec.rules[0].to[0].operation.ports[1]")]
    [InlineData("to: [{operation: {notPorts: [\"-1\"]}}]", "spec.rules[0].to[0].operation.notPorts[0]")]
    [InlineData("to: [{operation: {ports: [\"\"]}}]", "spec.rules[0].to[0].operation.ports[0]")]
    [InlineData("to: [{operation: {hosts: [\"\"]}}]", "spec.rules[0].to[0].operation.hosts[0]")]
    [InlineData("to: [{operation: {notHosts: [\"\"]}}]", "spec.rules[0].to[0].operation.notHosts[0]")]
    [InlineData("to: [{operation: {methods: [GET, \"\"]}}]", "spec.rules[0].to[0].operation.methods[1]")]
    [InlineData("to: [{operation: {notMethods: [\"\"]}}]", "spec.rules[0].to[0].operation.notMethods[0]")]
    [InlineData("to: [{operation: {paths: [\"\"]}}]", "spec.rules[0].to[0].operation.paths[0]")]
    [InlineData("to: [{operation: {notPaths: [\"\"]}}]", "spec.rules[0].to[0].operation.notPaths[0]")]
    [InlineData("to: [{operation: {}}]", "spec.rules[0].to[0].operation")]
    [InlineData("when: [{key: \"request.headers[\", values: [x]}]", "spec.rules[0].when[0].key")]
    [InlineData("when: [{key: request.headers, values: [x]}]", "spec.rules[0].when[0].key")]
    [InlineData("when: [{key: \"request.auth.claims[]\", values: [x]}]", "spec.rules[0].when[0].key")]
    [InlineData("when: [{key: nonsense.key, values: [x]}]", "spec.rules[0].when[0].key")]
    [InlineData("when: [{key: source.serviceAccount, values: [x]}]", "spec.rules[0].when[0].key")]
    [InlineData("when: [{key: \"\", values: [x]}]", "spec.rules[0].when[0].key")]
    [InlineData("when: [{key: source.ip, values: [\"10.0.0.0/40\"]}]", "spec.rules[0].when[0].values[0]")]
    [InlineData("when: [{key: remote.ip, notValues: [nope]}]", "spec.rules[0].when[0].notValues[0]")]
    [InlineData("when: [{key: destination.ip, values: [\"10.0.0.1\", \"fe80::/200\"]}]", "spec.rules[0].when[0].values[1]")]
    [InlineData("when: [{key: destination.port, notValues: [http]}]", "spec.rules[0].when[0].notValues[0]")]
    [InlineData("when: [{key: source.namespace, values: [\"\"]}]", "spec.rules[0].when[0].values[0]")]
    [InlineData("when: [{key: connection.sni, notValues: [\"\"]}]", "spec.rules[0].when[0].notValues[0]")]
    public void An_AuthorizationPolicy_rule_value_Istio_refuses_is_refused_at_its_field(string rule, string field)
        => Assert.Equal(field, Assert.Single(Validate($"apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {{name: ap, namespace: infra}}\nspec:\n  action: ALLOW\n  rules: [{{{rule}}}]").Diagnostics).FieldPath);

    [Fact]
    public void An_AuthorizationPolicy_with_edge_values_Istio_takes_is_kept()
    {
        var result = Validate("""
            apiVersion: security.istio.io/v1
            kind: AuthorizationPolicy
            metadata: {name: ap, namespace: infra}
            spec:
              targetRefs: [{group: "", kind: Service, name: catalog}]
              action: DENY
              rules:
              - from:
                - source:
                    ipBlocks: ["2001:db8::/32", 10.0.0.0/8, 192.168.1.1, "::1"]
                    notRemoteIpBlocks: ["fd00::/8", 10.1.2.3/32]
                    principals: ["cluster.local/ns/a/sa/b", "*"]
                    notNamespaces: [kube-system]
                to:
                - operation:
                    hosts: ["*", "*.example.com", "example.com:8080"]
                    notHosts: [admin.example.com]
                    ports: ["8080", "0", "65535"]
                    notPorts: ["443"]
                    methods: [GET]
                    paths: ["/api/*", "*.js"]
                when:
                - {key: "request.auth.claims[groups]", values: [admins]}
                - {key: "request.auth.claims[nested][key]", values: ["*"]}
                - {key: "request.headers[x-user]", notValues: [bob]}
                - {key: destination.port, values: ["8080"]}
                - {key: remote.ip, values: ["fd00::1", 10.0.0.0/24]}
                - {key: connection.sni, values: ["*.example.com"]}
                - {key: "experimental.envoy.filters.network.mysql_proxy[db.table]", values: ["[update]"]}
            """);

        Assert.Empty(result.Diagnostics);
        Assert.Single(result.Resources);
    }

    [Fact]
    public void An_AuthorizationPolicy_with_both_a_selector_and_targetRefs_is_refused()
    {
        var result = Validate("apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: ap, namespace: infra}\nspec:\n  selector: {matchLabels: {app: a}}\n  targetRefs: [{group: \"\", kind: Service, name: catalog}]");

        Assert.Empty(result.Resources);
        Assert.NotEmpty(result.Diagnostics);
    }

    [Fact]
    public void Only_the_refused_object_is_left_out()
    {
        var result = Validate(Entry("  hosts: [ok.example.com]\n  resolution: DNS").Replace("name: se", "name: ok", StringComparison.Ordinal)
            + "\n---\n" + Entry("  hosts: [\"a b\"]\n  resolution: DNS"));

        Assert.Equal("ok", Assert.Single(result.Resources).Object.Metadata.Name);
        Assert.Single(result.Diagnostics);
    }
}
