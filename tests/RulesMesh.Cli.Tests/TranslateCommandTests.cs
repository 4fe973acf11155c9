using System.Text.Json.Nodes;
using RulesMesh.Cli.Tests.Support;
using RulesMesh.Loading;

namespace RulesMesh.Cli.Tests;

/// <summary><c>rulesmesh translate</c>: one document with the xDS sections and statuses, in YAML or JSON, with the exit codes of the other commands.</summary>
public sealed class TranslateCommandTests
{
    [Fact]
    public void The_built_in_sample_translates_to_a_yaml_document_with_every_section_and_a_summary_on_stderr()
    {
        var run = CliRun.Of(["translate"]);

        Assert.True(run.ExitCode == 0, run.Describe());
        var document = ManifestReader.Read(run.Output, "out.yaml").Documents.Single().Json.AsObject();
        Assert.Equal(["clusters", "endpoints", "listeners", "routes", "statuses"], document.Select(p => p.Key));
        Assert.Contains(document["clusters"]!.AsArray(), c => (string?)c!["name"] == "kube_shop_catalog_8080");
        Assert.Equal("proxy_protocol_inbound", (string?)document["listeners"]![0]!["name"]);
        Assert.NotNull(document["statuses"]!["gateways"]!["infra/waypoint"]);
        Assert.Contains("Translated the built-in sample mesh", run.Error);
    }

    [Fact]
    public void Json_format_gives_the_same_document()
    {
        var yaml = ManifestReader.Read(CliRun.Of(["translate"]).Output, "out.yaml").Documents.Single().Json;
        var json = JsonNode.Parse(CliRun.Of(["translate", "--format", "json"]).Output);

        Assert.True(JsonNode.DeepEquals(yaml, json));
    }

    [Fact]
    public void Resources_in_each_section_are_sorted_by_name()
    {
        var document = JsonNode.Parse(CliRun.Of(["translate", "--format", "json"]).Output)!;

        foreach (var (section, key) in new[] { ("clusters", "name"), ("endpoints", "clusterName"), ("listeners", "name"), ("routes", "name") })
        {
            var names = document[section]!.AsArray().Select(r => (string)r![key]!).ToList();
            Assert.Equal(names.Order(StringComparer.Ordinal), names);
        }
    }

