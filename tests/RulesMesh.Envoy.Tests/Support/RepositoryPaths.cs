namespace RulesMesh.Xds.Tests.Support;

/// <summary>Folders the tests read from, found from the test binaries rather than the working directory.</summary>
internal static class RepositoryPaths
{
    /// <summary>The folder holding RulesMesh.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The shared reference material beside the clone (<c>../shared</c>); it may be absent.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    /// <summary>kgateway's golden suite inside <see cref="Shared"/>.</summary>
    public static string KgatewayConformance => Path.Combine(Shared, "conformance", "kgateway");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RulesMesh.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No RulesMesh.sln above {AppContext.BaseDirectory}.");
    }
}
