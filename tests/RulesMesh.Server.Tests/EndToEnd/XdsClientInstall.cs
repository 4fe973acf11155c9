using System.ComponentModel;
using System.Diagnostics;
using System.Security.Cryptography;

namespace RulesMesh.Server.Tests.EndToEnd;

/// <summary>
/// gRPC's own xDS client, installed once per test run: the harness (package.json, package-lock.json, xds-watch.js) is
/// copied beside the tests and <c>npm ci</c> installs the locked packages there, unless an earlier run installed the
/// same lockfile. Without Node.js or npm the end-to-end tests skip, saying so.
/// </summary>
public sealed class XdsClientInstall
{
    private const string Stamp = ".installed-lockfile-sha256";

    public XdsClientInstall()
    {
        Folder = Path.Combine(AppContext.BaseDirectory, "xds-client");
        var missing = Missing("node") ?? Missing("npm");
        if (missing is not null)
        {
            SkipReason = missing;
            return;
        }

        Directory.CreateDirectory(Folder);
        foreach (var file in new[] { "package.json", "package-lock.json", "xds-watch.js" })
        {
            File.Copy(Path.Combine(TestPaths.HarnessSources, file), Path.Combine(Folder, file), overwrite: true);
        }

        var lockHash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(Folder, "package-lock.json"))));
        var stamp = Path.Combine(Folder, Stamp);
        if (File.Exists(stamp) && File.ReadAllText(stamp) == lockHash && Directory.Exists(Path.Combine(Folder, "node_modules", "@grpc", "grpc-js-xds")))
        {
            Install = "npm ci skipped: an earlier run installed this lockfile";
            return;
        }

        // No audit, funding or install scripts (none of the locked packages needs one); the npm cache is used when it has them.
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

    /// <summary>Why the end-to-end tests cannot run here, or null.</summary>
    public string? SkipReason { get; }

    /// <summary>What installing took, for the test output.</summary>
    public string Install { get; } = string.Empty;

    /// <summary>The harness script.</summary>
    public string Script => Path.Combine(Folder, "xds-watch.js");

    private static string? Missing(string tool)
    {
        try
        {
            var (exitCode, _, _) = ProcessRun.RunAsync(tool, ["--version"]).GetAwaiter().GetResult();
            return exitCode == 0 ? null : $"'{tool} --version' failed: the end-to-end tests need Node.js and npm on PATH to run gRPC's own xDS client.";
        }
        catch (Win32Exception)
        {
            return $"{tool} is not on PATH: the end-to-end tests need Node.js and npm to run gRPC's own xDS client (@grpc/grpc-js-xds).";
        }
    }
}
