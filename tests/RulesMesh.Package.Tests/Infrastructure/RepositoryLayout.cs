namespace RulesMesh.Package.Tests.Infrastructure;

/// <summary>Finds the repository this test assembly was built from.</summary>
internal static class RepositoryLayout
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder that holds RulesMesh.sln.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>The runtime library project that the package is packed from.</summary>
    public static string LibraryProject => Path.Combine(Root, "src", "RulesMesh", "RulesMesh.csproj");

    /// <summary>The CRD schemas the library generates its models from.</summary>
    public static string SchemasDirectory => Path.Combine(Root, "schemas");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RulesMesh.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No RulesMesh.sln found in {AppContext.BaseDirectory} or any folder above it.");
    }
}
