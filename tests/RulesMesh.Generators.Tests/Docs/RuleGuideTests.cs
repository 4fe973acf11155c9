using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RulesMesh.Generators.Analyzers;
using RulesMesh.Generators.Tests.Infrastructure;

namespace RulesMesh.Generators.Tests.Docs;

/// <summary>
/// Every C# block of docs/rules.md compiles against the built RulesMesh.dll, with the rules generator and the rule
/// analyzer run in-process as a consumer's build runs them, so the guide cannot rot.
/// </summary>
public sealed partial class RuleGuideTests
{
    // A consumer project has ImplicitUsings; the guide's blocks rely on them as such a project would.
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.Linq;
        """;

    // Blocks without a [RulePipelines] class get one, so their rules are compiled into a pipeline too.
    private const string Pipelines = """
        namespace Guide;

        [RulesMesh.Rules.RulePipelines]
        public static partial class GuidePipelines;
        """;

    public static TheoryData<int> Blocks()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < CSharpBlocks().Count; i++)
        {
            data.Add(i);
        }

        return data;
    }

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

    [Theory]
    [MemberData(nameof(Blocks))]
    public async Task A_csharp_block_of_the_guide_compiles_with_no_error_or_rule_diagnostic(int index)
    {
        var block = CSharpBlocks()[index];
        var sources = block.Contains("[RulePipelines]", StringComparison.Ordinal) ? new[] { ImplicitUsings, block } : new[] { ImplicitUsings, Pipelines, block };

        var result = RulesGeneratorHarness.Run(sources);
        var analyzed = await result.Output
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new RulesAnalyzer()))
            .GetAllDiagnosticsAsync();

        var problems = result.GeneratorDiagnostics.Concat(analyzed)
            .Where(d => d.Severity == DiagnosticSeverity.Error || d.Id.StartsWith("RM", StringComparison.Ordinal))
            .Select(d => d.ToString())
            .ToList();
        Assert.True(problems.Count == 0, $"Block {index} of docs/rules.md:\n{block}\n\n{string.Join("\n", problems)}");
        Assert.Contains(result.Run.Results.Single().GeneratedSources, s => s.HintName.EndsWith("Pipelines.g.cs", StringComparison.Ordinal));
    }

    private static List<string> CSharpBlocks()
        => Fence().Matches(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "rules.md")))
            .Select(m => m.Groups["code"].Value)
            .ToList();

    [GeneratedRegex(@"^```csharp\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();
}
