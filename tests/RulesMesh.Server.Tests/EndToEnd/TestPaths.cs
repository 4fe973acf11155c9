namespace RulesMesh.Server.Tests.EndToEnd;

/// <summary>Where the end-to-end tests find the CLI, the Node harness and the shared conformance data.</summary>
internal static class TestPaths
{
    /// <summary>The folder holding RulesMesh.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The built CLI: the test project references it, so it is copied beside the tests.</summary>
    public static string Cli => Path.Combine(AppContext.BaseDirectory, "RulesMesh.Cli.dll");

    /// <summary>kgateway's golden suite beside the clone (<c>../shared</c>); it may be absent.</summary>
    public static string KgatewayConformance => Path.GetFullPath(Path.Combine(Root, "..", "shared", "conformance", "kgateway"));

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
