using RulesMesh.Cli.Tests.Support;
using static RulesMesh.Cli.Tests.Support.Manifests;

namespace RulesMesh.Cli.Tests;

/// <summary>The habits of kubectl and istioctl: <c>-o</c>, <c>-f</c>, <c>-n</c>, <c>--version</c> and shell completion.</summary>
public sealed class KubectlHabitsTests
{
    private static readonly string TwoWaypoints =
        Waypoint("east", "waypoint") + Waypoint("west", "waypoint")
        + Service("apps", "a", labels: ["istio.io/use-waypoint=waypoint", "istio.io/use-waypoint-namespace=east"])
        + Service("apps", "b", labels: ["istio.io/use-waypoint=waypoint", "istio.io/use-waypoint-namespace=west"]);

    [Fact]
    public void Dash_o_json_is_the_json_format()
    {
        var run = CliRun.Of(["translate", "-o", "json", "-"], TwoWaypoints);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.StartsWith("{", run.Output.TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_format_that_is_neither_yaml_nor_json_is_refused_naming_the_option()
    {
        var run = CliRun.Of(["translate", "-o", "xml", "-"], TwoWaypoints);

        Assert.True(run.ExitCode == 2, run.Describe());
        Assert.Contains("--format or -o takes yaml, json, not 'xml'.", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("yaml")]
    public void Output_json_or_yaml_as_kubectl_writes_it_is_refused_naming_the_format_option(string format)
    {
        var run = CliRun.Of(["translate", "--output", format, "-"], TwoWaypoints);

        Assert.True(run.ExitCode == 2, run.Describe());
        Assert.Contains($"--output is the file to write the document to; to choose the format, use -o or --format {format} (a file of that name: ./{format}).", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(format));
    }

    [Fact]
    public void Dash_f_names_an_input_file()
    {
        using var directory = new TemporaryDirectory();
        var file = Path.Combine(directory.Path, "mesh.yaml");
        File.WriteAllText(file, TwoWaypoints);

        var run = CliRun.Of(["capture", "-f", file]);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains("Waypoint east/waypoint ", run.Output, StringComparison.Ordinal);
        Assert.Contains("Waypoint west/waypoint ", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Dash_n_completes_a_gateway_given_by_name()
    {
        var run = CliRun.Of(["capture", "--gateway", "waypoint", "-n", "west", "-"], TwoWaypoints);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains("Gateway west/waypoint: 1 service captured", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("east/waypoint", run.Output, StringComparison.Ordinal);
    }

    // A namespace's name is a DNS-1123 label (Kubernetes' ValidateNamespaceName), as kubectl -n expects one.
    [Theory]
    [InlineData("translate", "Bad_NS/x y")]
    [InlineData("translate", "Shop")]
    [InlineData("capture", "-shop")]
    [InlineData("capture", "a.b")]
    public void Dash_n_that_is_not_a_namespace_name_is_a_usage_error(string command, string given)
    {
        var run = CliRun.Of([command, "-n", given, "-"], TwoWaypoints);

        Assert.True(run.ExitCode == 2, run.Describe());
        Assert.Contains($"--namespace or -n '{given}' is not a namespace name: a DNS-1123 label", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Fact]
    public void Dash_n_is_the_namespace_of_objects_that_name_none_as_kubectl_apply_n_makes_it()
    {
        const string namespaceless = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata:
              name: waypoint
            spec:
              gatewayClassName: kgateway-waypoint
              listeners:
              - name: proxy
                port: 15088
                protocol: istio.io/PROXY
            status:
              addresses:
              - type: IPAddress
                value: 10.96.0.20
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: catalog
              labels:
                istio.io/use-waypoint: waypoint
            spec:
              clusterIP: 10.96.0.10
              ports:
              - name: http
                port: 8080
            """;

        var run = CliRun.Of(["capture", "--gateway", "waypoint", "-n", "shop", "-"], namespaceless);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains("Gateway shop/waypoint: 1 service captured", run.Output, StringComparison.Ordinal);
        Assert.Contains("shop/catalog", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("default/", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_prints_the_informational_version()
    {
        var run = CliRun.Of(["--version"]);

        Assert.True(run.ExitCode == 0, run.Describe());
        var expected = typeof(RulesMeshCommandLine).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .Cast<System.Reflection.AssemblyInformationalVersionAttribute>().Single().InformationalVersion;
        Assert.Equal(expected, run.Output.Trim());
    }

    [Fact]
    public void The_suggest_directive_completes_an_option_name()
    {
        var run = CliRun.Of(["[suggest:15]", "translate --pro"]);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Equal(["--profile"], run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public void The_suggest_directive_completes_a_profile_value()
    {
        var run = CliRun.Of(["[suggest]", "translate --profile "]);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Equal(["istio", "kgateway"], run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
