using System.ComponentModel;
using System.Diagnostics;
using System.Security.Cryptography;

namespace RulesMesh.Server.Tests.EndToEnd;

/// <summary>
/// A Node.js harness of the end-to-end tests, installed once per test run: its files (package.json, package-lock.json
/// and its scripts, from the folder of the same name in this project) are copied beside the tests and <c>npm ci</c>
/// installs the locked packages there, unless an earlier run installed the same lockfile. Without Node.js or npm the
/// tests skip, saying so.
/// </summary>
public abstract class NodeHarnessInstall
{
    private const string Stamp = ".installed-lockfile-sha256";

    /// <param name="name">The harness folder, under tests/RulesMesh.Server.Tests and beside the test binaries.</param>
    /// <param name="files">The files to copy besides package.json and package-lock.json.</param>
    /// <param name="purpose">What the tests need Node.js for, ending the skip reason.</param>
    protected NodeHarnessInstall(string name, IReadOnlyList<string> files, string purpose)
    {
        Folder = Path.Combine(AppContext.BaseDirectory, name);
        SkipReason = Missing("node", purpose) ?? Missing("npm", purpose);
        if (SkipReason is not null)
        {
            return;
        }

        Directory.CreateDirectory(Folder);
        foreach (var file in (string[])["package.json", "package-lock.json", .. files])
        {
            File.Copy(Path.Combine(TestPaths.Root, "tests", "RulesMesh.Server.Tests", name, file), Path.Combine(Folder, file), overwrite: true);
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

    /// <summary>Why the tests cannot run here, or null.</summary>
    public string? SkipReason { get; }

    /// <summary>What installing took, for the test output.</summary>
    public string Install { get; } = string.Empty;

    private static string? Missing(string tool, string purpose)
    {
        try
        {
            var (exitCode, _, _) = ProcessRun.RunAsync(tool, ["--version"]).GetAwaiter().GetResult();
            return exitCode == 0 ? null : $"'{tool} --version' failed: these tests need Node.js and npm on PATH {purpose}.";
        }
        catch (Win32Exception)
        {
            return $"{tool} is not on PATH: these tests need Node.js and npm {purpose}.";
        }
    }
}
