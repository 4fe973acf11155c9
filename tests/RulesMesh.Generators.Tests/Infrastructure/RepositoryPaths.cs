namespace RulesMesh.Generators.Tests.Infrastructure;

/// <summary>Finds the repository and the shared reference material beside it (<c>../shared</c>).</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The shared folder, or null when this clone has none beside it.</summary>
    public static string? Shared { get; } = Directory.Exists(Path.Combine(Root, "..", "shared")) ? Path.GetFullPath(Path.Combine(Root, "..", "shared")) : null;

    public static string TestData(params string[] parts) => Path.Combine([Root, "tests", "RulesMesh.Generators.Tests", .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RulesMesh.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("RulesMesh.sln not found above " + AppContext.BaseDirectory);
    }
}
