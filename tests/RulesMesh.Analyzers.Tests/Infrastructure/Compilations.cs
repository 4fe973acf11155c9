using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace RulesMesh.Analyzers.Tests.Infrastructure;

/// <summary>Builds compilations outside the testing framework: libraries run through the real generators, and generator output.</summary>
internal static class Compilations
{
    public static CSharpCompilation Create(string assemblyName, IEnumerable<MetadataReference> extraReferences, params string[] sources)
        => CSharpCompilation.Create(
            assemblyName,
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, path: $"/{assemblyName}/Source{i}.cs")),
            TestReferences.Framework.Add(TestReferences.RulesMesh).Add(TestReferences.KubernetesClient).AddRange(TestReferences.Envoy).AddRange(extraReferences),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    /// <summary>Runs <paramref name="generators"/> over the compilation, as the compiler does before analyzers run.</summary>
    public static Compilation Generate(Compilation compilation, IEnumerable<ISourceGenerator> generators, IEnumerable<AdditionalText>? files = null)
    {
        CSharpGeneratorDriver.Create(generators, files, (CSharpParseOptions)compilation.SyntaxTrees.First().Options)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        Assert.Empty(diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        return output;
    }

    /// <summary>Emits the compilation and returns it as a metadata reference, failing on any compile error.</summary>
    public static MetadataReference Emit(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join(Environment.NewLine, result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return MetadataReference.CreateFromImage(stream.ToArray());
    }
}

/// <summary>An additional file held in memory.</summary>
internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}
