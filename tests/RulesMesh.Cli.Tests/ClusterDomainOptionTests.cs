using RulesMesh.Cli.Commands;
using RulesMesh.Cli.Tests.Support;
using RulesMesh.Loading;

namespace RulesMesh.Cli.Tests;

/// <summary>
/// <c>--cluster-domain</c> and where the domain comes from without it (docs/spec/kgateway-destinationrule-priorities.md
/// §A1: the <c>svc.</c> search domain of /etc/resolv.conf, then <c>CLUSTER_DOMAIN</c>, then <c>cluster.local</c>).
/// </summary>
public sealed class ClusterDomainOptionTests
{
    private const string Input = """
        apiVersion: v1
        kind: Namespace
        metadata: { name: app, labels: { istio.io/use-waypoint: waypoint } }
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: { name: waypoint, namespace: app }
        spec:
          gatewayClassName: kgateway-waypoint
          listeners: [{ name: proxy, port: 15088, protocol: istio.io/PROXY }]
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: svc, namespace: app }
        spec: { clusterIP: 10.0.0.1, ports: [{ name: http, port: 80 }] }
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: { name: by-fqdn, namespace: app }
        spec:
          host: svc.app.svc.corp.example
          trafficPolicy: { outlierDetection: { consecutive5xxErrors: 3 } }
        """;

    [Theory]
    [InlineData("search app.svc.corp.example svc.corp.example corp.example\nnameserver 10.0.0.10\n", null, "corp.example")]
    [InlineData("nameserver 10.0.0.10\nsearch  svc.cluster.local.  cluster.local\n", "ignored.example", "cluster.local")]
    [InlineData("nameserver 10.0.0.10\n", "corp.example", "corp.example")]
    [InlineData("nameserver 10.0.0.10\n", "Corp.Example.", "corp.example")]
    [InlineData("search SVC.Corp.Example\n", null, "corp.example")]
    [InlineData("search example.com svc\n", "", "cluster.local")]
    [InlineData(null, null, "cluster.local")]
    public void The_domain_comes_from_the_svc_search_domain_then_the_environment_then_the_default(string? resolvConf, string? environment, string expected)
        => Assert.Equal(expected, ClusterDomainOption.Find(resolvConf, environment));

    [Fact]
    public void A_DestinationRule_written_for_the_given_domain_applies_to_the_Service()
    {
        var run = CliRun.Of(["translate", "-o", "json", "--cluster-domain", "corp.example", "-"], Input);

        Assert.True(run.ExitCode == 0, run.Describe());
        var document = ManifestReader.Read(run.Output, "out.json").Documents.Single().Json.AsObject();
        var cluster = document["clusters"]!.AsArray().Single(static c => (string)c!["name"]! == "kube_app_svc_80")!;
        Assert.Equal(3, cluster["outlierDetection"]!["consecutive5xx"]!.GetValue<long>());
    }

    [Fact]
    public void A_domain_that_is_not_a_DNS_name_is_a_usage_error_in_words()
    {
        var run = CliRun.Of(["translate", "--cluster-domain", "Corp_Example", "-"], Input);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--cluster-domain 'Corp_Example' is not a DNS name", run.Error, StringComparison.Ordinal);
    }
}
