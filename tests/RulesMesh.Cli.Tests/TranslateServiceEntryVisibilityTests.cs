using RulesMesh.Cli.Tests.Support;
using RulesMesh.Loading;

namespace RulesMesh.Cli.Tests;

/// <summary><c>rulesmesh translate --service-entry-visibility</c>: Istio's mesh setting reaches the istio profile's capture.</summary>
public sealed class TranslateServiceEntryVisibilityTests
{
    private const string Input = """
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: { name: api, namespace: shop }
        spec:
          hosts: [api.example.com]
          addresses: [240.240.0.1]
          ports: [{ number: 80, name: http, protocol: HTTP }]
          resolution: STATIC
        """;

    [Fact]
    public void The_setting_writes_the_VisibilityApplied_condition_of_every_ServiceEntry()
    {
        var run = CliRun.Of(["translate", "--profile", "istio", "--service-entry-visibility", "Namespace", "-"], Input);

        Assert.True(run.ExitCode == 0, run.Describe());
        var condition = ManifestReader.Read(run.Output, "out.yaml").Documents.Single().Json["statuses"]!["serviceEntries"]!["shop/api"]!["conditions"]![0]!;
        Assert.Equal(("istio.io/VisibilityApplied", "True", "Namespace"), ((string?)condition["type"], (string?)condition["status"], (string?)condition["reason"]));
    }

    [Fact]
    public void An_unknown_visibility_exits_2()
        => Assert.Equal(2, CliRun.Of(["translate", "--service-entry-visibility", "Private", "-"], Input).ExitCode);
}
