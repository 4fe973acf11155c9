using RulesMesh.Cli.Tests.Support;
using static RulesMesh.Cli.Tests.Support.Manifests;

namespace RulesMesh.Cli.Tests;

/// <summary>What <c>rulesmesh capture</c> reads (files, folders, standard input) and how it reports input it cannot use.</summary>
public sealed class CaptureInputTests : IDisposable
{
    private const string WaypointTable = "Captures ";

    private readonly TemporaryDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void FilesAreLoadedTogetherAndNameTheInput()
    {
        var mesh = _files.Write("mesh.yaml", Namespace("apps", "istio.io/use-waypoint=waypoint", "istio.io/use-waypoint-namespace=infra") + Waypoint("infra", "waypoint"));
        var services = _files.Write("services.yaml", Service("apps", "web") + Service("apps", "db", portName: "tcp-db", port: 5432));

        var run = CliRun.Of(["capture", mesh, services]);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains($"Input: {mesh}, {services} (2 files)\n", run.Output, StringComparison.Ordinal);
        Assert.Equal(["Service apps/db", "Service apps/web"], run.Keys(WaypointTable));
        Assert.Equal(["Service", "apps/db", "5432/tcp-db (tcp)", "10.0.0.1"], run.Table(WaypointTable)[0]);
    }

    [Fact]
    public void AFolderIsLoadedWithEverythingBelowIt()
    {
        _files.Write("a/waypoint.yaml", Waypoint("infra", "waypoint"));
        _files.Write("b/c/web.yml", Service("apps", "web", labels: ["istio.io/use-waypoint=waypoint", "istio.io/use-waypoint-namespace=infra"]));
        _files.Write("notes.txt", "not a manifest");

        var run = CliRun.Of(["capture", _files.Path]);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains($"Input: {_files.Path} (2 files)\n", run.Output, StringComparison.Ordinal);
        Assert.Equal(["Service apps/web"], run.Keys(WaypointTable));
    }

    [Fact]
    public void ADashReadsStandardInput()
    {
        var run = CliRun.Of(["capture", "-"], Waypoint("infra", "waypoint") + Service("apps", "web", labels: ["istio.io/use-waypoint=waypoint", "istio.io/use-waypoint-namespace=infra"]));

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains("Input: <stdin>\n", run.Output, StringComparison.Ordinal);
        Assert.Equal(["Service apps/web"], run.Keys(WaypointTable));
    }

    [Fact]
    public void AFileNamedTwiceIsReadOnceAndSaidSoRatherThanEachObjectBeingDefinedAgainAtItsOwnPlace()
    {
        // kubectl apply -f x -f x applies the file twice to the same end; reading it once gives that end.
        var mesh = _files.Write("mesh.yaml", Waypoint("infra", "waypoint") + Service("apps", "web", labels: ["istio.io/use-waypoint=waypoint", "istio.io/use-waypoint-namespace=infra"]));

        var run = CliRun.Of(["capture", mesh, _files.Path]);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Equal($"{mesh}: warning: the file is named more than once; it is read once, where it is named last.", run.Error.Trim());
        Assert.Equal(["Service apps/web"], run.Keys(WaypointTable));
    }

    [Fact]
    public void AFileNamedOnceByItselfAndOnceThroughALinkIsReadOnce()
    {
        // Two names of one file (a ConfigMap mount's key and its ..data link) are one file, as for serve's watch.
        var mesh = _files.Write("mesh.yaml", Waypoint("infra", "waypoint") + Service("apps", "web", labels: ["istio.io/use-waypoint=waypoint", "istio.io/use-waypoint-namespace=infra"]));
        var link = Path.Combine(_files.Path, "link.yaml");
        File.CreateSymbolicLink(link, mesh);

        var run = CliRun.Of(["capture", mesh, link]);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Equal($"{mesh}: warning: the file is named more than once; it is read once, where it is named last.", run.Error.Trim());
        Assert.Equal(["Service apps/web"], run.Keys(WaypointTable));
    }

    [Fact]
    public void AHeadlessServiceIsCapturedWithoutAFilterChain()
    {
        var run = CliRun.Of(["capture", "-"], Waypoint("infra", "waypoint") + Service("apps", "db", clusterIp: "None", labels: ["istio.io/use-waypoint=waypoint", "istio.io/use-waypoint-namespace=infra"]));

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Equal(["Service", "apps/db", "80/http (http)", "none: no filter chain"], Assert.Single(run.Table(WaypointTable)));
    }

