namespace RulesMesh.LoadTests;

/// <summary>Where the CLI this run starts lives: the build output of src/RulesMesh.Cli in the same configuration.</summary>
internal static class Repository
{
    public static string CliDll()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        for (var folder = output; folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "RulesMesh.sln")))
            {
                var dll = Path.Combine(folder.FullName, "src", "RulesMesh.Cli", "bin", configuration, framework, "RulesMesh.Cli.dll");
                return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the CLI first ({configuration}): {dll} is missing.", dll);
            }
        }

        throw new DirectoryNotFoundException($"No RulesMesh.sln above {AppContext.BaseDirectory}.");
    }
}
