using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RulesMesh.Generators.Crd;
using RulesMesh.Generators.Tests.Infrastructure;

namespace RulesMesh.Generators.Tests.Crd;

/// <summary>The model generator's pipeline caches: C# edits do no schema work, and a schema edit redoes only that file.</summary>
public sealed class IncrementalityTests
{
    private static readonly string[] AllSteps =
    [
        TrackingNames.SchemaFiles,
        TrackingNames.ParsedFiles,
        TrackingNames.ProvidedModels,
        TrackingNames.Options,
        TrackingNames.ModelSet,
        TrackingNames.ModelUnits,
        TrackingNames.Catalog,
    ];

    private static readonly InMemoryAdditionalText Widgets = TestCrds.File("widgets.yaml", TestCrds.Crd("Widget", "size: {type: integer, format: int32, description: How big.}"));
    private static readonly InMemoryAdditionalText Gadgets = TestCrds.File("gadgets.yaml", TestCrds.Crd("Gadget"));

    [Fact]
    public void An_unrelated_csharp_edit_leaves_every_step_cached()
    {
        var compilation = ModelGeneratorHarness.Compilation("public class Consumer { }");
        var driver = ModelGeneratorHarness.Driver([Widgets, Gadgets]).RunGenerators(compilation);

        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Single(),
            CSharpSyntaxTree.ParseText("public class Consumer { public int Edited; }", (CSharpParseOptions)compilation.SyntaxTrees.Single().Options, compilation.SyntaxTrees.Single().FilePath));
        var rerun = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var step in AllSteps)
        {
            var reasons = rerun.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
            Assert.NotEmpty(reasons);
            Assert.All(reasons, reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        }

        Assert.All(rerun.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Editing_one_schema_file_regenerates_only_that_files_output()
    {
        var compilation = ModelGeneratorHarness.Compilation("public class Consumer { }");
        var driver = ModelGeneratorHarness.Driver([Widgets, Gadgets]).RunGenerators(compilation);

        var editedWidgets = TestCrds.File("widgets.yaml", TestCrds.Crd("Widget", "size: {type: integer, format: int32, description: How big it is.}"));
        var rerun = driver.ReplaceAdditionalText(Widgets, editedWidgets).RunGenerators(compilation).GetRunResult().Results.Single();

        var parsed = rerun.TrackedSteps[TrackingNames.ParsedFiles].SelectMany(s => s.Outputs).ToList();
        Assert.Equal([IncrementalStepRunReason.Modified, IncrementalStepRunReason.Cached], parsed.Select(o => o.Reason).Order());

        var units = rerun.TrackedSteps[TrackingNames.ModelUnits].SelectMany(s => s.Outputs).ToList();
        var modified = Assert.Single(units, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("Widget", modified.Value.ToString());
        Assert.All(units.Where(o => o != modified), o => Assert.Contains(o.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));

        // The catalog lists kinds, not descriptions: it is not rebuilt for a description edit.
        Assert.All(rerun.TrackedSteps[TrackingNames.Catalog].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));
        Assert.Contains("How big it is.", rerun.GeneratedSources.Single(s => s.HintName == "example.com.v1.Widget.g.cs").SourceText.ToString());
    }

    [Fact]
    public void Pipeline_values_hold_no_roslyn_symbols_syntax_or_compilations()
    {
        var compilation = ModelGeneratorHarness.Compilation("public class Consumer { }");
        var run = ModelGeneratorHarness.Driver([Widgets, Gadgets]).RunGenerators(compilation).GetRunResult().Results.Single();

        foreach (var step in AllSteps.Where(s => s != TrackingNames.SchemaFiles))
        {
            foreach (var output in run.TrackedSteps[step].SelectMany(s => s.Outputs))
            {
                AssertHoldsNoRoslynObjects(output.Value, step, new HashSet<object>(ReferenceEqualityComparer.Instance));
            }
        }
    }

    private static void AssertHoldsNoRoslynObjects(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        Assert.False(
            value is ISymbol or SyntaxNode or SyntaxTree or Compilation or SemanticModel or Location or AdditionalText,
            $"{path} holds a {value.GetType().Name}, which defeats caching.");

        // Diagnostic descriptors are shared static singletons, compared by reference: safe to hold.
        if (value is DiagnosticDescriptor)
        {
            return;
        }

        if (value is IEnumerable items)
        {
            foreach (var item in items)
            {
                AssertHoldsNoRoslynObjects(item, path + "[]", seen);
            }

            return;
        }

        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertHoldsNoRoslynObjects(field.GetValue(value), path + "." + field.Name, seen);
        }
    }
}