    [Fact]
    public void ABadDocumentIsReportedAtItsFileLineAndFieldAndTheRestIsStillCaptured()
    {
        var bad = """
            apiVersion: v1
            kind: Service
            metadata:
              name: broken
              namespace: apps
            spec:
              ports:
              - port: eighty
            ---

            """;
        var file = _files.Write("mesh.yaml", Namespace("apps", "istio.io/use-waypoint=waypoint", "istio.io/use-waypoint-namespace=infra") + Waypoint("infra", "waypoint") + bad + Service("apps", "web"));

        var run = CliRun.Of(["capture", file]);

        Assert.True(run.ExitCode == 1, run.Describe());
        var errors = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, errors.Length);
        Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(file)}:\d+:\d+: error: Not a valid Service: .* \(at spec\.ports\[0\]\.port\)$", errors[0]);
        Assert.Equal("1 input error (see above): the documents with errors were left out; the report covers the rest.", errors[1]);
        Assert.Equal(["Service apps/web"], run.Keys(WaypointTable));
    }

    [Fact]
    public void AMissingFileIsAnInputErrorAndTheOtherFilesAreStillCaptured()
    {
        var file = _files.Write("mesh.yaml", Waypoint("infra", "waypoint") + Service("apps", "web", labels: ["istio.io/use-waypoint=waypoint", "istio.io/use-waypoint-namespace=infra"]));
        var missing = Path.Combine(_files.Path, "missing.yaml");

        var run = CliRun.Of(["capture", file, missing]);

        Assert.True(run.ExitCode == 1, run.Describe());
        Assert.StartsWith($"{missing}:1:1: error: Cannot read: the path does not exist.\n", run.Error, StringComparison.Ordinal);
        Assert.Equal(["Service apps/web"], run.Keys(WaypointTable));
    }

    [Fact]
    public void A_kind_written_in_the_wrong_case_is_skipped_with_the_kind_it_was_meant_to_be()
    {
        var run = CliRun.Of(["capture", "-"], """
            apiVersion: networking.istio.io/v1
            kind: Serviceentry
            metadata: { name: api, namespace: shop }
            spec: { hosts: [api.example.com] }
            ---

            """ + Waypoint("infra", "waypoint"));

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.StartsWith("<stdin>:1:1: warning: No model for apiVersion networking.istio.io/v1, kind Serviceentry: skipped 1 document, the first here. Kinds are case-sensitive: did you mean ServiceEntry?\n", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownKindIsAWarningOnly()
    {
        var run = CliRun.Of(["capture", "-"], """
            apiVersion: example.com/v1
            kind: Widget
            metadata:
              name: w
            ---

            """ + Waypoint("infra", "waypoint"));

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Matches(@"^<stdin>:\d+:\d+: warning: No model for apiVersion example.com/v1, kind Widget", run.Error);
    }

    [Fact]
    public void AFolderWithoutManifestsIsWorthAWarning()
    {
        var empty = Path.Combine(_files.Path, "empty");
        Directory.CreateDirectory(empty);

        var run = CliRun.Of(["capture", empty]);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Equal($"{empty}: warning: the folder holds no .yaml, .yml or .json file.\n", run.Error);
        Assert.Contains("No Gateway is a waypoint.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ServicesNamingAMissingOrNonWaypointGatewayAreListedApartWithTheProblem()
    {
        var run = CliRun.Of(["capture", "-"],
            Waypoint("apps", "plain", gatewayClass: "istio")
            + Service("apps", "web", labels: ["istio.io/use-waypoint=plain"])
            + Service("apps", "api", labels: ["istio.io/use-waypoint=ghost"]));

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains("No Gateway is a waypoint.", run.Output, StringComparison.Ordinal);
        Assert.Equal(
            [
                ["apps/plain", "istio", "its gatewayClassName is istio, not the waypoint class kgateway-waypoint (rule kgateway.waypoint.class)"],
            ],
            run.Table("Gateways that are not waypoints (1):"));
        Assert.Equal(
            [
                ["Service", "apps/api", "names waypoint apps/ghost, which does not exist"],
                ["Service", "apps/web", "names waypoint apps/plain, which is not a waypoint: its gatewayClassName is istio, not the waypoint class kgateway-waypoint"],
            ],
            run.Table("Services naming a waypoint that does not serve them (2):"));
        Assert.Contains("Not captured: none.", run.Output, StringComparison.Ordinal);
    }
}
