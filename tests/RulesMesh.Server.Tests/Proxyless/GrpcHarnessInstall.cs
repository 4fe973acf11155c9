using System.ComponentModel;
using System.Diagnostics;
using System.Security.Cryptography;
using RulesMesh.Server.Tests.EndToEnd;

namespace RulesMesh.Server.Tests.Proxyless;

/// <summary>
/// The proxyless end-to-end harness (tests/RulesMesh.Server.Tests/grpc-e2e: real gRPC servers and an <c>xds:///</c>
/// client), installed once per test run: its files are copied beside the tests and <c>npm ci</c> installs the locked
/// packages there, unless an earlier run installed the same lockfile. Without Node.js or npm the tests skip, saying so.
/// </summary>
public sealed class GrpcHarnessInstall
{
    private const string Stamp = ".installed-lockfile-sha256";

    public GrpcHarnessInstall()
    {
        Folder = Path.Combine(AppContext.BaseDirectory, "grpc-e2e");
        SkipReason = Missing("node") ?? Missing("npm");
        if (SkipReason is not null)
        {
            return;
        }

        Directory.CreateDirectory(Folder);
        foreach (var file in new[] { "package.json", "package-lock.json", "echo.proto", "server.js", "client.js" })
        {
            File.Copy(Path.Combine(TestPaths.Root, "tests", "RulesMesh.Server.Tests", "grpc-e2e", file), Path.Combine(Folder, file), overwrite: true);
        }

        var lockHash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(Folder, "package-lock.json"))));
        var stamp = Path.Combine(Folder, Stamp);
        if (File.Exists(stamp) && File.ReadAllText(stamp) == lockHash && Directory.Exists(Path.Combine(Folder, "node_modules", "@grpc", "grpc-js-xds")))
        {
            Install = "npm ci skipped: an earlier run installed this lockfile";
            return;
        }

        var clock = Stopwatch.StartNew();
        var (exitCode, output, error) = ProcessRun.RunAsync("npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline"], Folder, TimeSpan.FromMinutes(5)).GetAwaiter().GetResult();
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"npm ci failed in {Folder} (exit {exitCode}):\n{output}\n{error}");
        }

        File.WriteAllText(stamp, lockHash);
        Install = $"npm ci took {clock.Elapsed.TotalSeconds:0.0} s";
    }

    /// <summary>Where the harness and its node_modules are.</summary>
    public string Folder { get; }

    /// <summary>Why the tests cannot run here, or null.</summary>
    public string? SkipReason { get; }

    /// <summary>What installing took, for the test output.</summary>
    public string Install { get; } = string.Empty;

    private static string? Missing(string tool)
    {
        try
        {
            var (exitCode, _, _) = ProcessRun.RunAsync(tool, ["--version"]).GetAwaiter().GetResult();
            return exitCode == 0 ? null : $"'{tool} --version' failed: the proxyless end-to-end tests need Node.js and npm on PATH to run real gRPC servers and clients.";
        }
        catch (Win32Exception)
        {
            return $"{tool} is not on PATH: the proxyless end-to-end tests need Node.js and npm to run real gRPC servers and clients (@grpc/grpc-js-xds).";
        }
    }
}
