using RulesMesh.Cli.Tests.Support;
using static RulesMesh.Cli.Tests.Support.Manifests;

namespace RulesMesh.Cli.Tests;

/// <summary><c>--gateway</c>, <c>--profile</c> and the usage errors of <c>rulesmesh capture</c> (exit code 2).</summary>
public sealed class CaptureOptionsTests
{
    private const string WaypointTable = "Captures ";

    private static readonly string TwoWaypoints =
        Waypoint("east", "waypoint") + Waypoint("west", "waypoint")
        + Service("apps", "a", labels: ["istio.io/use-waypoint=waypoint", "istio.io/use-waypoint-namespace=east"])
        + Service("apps", "b", labels: ["istio.io/use-waypoint=waypoint", "istio.io/use-waypoint-namespace=west"])
        + Service("apps", "c", labels: ["istio.io/use-waypoint=none"]);

    [Fact]
    public void WithoutGatewayEveryWaypointIsReported()
    {
        var run = CliRun.Of(["capture", "-"], TwoWaypoints);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains("Waypoint east/waypoint ", run.Output, StringComparison.Ordinal);
        Assert.Contains("Waypoint west/waypoint ", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void GatewayRestrictsTheReportToThatWaypoint()
    {
        var run = CliRun.Of(["capture", "--gateway", "west/waypoint", "-"], TwoWaypoints);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains("Gateway west/waypoint: 1 service captured, 0 naming it without being served.", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("east/waypoint", run.Output, StringComparison.Ordinal);
        Assert.Equal(["Service apps/b"], run.Keys(WaypointTable));
        Assert.DoesNotContain("apps/c", run.Output, StringComparison.Ordinal);
        Assert.Contains("1 service not captured by any waypoint; run without --gateway to see them.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void AGatewayThatIsNotInTheInputIsAUsageErrorNamingTheGatewaysThatAre()
    {
        var run = CliRun.Of(["capture", "--gateway", "north/waypoint", "-"], TwoWaypoints);

        Assert.True(run.ExitCode == 2, run.Describe());
        Assert.Equal(string.Empty, run.Output);
        Assert.Equal("--gateway north/waypoint: no Gateway north/waypoint in the input. Gateways in the input: east/waypoint, west/waypoint.\n", run.Error);
    }

    [Fact]
    public void AGatewayMissingFromInputWithErrorsIsAnInputError()
    {
        var brokenGateway = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata:
              name: waypoint
              namespace: north
            spec:
              gatewayClassName: kgateway-waypoint
              listeners: nope
            ---

            """;

        var run = CliRun.Of(["capture", "--gateway", "north/waypoint", "-"], TwoWaypoints + brokenGateway);

        Assert.True(run.ExitCode == 1, run.Describe());
        Assert.Contains("It may be in a document that could not be loaded (see the errors above).", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("waypoint")]
    [InlineData("/waypoint")]
    [InlineData("infra/")]
    [InlineData("a/b/c")]
    public void AGatewayNotOfTheFormNamespaceSlashNameIsAUsageError(string gateway)
    {
        var run = CliRun.Of(["capture", "--gateway", gateway]);

        Assert.True(run.ExitCode == 2, run.Describe());
        Assert.Equal($"--gateway '{gateway}' is not of the form namespace/name.\n", run.Error);
        Assert.Equal(string.Empty, run.Output);
    }

    [Fact]
    public void AnUnknownProfileIsAUsageErrorListingTheKnownOnes()
    {
        var run = CliRun.Of(["capture", "--profile", "envoy"]);

        Assert.True(run.ExitCode == 2, run.Describe());
        Assert.Equal("Unknown profile 'envoy'. Known profiles: istio, kgateway.\n", run.Error);
        Assert.Equal(string.Empty, run.Output);
    }

    [Fact]
    public void TheProfileIsChosenByName()
    {
        var run = CliRun.Of(["capture", "--profile", "istio", "-"], Namespace("apps") + TwoWaypoints);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.StartsWith("Waypoint capture with profile istio\n", run.Output, StringComparison.Ordinal);

        // Istio only takes a Gateway with a status address for a waypoint; these have none.
        Assert.Contains("No Gateway is a waypoint.", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--gatway", "infra/waypoint")]
    [InlineData("--bogus")]
    [InlineData("-x")]
    public void AnUnknownOptionIsAUsageErrorAndNotTakenForAPath(params string[] arguments)
    {
        var run = CliRun.Of(["capture", .. arguments]);

        Assert.True(run.ExitCode == 2, run.Describe());
        Assert.Contains($"Unrecognized option '{arguments[0]}'", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Cannot read", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void HelpListsTheOptionsAndProfiles()
    {
        var run = CliRun.Of(["capture", "--help"]);

        Assert.True(run.ExitCode == 0, run.Describe());
        foreach (var text in new[] { "--gateway <namespace/name>", "--profile <profile>", "istio, kgateway", "[default: kgateway]", "--explain", "- reads standard input" })
        {
            Assert.Contains(text, run.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheRootCommandListsCaptureAndModels()
    {
        var run = CliRun.Of(["--help"]);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains("capture", run.Output, StringComparison.Ordinal);
        Assert.Contains("models", run.Output, StringComparison.Ordinal);
    }
}
