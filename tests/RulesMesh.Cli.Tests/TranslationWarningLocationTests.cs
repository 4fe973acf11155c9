using RulesMesh.Cli.Tests.Support;

namespace RulesMesh.Cli.Tests;

/// <summary>
/// What translate tells on standard error about objects it cannot take whole: a translation warning about one loaded
/// object starts with where that object was written, as load diagnostics do; an object the API server would refuse is
/// an input error at its field, not a translation warning.
/// </summary>
public sealed class TranslationWarningLocationTests
{
    private const string Mesh = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: infra}
        ---
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
          labels: {istio.io/use-waypoint: waypoint, istio.io/use-waypoint-namespace: infra}
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: GatewayClass
        metadata: {name: kgateway-waypoint}
        spec: {controllerName: kgateway.dev/kgateway}
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: waypoint, namespace: infra}
        spec:
          gatewayClassName: kgateway-waypoint
          listeners: [{name: proxy, port: 15088, protocol: istio.io/PROXY, allowedRoutes: {namespaces: {from: All}}}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: catalog, namespace: shop}
        spec:
          clusterIP: 10.96.10.11
          selector: {app: catalog}
          ports: [{name: http, port: 8080, targetPort: 8080}]
        """;

    [Fact]
    public void An_AuthorizationPolicy_rule_warning_is_located_at_the_rule()
    {
        using var folder = new TemporaryDirectory();
        var mesh = folder.Write("mesh.yaml", Mesh);
        var policy = folder.Write("ap.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: unrelated, namespace: shop}
            ---
            apiVersion: security.istio.io/v1
            kind: AuthorizationPolicy
            metadata: {name: ap1, namespace: shop}
            spec:
              targetRefs: [{group: "", kind: Service, name: catalog}]
              action: ALLOW
              rules:
              - to:
                - operation: {ports: ["+80"]}
            """);

        // Istio's webhook reads ports with ParseInt, which takes "+80"; its RBAC builder with ParseUint, which does not,
        // so the rule is skipped at translation: a warning about a loaded object.
        var run = CliRun.Of(["translate", "--output", folder.Path + "/out.yaml", mesh, policy]);

        Assert.True(run.ExitCode == 0, run.Describe());
        // Line 12, "  - to:": the rule is the sequence item, whose mapping starts at "to" (column 5).
        Assert.Contains(
            $"{policy}:12:5: warning: AuthorizationPolicy shop/ap1: spec.rules[0] is skipped on HTTP chains: to.operation.ports '+80': not a port number.\n",
            run.Error,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_VIP_conflict_warning_is_located_at_the_document_of_the_service_that_lost_it()
    {
        using var folder = new TemporaryDirectory();
        var mesh = folder.Write("mesh.yaml", Mesh);
        // The entry has a creation time, catalog none: the entry has provably existed longer and keeps
        // 10.96.10.11:8080 (§9.3), so the warning is about catalog, in the other file.
        var entry = folder.Write("se.yaml", """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: squatter, namespace: shop, creationTimestamp: "2024-01-01T00:00:00Z"}
            spec:
              hosts: [squatter.example.com]
              addresses: [10.96.10.11]
              ports: [{number: 8080, name: http, protocol: HTTP}]
              resolution: STATIC
              endpoints: [{address: 10.0.0.9}]
            """);

        var run = CliRun.Of(["translate", "--output", folder.Path + "/out.yaml", mesh, entry]);

        Assert.True(run.ExitCode == 0, run.Describe());
        // Line 23 of Mesh, "apiVersion: v1" of the catalog Service's document.
        Assert.Contains(
            $"{mesh}:23:1: warning: Service shop/catalog: filter chain fc_http_8080_catalog_shop is left out: every VIP and port it matches belongs to another chain.\n",
            run.Error,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_BackendConfigPolicy_field_warning_is_located_at_the_field_of_the_policy_whose_value_won_the_merge()
    {
        using var folder = new TemporaryDirectory();
        var mesh = folder.Write("mesh.yaml", Mesh);
        var policies = folder.Write("bcp.yaml", """
            apiVersion: gateway.kgateway.dev/v1alpha1
            kind: BackendConfigPolicy
            metadata: {name: older, namespace: shop, creationTimestamp: "2024-01-01T00:00:00Z"}
            spec:
              targetRefs: [{group: "", kind: Service, name: catalog}]
              connectTimeout: 5s
            ---
            apiVersion: gateway.kgateway.dev/v1alpha1
            kind: BackendConfigPolicy
            metadata: {name: newer, namespace: shop, creationTimestamp: "2024-02-01T00:00:00Z"}
            spec:
              targetRefs: [{group: "", kind: Service, name: catalog}]
              commonHttpProtocolOptions:
                maxHeadersCount: 0
            """);

        var run = CliRun.Of(["translate", "--output", folder.Path + "/out.yaml", mesh, policies]);

        // Both policies merge into the cluster; maxHeadersCount is the newer one's, written on line 14 at column 5.
        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains(
            $"{policies}:14:5: warning: BackendConfigPolicy shop/older, shop/newer: spec.commonHttpProtocolOptions.maxHeadersCount 0 is refused by Envoy, which needs at least 1; it is left out, so Envoy's default (100) applies\n",
            run.Error,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_DestinationRule_warning_names_the_field_from_spec_in_the_port_level_setting_that_won_and_is_located_there()
    {
        using var folder = new TemporaryDirectory();
        var mesh = folder.Write("mesh.yaml", Mesh);
        var rule = folder.Write("dr.yaml", """
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: catalog, namespace: shop}
            spec:
              host: catalog.shop.svc.cluster.local
              trafficPolicy:
                outlierDetection: {consecutive5xxErrors: 5}
                portLevelSettings:
                - port: {number: 8080}
                  outlierDetection:
                    interval: 10s
                  loadBalancer:
                    localityLbSetting:
                      distribute:
                      - {from: "a/*", to: {"b/*": 100}}
            """);

        var run = CliRun.Of(["translate", "--output", folder.Path + "/out.yaml", mesh, rule]);

        // The port's settings replace the top-level ones; "distribute:" is on line 14, indented 10.
        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains(
            $"{rule}:14:11: warning: DestinationRule shop/catalog: spec.trafficPolicy.portLevelSettings[0].loadBalancer.localityLbSetting.distribute is not supported; it is ignored\n",
            run.Error,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_Service_port_the_API_server_refuses_is_an_input_error_at_its_field_not_a_translation_warning()
    {
        using var folder = new TemporaryDirectory();
        var mesh = folder.Write("mesh.yaml", Mesh);
        var services = folder.Write("services.yaml", """
            apiVersion: v1
            kind: Service
            metadata: {name: s1, namespace: shop}
            spec:
              clusterIP: 300.1.1.1
              ports:
              - {port: 70000, name: a}
            """);

        var run = CliRun.Of(["translate", "--output", folder.Path + "/out.yaml", mesh, services]);

        Assert.True(run.ExitCode == 1, run.Describe());
        Assert.Contains($"{services}:5:3: error: Service s1 is refused: spec.clusterIP '300.1.1.1' is not an IP address, nor None for a headless Service. (at spec.clusterIP)\n", run.Error, StringComparison.Ordinal);
        Assert.Contains($"{services}:7:6: error: Service s1 is refused: spec.ports[0].port is 70000; a port number must be between 1 and 65535. (at spec.ports[0].port)\n", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Service shop/s1", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("s1", File.ReadAllText(folder.Path + "/out.yaml"), StringComparison.Ordinal);
    }
}
