using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RulesMesh.Generators.Rules;

namespace RulesMesh.Generators.Tests.Infrastructure;

/// <summary>Runs the rules generator over C# sources that reference the real RulesMesh library, and can load the result.</summary>
internal static class RulesGeneratorHarness
{
    public static GeneratorDriver Driver()
        => CSharpGeneratorDriver.Create(
            [new RulesGenerator().AsSourceGenerator()],
            parseOptions: CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest),
            optionsProvider: BuildProperties.With(("RootNamespace", "Consumer")),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GenerationResult Run(params string[] sources)
    {
        var compilation = ModelGeneratorHarness.Compilation(sources);
        var driver = Driver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return new GenerationResult(driver.GetRunResult(), output);
    }

    /// <summary>Emits the compilation and loads it, so the generated pipeline can be run.</summary>
    public static Assembly Load(Compilation compilation)
    {
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        image.Position = 0;
        return new AssemblyLoadContext("consumer-" + Guid.NewGuid(), isCollectible: true).LoadFromStream(image);
    }

    /// <summary>Runs the generator over <paramref name="sources"/> compiled with one more reference.</summary>
    public static GenerationResult RunWith(MetadataReference reference, params string[] sources)
    {
        var compilation = ModelGeneratorHarness.Compilation(sources).AddReferences(reference);
        var driver = Driver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return new GenerationResult(driver.GetRunResult(), output);
    }

    /// <summary>Calls <c>Create(profile)</c> on the consumer's <c>[RulePipelines]</c> class (<c>Consumer.MeshPipelines</c> by default).</summary>
    public static RulesMesh.Rules.RulePipeline Pipeline(Assembly assembly, string profile, string declaringClass = "Consumer.MeshPipelines")
        => (RulesMesh.Rules.RulePipeline)assembly.GetType(declaringClass, throwOnError: true)!
            .GetMethod("Create")!
            .Invoke(null, [profile])!;
}
