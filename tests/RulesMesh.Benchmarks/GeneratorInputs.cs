using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace RulesMesh.Benchmarks;

/// <summary>
/// What a consumer's build hands the model generator: a small C# compilation that references the runtime,
/// RulesMesh.dll and KubernetesClient.dll, and the CRD bundles as AdditionalFiles.
/// </summary>
internal sealed class GeneratorInputs
{
    private const string ConsumerCode = "namespace Consumer; public static class Marker { public const int Revision = 1; }";

    private GeneratorInputs(CSharpCompilation compilation, ImmutableArray<AdditionalText> additionalTexts)
    {
        Compilation = compilation;
        AdditionalTexts = additionalTexts;
    }

    public CSharpCompilation Compilation { get; }

    public ImmutableArray<AdditionalText> AdditionalTexts { get; }

    public static GeneratorInputs Create(IEnumerable<string> bundlePaths)
    {
        var compilation = CSharpCompilation.Create(
            "Consumer",
            [CSharpSyntaxTree.ParseText(ConsumerCode)],
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        return new GeneratorInputs(compilation, [.. bundlePaths.Select(path => (AdditionalText)new FileAdditionalText(path))]);
    }

    /// <summary>The same compilation with its one C# file edited: a change the model generator must not react to.</summary>
    public CSharpCompilation WithUnrelatedEdit()
    {
        var original = Compilation.SyntaxTrees.Single();
        var edited = CSharpSyntaxTree.ParseText(ConsumerCode.Replace("Revision = 1", "Revision = 2", StringComparison.Ordinal));
        return Compilation.ReplaceSyntaxTree(original, edited);
    }

    private static IEnumerable<MetadataReference> References()
    {
        // The shared framework folder holds only managed assemblies as *.dll on every platform the SDK ships for.
        var runtime = Directory.EnumerateFiles(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "*.dll");
        var rulesMesh = new[] { typeof(Modeling.ModelDescriptor).Assembly.Location, typeof(k8s.Kubernetes).Assembly.Location };
        return runtime.Concat(rulesMesh).Select(path => MetadataReference.CreateFromFile(path));
    }
}