    [Fact]
    public void An_input_error_exits_1_and_still_writes_the_document_for_the_rest()
    {
        using var folder = new TemporaryDirectory();
        var file = folder.Write("mesh.yaml", """
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec: {clusterIP: 10.0.0.1, ports: [{name: http, port: 80}]}
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: broken, namespace: shop}
            spec: {hosts: [x.example.com], resolution: SOMETIMES}
            """);

        var run = CliRun.Of(["translate", file]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("spec.resolution", run.Error);
        Assert.Contains("kube_shop_web_80", run.Output);
    }

    [Fact]
    public void Output_goes_to_the_named_file()
    {
        using var folder = new TemporaryDirectory();
        var target = Path.Combine(folder.Path, "xds.json");

        var run = CliRun.Of(["translate", "--format", "json", "--output", target]);

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.NotNull(JsonNode.Parse(File.ReadAllText(target))!["listeners"]);
    }

    [Theory]
    [InlineData("--format", "xml")]
    [InlineData("--profile", "envoy")]
    [InlineData("--gateway", "no-slash")]
    public void Usage_errors_exit_2(string option, string value)
    {
        var run = CliRun.Of(["translate", option, value]);

        Assert.True(run.ExitCode == 2, run.Describe());
    }

    [Fact]
    public void The_client_pod_must_be_in_the_input()
    {
        var run = CliRun.Of(["translate", "--client-pod", "shop/nowhere"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Pod shop/nowhere is not in the input", run.Error);
    }

    [Fact]
    public void A_client_pod_on_a_known_node_is_accepted()
    {
        var pod = ManifestReader.Read(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "mesh", "20-shop.yaml")), "shop").Documents
            .Select(d => d.Json)
            .First(j => (string?)j["kind"] == "Pod" && j["spec"]?["nodeName"] is not null);

        var run = CliRun.Of(["translate", "--client-pod", $"{pod["metadata"]!["namespace"]}/{pod["metadata"]!["name"]}"]);

        Assert.True(run.ExitCode == 0, run.Describe());
    }

    private const string TwoDestinationRules = """
        apiVersion: v1
        kind: Namespace
        metadata: { name: infra }
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: { name: wp, namespace: infra }
        spec:
          gatewayClassName: istio-waypoint
          listeners: [{ name: mesh, port: 15008, protocol: HBONE, allowedRoutes: { namespaces: { from: All } } }]
        status:
          addresses: [{ type: IPAddress, value: 10.0.0.9 }]
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: pay, namespace: app, labels: { istio.io/use-waypoint: wp, istio.io/use-waypoint-namespace: infra } }
        spec: { clusterIP: 10.96.1.1, ports: [{ name: http, port: 80 }] }
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: { name: in-app, namespace: app, creationTimestamp: "2026-01-01T00:00:00Z" }
        spec: { host: pay.app.svc.cluster.local, trafficPolicy: { loadBalancer: { simple: RANDOM } } }
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: { name: in-infra, namespace: infra, creationTimestamp: "2026-01-02T00:00:00Z" }
        spec: { host: pay.app.svc.cluster.local, trafficPolicy: { loadBalancer: { simple: ROUND_ROBIN } } }
        ---

        """;

    private const string WaypointPod = """
        apiVersion: v1
        kind: Pod
        metadata: { name: wp-7d9f-abcde, namespace: infra, labels: { gateway.networking.k8s.io/gateway-name: wp } }
        spec: { containers: [{ name: istio-proxy, image: proxyv2 }] }
        status: { podIP: 10.1.0.9 }
        ---

        """;

    [Theory]
    [InlineData(true, new string[0], "ROUND_ROBIN")]
    [InlineData(false, new string[0], "RANDOM")]
    [InlineData(true, new[] { "--client-locality", "r1" }, "RANDOM")]
    public void With_one_gateway_and_no_client_its_own_pod_is_the_client_that_looks_up_destination_rules(bool podInInput, string[] clientOptions, string lbPolicy)
    {
        // Istio looks DestinationRules up from the proxy's namespace first (docs/backend-policies.md): the waypoint's
        // own rule in infra wins over the service's in app when the waypoint's Pod asks, as it does when it connects.
        using var folder = new TemporaryDirectory();
        var file = folder.Write("mesh.yaml", TwoDestinationRules + (podInInput ? WaypointPod : string.Empty));

        var run = CliRun.Of(["translate", "--profile", "istio", "--gateway", "infra/wp", "-o", "json", .. clientOptions, file]);

        Assert.True(run.ExitCode == 0, run.Describe());
        var cluster = JsonNode.Parse(run.Output)!["clusters"]!.AsArray().Single(c => (string?)c!["name"] == "inbound-vip|80|http|pay.app.svc.cluster.local")!;
        Assert.Equal(lbPolicy, (string?)cluster["lbPolicy"] ?? "ROUND_ROBIN");
        Assert.Equal(podInInput && clientOptions.Length == 0, run.Error.Contains("Client: Pod infra/wp-7d9f-abcde, Gateway infra/wp's own", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("r1", new uint[] { 0, 0, 1 })]
    [InlineData("r1/z1", new uint[] { 0, 1, 2 })]
    [InlineData("r1/z1/s1", new uint[] { 0, 1, 2 })]
    public void A_client_locality_may_leave_out_its_zone_and_subzone(string locality, uint[] priorities)
    {
        // Locality failover (docs/spec/kgateway-destinationrule-priorities.md §B6): same region, zone and subzone 0,
        // region and zone 1, region 2, else 3, compacted; a left-out zone or subzone is empty, as Istio reads a locality.
        using var folder = new TemporaryDirectory();
        var file = folder.Write("mesh.yaml", """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: { name: api, namespace: shop }
            spec:
              hosts: [api.example.com]
              location: MESH_INTERNAL
              resolution: STATIC
              ports: [{ number: 80, name: http, protocol: HTTP }]
              endpoints:
              - { address: 10.0.0.1, locality: r1/z1 }
              - { address: 10.0.0.2, locality: r1/z2 }
              - { address: 10.0.0.3, locality: r2/z1 }
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: { name: api, namespace: shop }
            spec:
              host: api.example.com
              trafficPolicy:
                outlierDetection: { consecutive5xxErrors: 5 }
                loadBalancer: { localityLbSetting: { enabled: true } }
            """);

        var run = CliRun.Of(["translate", "-o", "json", "--client-locality", locality, file]);

        Assert.True(run.ExitCode == 0, run.Describe());
        var cluster = JsonNode.Parse(run.Output)!["clusters"]!.AsArray().Single(c => (string?)c!["name"] == "istio-se_shop_api_api.example.com_80")!;
        var byAddress = cluster["loadAssignment"]!["endpoints"]!.AsArray()
            .SelectMany(static g => g!["lbEndpoints"]!.AsArray().Select(e => ((string)e!["endpoint"]!["address"]!["socketAddress"]!["address"]!, (uint?)g["priority"] ?? 0)))
            .ToDictionary(static p => p.Item1, static p => p.Item2);
        Assert.Equal(priorities, new[] { byAddress["10.0.0.1"], byAddress["10.0.0.2"], byAddress["10.0.0.3"] });
    }

    [Fact]
    public void The_gateways_own_pod_that_is_ready_is_the_default_client_before_one_that_is_not()
    {
        using var folder = new TemporaryDirectory();
        var file = folder.Write("mesh.yaml", TwoDestinationRules + """
            apiVersion: v1
            kind: Pod
            metadata: { name: wp-a-terminating, namespace: infra, labels: { gateway.networking.k8s.io/gateway-name: wp }, deletionTimestamp: "2026-01-01T00:00:00Z" }
            spec: { containers: [{ name: istio-proxy, image: proxyv2 }] }
            status: { podIP: 10.1.0.8, conditions: [{ type: Ready, status: "True" }] }
            ---
            apiVersion: v1
            kind: Pod
            metadata: { name: wp-b-ready, namespace: infra, labels: { gateway.networking.k8s.io/gateway-name: wp } }
            spec: { containers: [{ name: istio-proxy, image: proxyv2 }] }
            status: { podIP: 10.1.0.9, conditions: [{ type: Ready, status: "True" }] }
            """);

        var run = CliRun.Of(["translate", "--profile", "istio", "--gateway", "infra/wp", "-o", "json", file]);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains("Client: Pod infra/wp-b-ready, Gateway infra/wp's own", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--client-locality", "/eu-west-1b")]
    [InlineData("--client-locality", "")]
    [InlineData("--client-pod", "no-slash")]
    public void Malformed_client_options_exit_2(string option, string value)
    {
        Assert.Equal(2, CliRun.Of(["translate", option, value]).ExitCode);
    }
}
