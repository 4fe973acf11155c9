using System.Diagnostics;
using RulesMesh.Package.Tests.Infrastructure;

namespace RulesMesh.Package.Tests;

/// <summary>
/// The command-line tool packs as a dotnet tool (package RulesMesh.Cli, command rulesmesh), installs into a tool path
/// from a local folder as the README says, and runs: <c>rulesmesh translate</c> on the built-in sample.
/// </summary>
public sealed class ToolInstallTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rulesmesh-tooltest-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void The_tool_installs_from_a_local_folder_and_translates_the_sample()
    {
        var version = "0.0.0-tooltest." + Path.GetFileName(_root)["rulesmesh-tooltest-".Length..];
        var feed = Path.Combine(_root, "feed");
        var tools = Path.Combine(_root, "tools");
        var pack = DotNetCli.Run(RepositoryLayout.Root,
        [
            "pack", Path.Combine(RepositoryLayout.Root, "src", "RulesMesh.Cli", "RulesMesh.Cli.csproj"),
            "--configuration", "Release",
            "--output", feed,
            "--artifacts-path", Path.Combine(_root, "artifacts"),
            "-p:MinVerVersionOverride=" + version,
            "-p:UseSharedCompilation=false",
            "-nodeReuse:false",
            "-tl:off",
        ]);
        Assert.True(pack.ExitCode == 0, pack.Describe());
        Assert.DoesNotMatch(@":\s+warning\s+[A-Z]+[0-9]+", pack.StandardOutput + pack.StandardError);

        var install = DotNetCli.Run(_root, ["tool", "install", "RulesMesh.Cli", "--tool-path", tools, "--add-source", feed, "--version", version]);
        Assert.True(install.ExitCode == 0, install.Describe());

        var (versionExit, versionOutput, _) = RunTool(tools, "--version");
        var (exit, output, error) = RunTool(tools, "translate");

        Assert.Equal(0, versionExit);
        Assert.StartsWith(version, versionOutput.Trim(), StringComparison.Ordinal);
        Assert.True(exit == 0, error);
        Assert.Contains("clusters:", output, StringComparison.Ordinal);
        Assert.Contains("listeners:", output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static (int ExitCode, string Output, string Error) RunTool(string tools, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(tools, OperatingSystem.IsWindows() ? "rulesmesh.exe" : "rulesmesh"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The tool's apphost finds the runtime through DOTNET_ROOT: the one running these tests.
        start.Environment["DOTNET_ROOT"] = Path.GetDirectoryName(DotNetCli.Executable)!;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "rulesmesh did not finish within 2 minutes");
        return (process.ExitCode, output.Result, error.Result);
    }
}
