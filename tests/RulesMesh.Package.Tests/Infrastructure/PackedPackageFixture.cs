using System.Text.RegularExpressions;

namespace RulesMesh.Package.Tests.Infrastructure;

/// <summary>Tests that share one packed RulesMesh package; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackedPackageFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "Packed RulesMesh package";
}

/// <summary>
/// Packs src/RulesMesh once, with a unique prerelease version, into a feed folder under a fresh temporary
/// directory, next to a folder for consumer projects that is isolated from the repository's build files.
/// Disposal deletes the temporary directory and the version from the global packages folder.
/// Set RULESMESH_PKGTEST_KEEP=1 to keep the temporary directory for a look after a failure.
/// </summary>
public sealed partial class PackedPackageFixture : IDisposable
{
    public PackedPackageFixture()
    {
        var id = Guid.NewGuid().ToString("N");
        Version = "0.0.0-pkgtest." + id;
        WorkRoot = Path.Combine(Path.GetTempPath(), "rulesmesh-pkgtest-" + id);
        FeedDirectory = Path.Combine(WorkRoot, "feed");
        ConsumersDirectory = Path.Combine(WorkRoot, "consumers");
        Directory.CreateDirectory(FeedDirectory);
        Directory.CreateDirectory(ConsumersDirectory);
        WriteIsolationFiles();

        // Builds into its own artifacts folder so the repository's bin/ and obj/ (used by other test runs and
        // editors at the same time) are neither touched nor stamped with the test version.
        PackResult = DotNetCli.Run(RepositoryLayout.Root,
        [
            "pack", RepositoryLayout.LibraryProject,
            "--configuration", "Release",
            "--output", FeedDirectory,
            "--artifacts-path", Path.Combine(WorkRoot, "artifacts"),
            "-p:MinVerVersionOverride=" + Version,
            "-p:UseSharedCompilation=false",
            "-nodeReuse:false",
            "-tl:off",
        ]);
        PackagePath = Path.Combine(FeedDirectory, "RulesMesh." + Version + ".nupkg");
        GlobalPackagesFolder = FindGlobalPackagesFolder();
    }

    /// <summary>The unique prerelease version the package was packed with.</summary>
    public string Version { get; }

    /// <summary>The temporary directory holding everything this fixture creates.</summary>
    public string WorkRoot { get; }

    /// <summary>The local feed the package was packed into.</summary>
    public string FeedDirectory { get; }

    /// <summary>
    /// Parent of all consumer projects: holds a nuget.config (local feed + nuget.org) and empty
    /// Directory.Build.props/.targets and Directory.Packages.props so nothing of the repository leaks in.
    /// </summary>
    public string ConsumersDirectory { get; }

    /// <summary>The <c>dotnet pack</c> run.</summary>
    public DotNetResult PackResult { get; }

    /// <summary>The .nupkg file, once packing succeeded.</summary>
    public string PackagePath { get; }

    /// <summary>The NuGet global packages folder the consumers restore into.</summary>
    public string GlobalPackagesFolder { get; }

    /// <summary>Fails the calling test with the full pack output unless packing succeeded.</summary>
    public void AssertPacked()
    {
        Assert.True(PackResult.ExitCode == 0 && File.Exists(PackagePath), "dotnet pack failed or produced no " + Path.GetFileName(PackagePath) + Environment.NewLine + PackResult.Describe());
    }

    /// <summary>Creates an empty folder for one consumer project below <see cref="ConsumersDirectory"/>.</summary>
    public string NewConsumerDirectory(string name)
    {
        var directory = Path.Combine(ConsumersDirectory, name);
        Directory.CreateDirectory(directory);
        return directory;
    }

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("RULESMESH_PKGTEST_KEEP") != "1")
        {
            DeleteDirectory(WorkRoot);
        }

        // Only the version this run invented; other versions of the package are left alone.
        var packageFolder = Path.Combine(GlobalPackagesFolder, "rulesmesh");
        DeleteDirectory(Path.Combine(packageFolder, Version.ToLowerInvariant()));
        try
        {
            // Not recursive: a concurrent run may be restoring its own version into it right now.
            if (Directory.Exists(packageFolder) && !Directory.EnumerateFileSystemEntries(packageFolder).Any())
            {
                Directory.Delete(packageFolder, recursive: false);
            }
        }
        catch (IOException)
        {
            // Someone else's version arrived meanwhile; leave the folder to them.
        }
    }

    private void WriteIsolationFiles()
    {
        // MSBuild stops at the first Directory.Build.props/.targets it finds walking up, and central package
        // management is opt-in per folder: empty files here keep the repository's (and /tmp's) settings out.
        File.WriteAllText(Path.Combine(ConsumersDirectory, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(ConsumersDirectory, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(ConsumersDirectory, "Directory.Packages.props"), "<Project>\n  <PropertyGroup>\n    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>\n  </PropertyGroup>\n</Project>\n");
        File.WriteAllText(Path.Combine(ConsumersDirectory, "global.json"), "{\n  \"sdk\": {\n    \"version\": \"10.0.100\",\n    \"rollForward\": \"latestFeature\"\n  }\n}\n");
        File.WriteAllText(Path.Combine(ConsumersDirectory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="rulesmesh-test-feed" value="{System.Security.SecurityElement.Escape(FeedDirectory)}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
            </configuration>

            """);
    }

    private string FindGlobalPackagesFolder()
    {
        var result = DotNetCli.Run(ConsumersDirectory, ["nuget", "locals", "global-packages", "--list"], TimeSpan.FromMinutes(2));
        var match = GlobalPackagesLine().Match(result.StandardOutput);
        if (result.ExitCode == 0 && match.Success)
        {
            return match.Groups["path"].Value.Trim();
        }

        return Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
    }

    private static void DeleteDirectory(string path)
    {
        for (var attempt = 0; attempt < 5 && Directory.Exists(path); attempt++)
        {
            try
            {
                Directory.Delete(path, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(500);
            }
        }
    }

    [GeneratedRegex(@"^global-packages:\s*(?<path>.+)$", RegexOptions.Multiline)]
    private static partial Regex GlobalPackagesLine();
}
