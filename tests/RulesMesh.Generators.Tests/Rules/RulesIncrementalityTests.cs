using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RulesMesh.Generators.Rules;
using RulesMesh.Generators.Tests.Infrastructure;

namespace RulesMesh.Generators.Tests.Rules;

/// <summary>The rules generator caches like the model generator: edits that touch no rule redo nothing.</summary>
public sealed class RulesIncrementalityTests
{
    private const string Rule = """
        using RulesMesh.Rules;
        using RulesMesh.Rules.Declarative;
        namespace Consumer;
        [Rule("example.naming", Order = 5)]
        [ClusterNameFormat("c_{name}_{port}")]
        public sealed partial class ExampleNaming;
        [RulePipelines]
        public static partial class MeshPipelines;
        """;

    [Fact]
    public void An_edit_outside_rule_classes_leaves_every_step_after_reading_cached()
    {
        var compilation = ModelGeneratorHarness.Compilation(Rule, "public class Other { }");
        var driver = RulesGeneratorHarness.Driver().RunGenerators(compilation);
        var other = compilation.SyntaxTrees.Last();

        var edited = compilation.ReplaceSyntaxTree(other, CSharpSyntaxTree.ParseText("public class Other { public int Edited; }", (CSharpParseOptions)other.Options, other.FilePath));
        var rerun = driver.RunGenerators(edited).GetRunResult().Results.Single();

        // Reading a rule or the [RulePipelines] class needs its symbol, so Roslyn re-runs that transform on any compilation change; its output
        // compares equal ("Unchanged"), and everything after it stays cached.
        foreach (var step in new[] { TrackingNames.LocalRules, TrackingNames.Declarations })
        {
            Assert.All(rerun.TrackedSteps[step].SelectMany(s => s.Outputs), o => Assert.Contains(o.Reason, new[] { IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached }));
        }

        foreach (var step in new[] { TrackingNames.ReferencedRules, TrackingNames.Pipelines })
        {
            Assert.All(rerun.TrackedSteps[step].SelectMany(s => s.Outputs), o => Assert.True(o.Reason == IncrementalStepRunReason.Cached, step + " was " + o.Reason));
        }

        Assert.All(rerun.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Editing_a_rule_body_without_changing_its_declaration_does_not_rebuild_the_pipeline()
    {
        var source = Rule + "\npublic sealed class Helper { public int Value => 1; }";
        var compilation = ModelGeneratorHarness.Compilation(source);
        var driver = RulesGeneratorHarness.Driver().RunGenerators(compilation);
        var tree = compilation.SyntaxTrees.Single();

        var edited = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(source.Replace("=> 1", "=> 2"), (CSharpParseOptions)tree.Options, tree.FilePath));
        var rerun = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.All(rerun.TrackedSteps[TrackingNames.LocalRules].SelectMany(s => s.Outputs), o => Assert.Contains(o.Reason, new[] { IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached }));
        Assert.All(rerun.TrackedSteps[TrackingNames.Pipelines].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }
}
