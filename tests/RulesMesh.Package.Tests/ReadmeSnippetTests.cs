using System.Text.RegularExpressions;
using RulesMesh.Package.Tests.Infrastructure;

namespace RulesMesh.Package.Tests;

/// <summary>
/// The C# blocks of the README's "Using the package" section (fence info <c>csharp package</c>) are one consumer
/// program: built against the packed package as written (rules, declared pipeline, loading, translation) and run on
/// the sample mesh.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed partial class ReadmeSnippetTests(PackedPackageFixture package, ITestOutputHelper output)
{
    [Fact]
    public void The_readme_library_snippets_build_and_translate_the_sample_through_the_declared_pipeline()
    {
        package.AssertPacked();
        var blocks = Blocks();
        Assert.Equal(2, blocks.Count);
        var directory = package.NewConsumerDirectory("ReadmeSnippets");
        File.WriteAllText(Path.Combine(directory, "Rules.cs"), blocks[0]);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), blocks[1]);
        ConsumerProject.WriteProject(directory, "ReadmeSnippets", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <RootNamespace>MyApp</RootNamespace>
            {ConsumerProject.CommonProperties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="RulesMesh" Version="{package.Version}" />
              </ItemGroup>
            </Project>
            """);

        var build = ConsumerProject.Build(Path.Combine(directory, "ReadmeSnippets.csproj"));
        output.WriteLine($"build: {build.Duration.TotalSeconds:F1}s");
        ConsumerProject.AssertCleanBuild(build);
        var run = DotNetCli.Run(directory, [Path.Combine(directory, "bin", "Debug", "net10.0", "ReadmeSnippets.dll"), Path.Combine(RepositoryLayout.Root, "samples", "mesh")], TimeSpan.FromMinutes(2));

        Assert.True(run.ExitCode == 0, run.Describe());
        var clusters = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        // samples/mesh/30-payments.yaml: ServiceEntry stripe-api, host api.stripe.example, port 443, captured by infra/waypoint;
        // the README's egress rule names it egress-<host>-<port> in place of kgateway's ServiceEntry naming.
        Assert.Contains("egress-api.stripe.example-443", clusters);
    }

    private static List<string> Blocks()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryLayout.Root, "README.md"));
        var start = readme.IndexOf("## Using the package", StringComparison.Ordinal);
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return CSharpBlock().Matches(readme[start..end]).Select(m => m.Groups["code"].Value).ToList();
    }

    [GeneratedRegex(@"^```csharp package\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
