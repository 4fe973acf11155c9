using RulesMesh.Cli.Tests.Support;

namespace RulesMesh.Cli.Tests;

/// <summary>
/// <c>rulesmesh capture</c> with no paths runs on the built-in sample (samples/mesh, shipped beside the tool):
/// <c>shop</c> is captured through its Namespace labels by the waypoint in <c>infra</c> (cross-namespace), shop/legacy
/// opts out, <c>payments</c> objects are captured by their own labels, ServiceEntries like Services.
/// </summary>
public sealed class CaptureSampleTests
{
    private const string WaypointTable = "Captures ";
    private const string NotCapturedTable = "Not captured (";

    private static readonly Lazy<CliRun> Plain = new(() => CliRun.Of(["capture"]));
    private static readonly Lazy<CliRun> Explained = new(() => CliRun.Of(["capture", "--explain"]));

    [Fact]
    public void TheSampleShipsBesideTheToolAsInTheRepository()
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "samples", "mesh");
        var repository = Path.Combine(RepositoryRoot(), "samples", "mesh");

        Assert.Equal(
            Directory.GetFiles(repository, "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal),
            Directory.GetFiles(shipped, "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var file in Directory.GetFiles(repository, "*.yaml"))
        {
            Assert.Equal(File.ReadAllText(file), File.ReadAllText(Path.Combine(shipped, Path.GetFileName(file))));
        }
    }

    [Fact]
    public void ItSucceedsWithoutDiagnosticsAndSaysWhatItRan()
    {
        var run = Plain.Value;

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Equal(string.Empty, run.Error);
        Assert.StartsWith("Waypoint capture with profile kgateway\nInput: the built-in sample mesh, 6 files in ", run.Output, StringComparison.Ordinal);
        Assert.Contains(
            "7 services (Services and ServiceEntries): 6 captured by a waypoint, 0 naming a waypoint that does not serve them, 1 not captured.",
            run.Output,
            StringComparison.Ordinal);
    }

    [Fact]
    public void TheWaypointIsNamedWithItsClassAndServedListener()
    {
        var run = Plain.Value;

        Assert.Contains("Waypoint infra/waypoint (class kgateway-waypoint)\n  Listener: proxy:15088\n  Captures 6 services:\n", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void TheCapturedSetCoversNamespaceCaptureObjectCaptureAcrossNamespacesAndServiceEntries()
    {
        Assert.Equal(
            [
                "Service payments/ledger", // its own labels (object capture), waypoint in another namespace
                "Service shop/catalog", // the shop Namespace's labels (namespace capture, cross-namespace waypoint)
                "Service shop/catalog-v2",
                "Service shop/orders",
                "ServiceEntry payments/stripe-api", // a ServiceEntry by its own labels
                "ServiceEntry shop/inventory", // a ServiceEntry by its Namespace's labels
            ],
            Plain.Value.Keys(WaypointTable));
    }

    [Fact]
    public void EveryCapturedServiceShowsItsPortsProtocolsChainKindAndVips()
    {
        var rows = Plain.Value.Table(WaypointTable).ToDictionary(static row => row[1], static row => (Ports: row[2], Vips: row[3]));

        Assert.Equal(("9090/grpc (http)", "10.96.20.10"), rows["payments/ledger"]);
        Assert.Equal(("80/http (http)", "10.96.10.13"), rows["shop/orders"]); // appProtocol http
        Assert.Equal(("443/TLS (tcp)", "240.240.0.10"), rows["payments/stripe-api"]); // TLS passed through: a TCP chain
        Assert.Equal(("8080/HTTP (http)", "240.240.0.20"), rows["shop/inventory"]);
    }

    [Fact]
    public void TheOptedOutServiceIsTheOnlyOneNotCapturedWithItsReasonAndRule()
    {
        var row = Assert.Single(Plain.Value.Table(NotCapturedTable));

        Assert.Equal(["Service", "shop/legacy", "the Service's own label istio.io/use-waypoint=none opts out of any waypoint (rule waypoint.capture.object-label)"], row);
        Assert.Contains("Services naming a waypoint that does not serve them: none.", Plain.Value.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutExplainThereIsNoRuleTrail()
    {
        Assert.DoesNotContain("Capture rules, in order:", Plain.Value.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Waypoint rules, in order:", Plain.Value.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ExplainKeepsTheSameTablesAndNamesTheDecidingRules()
    {
        var run = Explained.Value;

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Equal(Plain.Value.Keys(WaypointTable), run.Keys(WaypointTable));
        Assert.Equal(Plain.Value.Keys(NotCapturedTable), run.Keys(NotCapturedTable));
        foreach (var rule in new[] { "kgateway.waypoint.class", "waypoint.for-services", "waypoint.capture.object-label", "waypoint.capture.namespace-label" })
        {
            Assert.Contains(rule, run.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ExplainPutsEachDecisionWithItsRuleTrailUnderItsService()
    {
        var output = Explained.Value.Output;

        Assert.Contains(
            """
                Service       shop/catalog         8080/http (http)  10.96.10.11
                  Service shop/catalog is captured by waypoint infra/waypoint: the label on namespace shop istio.io/use-waypoint=waypoint with istio.io/use-waypoint-namespace=infra (rule waypoint.capture.namespace-label).
                  Capture rules, in order:
                    1. waypoint.capture.object-label → no opinion: the Service's own label istio.io/use-waypoint is not set
                    2. waypoint.capture.namespace-label → captured: the label on namespace shop istio.io/use-waypoint=waypoint with istio.io/use-waypoint-namespace=infra

            """,
            output,
            StringComparison.Ordinal);
        Assert.Contains(
            """
                Service  shop/legacy     the Service's own label istio.io/use-waypoint=none opts out of any waypoint (rule waypoint.capture.object-label)
                  Service shop/legacy is not captured: the Service's own label istio.io/use-waypoint=none opts out of any waypoint (rule waypoint.capture.object-label).
                  Capture rules, in order:
                    1. waypoint.capture.object-label → not captured: the Service's own label istio.io/use-waypoint=none opts out of any waypoint
            """,
            output,
            StringComparison.Ordinal);
    }

    [Fact]
    public void ExplainGivesTheWaypointsOwnVerdictOnceUnderItsHeading()
    {
        var output = Explained.Value.Output;

        Assert.Contains(
            """
            Waypoint infra/waypoint (class kgateway-waypoint)
              Listener: proxy:15088
              Is a waypoint: its gatewayClassName is kgateway-waypoint; its label istio.io/waypoint-for=service, so it captures services.
              Waypoint rules, in order:
                1. kgateway.waypoint.class → passed: its gatewayClassName is kgateway-waypoint
                2. waypoint.for-services → passed: its label istio.io/waypoint-for=service, so it captures services
              Captures 6 services:
            """,
            output,
            StringComparison.Ordinal);
        Assert.Single(output.Split('\n'), static line => line.Contains("Waypoint rules, in order:", StringComparison.Ordinal));
    }

    [Fact]
    public void TheIstioProfileCapturesTheSameSetWithItsOwnRules()
    {
        var run = CliRun.Of(["capture", "--profile", "istio", "--explain"]);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.StartsWith("Waypoint capture with profile istio\n", run.Output, StringComparison.Ordinal);
        Assert.Equal(Plain.Value.Keys(WaypointTable), run.Keys(WaypointTable));
        Assert.Equal(["Service shop/legacy"], run.Keys(NotCapturedTable));
        Assert.Contains("istio.waypoint.has-address → passed", run.Output, StringComparison.Ordinal);
        Assert.Contains("(rule istio.capture.namespace-label)", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("kgateway.waypoint.class", run.Output, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RulesMesh.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("No RulesMesh.sln above " + AppContext.BaseDirectory);
    }
}
