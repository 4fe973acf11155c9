namespace RulesMesh.Benchmarks;

/// <summary>
/// Finds the upstream CRD bundles in the <c>shared/</c> folder that sits beside the repository clone.
/// BenchmarkDotNet runs each benchmark in a child process built under bin/, so the search starts from the running
/// assembly and walks up to the folder that holds RulesMesh.sln.
/// </summary>
internal static class RepositoryLayout
{
    private const string SolutionFile = "RulesMesh.sln";

    private static readonly string[] BundleFolders = ["crds/istio", "crds/gateway-api/experimental"];

    /// <summary>Every <c>*.yaml</c> of the Istio and Gateway API (experimental) bundles, or null when shared/ is not there.</summary>
    public static IReadOnlyList<string>? FindUpstreamBundles()
    {
        var shared = FindSharedFolder();
        if (shared is null)
        {
            return null;
        }

        var folders = BundleFolders.Select(folder => Path.Combine(shared, folder)).ToList();
        if (!folders.All(Directory.Exists))
        {
            return null;
        }

        return folders
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.yaml"))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Where <see cref="FindUpstreamBundles"/> looks, for the message shown when it finds nothing.</summary>
    public static string Describe() => $"../shared/{{{string.Join(",", BundleFolders)}}}/*.yaml beside the folder holding {SolutionFile}";

    private static string? FindSharedFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
            {
                var shared = Path.Combine(directory.FullName, "..", "shared");
                return Directory.Exists(shared) ? Path.GetFullPath(shared) : null;
            }
        }

        return null;
    }
}
