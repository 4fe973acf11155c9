using RulesMesh.Cli.Tests.Support;

namespace RulesMesh.Cli.Tests;

public sealed class HostileCommandLineTests
{
    [Theory]
    [InlineData("--max-depth", "abc", "--max-depth must be a whole number from 1 to 1000, not 'abc'.")]
    [InlineData("--max-depth", "1001", "--max-depth must be a whole number from 1 to 1000, not '1001'.")]
    [InlineData("--max-documents", "0", "--max-documents must be a whole number from 1 to 100000000, not '0'.")]
    [InlineData("--max-file-bytes", "-5", "--max-file-bytes must be a whole number from 1 to 1073741824, not '-5'.")]
    [InlineData("--max-total-bytes", "1e9", "--max-total-bytes must be a whole number from 1 to 17179869184, not '1e9'.")]
    [InlineData("--max-alias-nodes", "99999999999", "--max-alias-nodes must be a whole number from 1 to 100000000, not '99999999999'.")]
    public void ALimitOptionOutOfRangeIsAUsageErrorInWords(string option, string value, string message)
    {
        foreach (var command in new[] { "translate", "capture" })
        {
            var run = CliRun.Of([command, option, value]);

            Assert.Equal(2, run.ExitCode);
            Assert.Equal(message, run.Error.Trim());
        }
    }

    [Theory]
    [InlineData("abc", "--services must be a whole number from 0 to 1000000, not 'abc'.")]
    [InlineData("-1", "--services must be a whole number from 0 to 1000000, not '-1'.")]
    [InlineData("2000000000", "--services must be a whole number from 0 to 1000000, not '2000000000'.")]
    public void GenerateMeshCountsOutOfRangeAreUsageErrors(string value, string message)
    {
        var run = CliRun.Of(["generate-mesh", "--services", value]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(message, run.Error.Trim());

        // The usage is printed; no mesh is generated.
        Assert.DoesNotContain("apiVersion", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ARaisedLimitLetsTheInputLoad()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.Write("deep.yaml", "apiVersion: example.com/v1\nkind: Deep\nmetadata:\n  name: d\nspec: " + new string('[', 150) + new string(']', 150) + "\n");

        var refused = CliRun.Of(["translate", "--format", "json", path]);
        var raised = CliRun.Of(["translate", "--format", "json", "--max-depth", "200", path]);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("deeper than 100 levels, the maximum depth (raise it with --max-depth", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, raised.ExitCode);
    }

    [Fact]
    public void AnOutputThatIsAFolderIsAUsageErrorBeforeAnyInputIsRead()
    {
        using var folder = new TemporaryDirectory();

        var run = CliRun.Of(["translate", "--output", folder.Path, Path.Combine(folder.Path, "missing.yaml")]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"--output '{folder.Path}': cannot write there: it is a folder; name a file\n", run.Error);
        Assert.Empty(run.Output);
    }

    [Fact]
    public void AnOutputInAMissingFolderIsAUsageError()
    {
        using var folder = new TemporaryDirectory();
        var output = Path.Combine(folder.Path, "no-such-folder", "out.yaml");

        foreach (var command in new[] { "translate", "generate-mesh" })
        {
            var run = CliRun.Of([command, "--output", output]);

            Assert.Equal(2, run.ExitCode);
            Assert.Equal($"--output '{output}': cannot write there: the folder {Path.GetDirectoryName(output)} does not exist\n", run.Error);
        }
    }

    [Fact]
    public void AnUnwritableOutputIsAUsageError()
    {
        Assert.False(File.Exists("/proc/version/out.yaml"));

        var run = CliRun.Of(["translate", "--output", "/proc/version/out.yaml"]);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("--output '/proc/version/out.yaml': cannot write there: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void TranslateWithAGatewayNotInTheInputIsAUsageErrorListingTheGatewaysFound()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.Write("mesh.yaml", Manifests.Waypoint("shop", "waypoint") + Manifests.Waypoint("infra", "edge"));

        var run = CliRun.Of(["translate", "--gateway", "shop/missing", path]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("--gateway shop/missing: no Gateway shop/missing in the input. Gateways in the input: infra/edge, shop/waypoint.\n", run.Error);
        Assert.Empty(run.Output);
    }

    [Fact]
    public void EmptyInputIsAWarningAndStillAnEmptyDocument()
    {
        var run = CliRun.Of(["translate", "--format", "json", "-"], standardInput: string.Empty);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("<stdin>:1:1: warning: The file holds no YAML document: nothing was loaded from it.\n", run.Error);
        Assert.StartsWith("{", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void StandardInputLargerThanTheFileLimitIsRefused()
    {
        var run = CliRun.Of(["translate", "--max-file-bytes", "10", "-"], standardInput: new string('#', 100));

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("<stdin>:1:1: error: The file is larger than 10 bytes, the maximum file size (raise it with --max-file-bytes)", run.Error, StringComparison.Ordinal);
    }
}
