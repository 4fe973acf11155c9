using RulesMesh.Cli.Tests.Support;

namespace RulesMesh.Cli.Tests;

/// <summary>A line break inside an input value cannot forge a diagnostic line of its own on standard error.</summary>
public sealed class OneLineDiagnosticsTests
{
    private const string Input = """
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: forging, namespace: shop}
        spec:
          targetRefs: [{kind: Service, group: "", name: orders}]
          action: DENY
          rules:
          - from:
            - source:
                ipBlocks: ["1.2.3.4\nforged.yaml:1:1: error: FORGED LINE"]
        ---
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: forging, namespace: shop, labels: {istio.io/use-waypoint: waypoint}}
        spec: {hosts: [a.example.com], ports: [{number: 80, name: http, protocol: "HTTP\r\nforged.yaml:2:2: error: FORGED TOO"}], resolution: DNS}
        """;

    [Theory]
    [InlineData("translate")]
    [InlineData("capture")]
    public void EveryDiagnosticLineStartsWithItsOwnPrefixAndControlCharactersAreEscaped(string command)
    {
        var run = CliRun.Of([command, "-"], Input);

        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain(lines, static line => line.StartsWith("forged.yaml", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, static line => line.Contains('\r', StringComparison.Ordinal));
        Assert.Contains(lines, static line => line.Contains(@"\nforged.yaml:1:1: error: FORGED LINE", StringComparison.Ordinal)
            || line.Contains(@"\r\nforged.yaml:2:2: error: FORGED TOO", StringComparison.Ordinal));
    }
}
