using System.Text.RegularExpressions;
using RulesMesh.Generators.Tests.Infrastructure;

namespace RulesMesh.Generators.Tests.Docs;

/// <summary>
/// docs/rules.md shows every kind of rule; <see cref="DocsCodeBlockTests"/> compiles each of its C# blocks.
/// </summary>
public sealed partial class RuleGuideTests
{
    [Fact]
    public void The_guide_has_an_example_of_every_kind_of_rule()
    {
        var blocks = CSharpBlocks();

        Assert.Contains(blocks, b => b.Contains("[UseWaypointLabel(", StringComparison.Ordinal));
        Assert.Contains(blocks, b => b.Contains(": IServiceCaptureRule", StringComparison.Ordinal));
        Assert.Contains(blocks, b => b.Contains(": IClusterNameRule", StringComparison.Ordinal));
        Assert.Contains(blocks, b => b.Contains(": IBackendPolicyRule", StringComparison.Ordinal));
        Assert.Contains(blocks, b => b.Contains(": IRouteRulesRule", StringComparison.Ordinal));
        Assert.Contains(blocks, b => b.Contains("[StageContract(", StringComparison.Ordinal));
    }

    private static List<string> CSharpBlocks()
        => Fence().Matches(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "rules.md")))
            .Select(m => m.Groups["code"].Value)
            .ToList();

    [GeneratedRegex(@"^```csharp[^\n]*\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();
}
