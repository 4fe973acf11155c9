using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RulesMesh.Generators.Crd;

namespace RulesMesh.Generators.Tests.Infrastructure;

/// <summary>Runs the CRD model generator the way the compiler does, and compiles what it produced.</summary>
internal static class ModelGeneratorHarness
{
    // Documentation diagnostics on, so malformed XML docs made from schema descriptions are caught.
    private static readonly CSharpParseOptions ParseOptions = CSharpParseOptions.Default
        .WithLanguageVersion(LanguageVersion.Latest)
        .WithDocumentationMode(DocumentationMode.Diagnose);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll");
        var libraries = new[]
        {
            typeof(k8s.IKubernetesObject).Assembly.Location,
            typeof(RulesMesh.Modeling.ModelDescriptor).Assembly.Location,
            typeof(Envoy.Config.Cluster.V3.Cluster).Assembly.Location,
            typeof(Google.Protobuf.IMessage).Assembly.Location,
        };
        return platform.Concat(libraries).Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    });

    public static CSharpCompilation Compilation(params string[] sources)
        => CSharpCompilation.Create(
            "Consumer",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs")),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver Driver(IEnumerable<AdditionalText> files, BuildProperties? options = null)
        => CSharpGeneratorDriver.Create(
            new[] { new CrdModelGenerator().AsSourceGenerator() },
            files,
            ParseOptions,
            options ?? BuildProperties.With(("RulesMeshModelsNamespace", "Consumer.Models")),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Generates from the given files and compiles the result.</summary>
    public static GenerationResult Run(IEnumerable<AdditionalText> files, BuildProperties? options = null, params string[] sources)
    {
        var compilation = Compilation(sources);
        var driver = Driver(files, options).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return new GenerationResult(driver.GetRunResult(), output);
    }

    public static IEnumerable<AdditionalText> FilesIn(string folder)
        => Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal).Select(p => (AdditionalText)new InMemoryAdditionalText(p, File.ReadAllText(p)));
}

/// <summary>What one generator run produced and the compilation that includes it.</summary>
internal sealed record GenerationResult(GeneratorDriverRunResult Run, Compilation Output)
{
    public ImmutableArray<Diagnostic> GeneratorDiagnostics => Run.Diagnostics;

    public IEnumerable<Diagnostic> CompileErrors => Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error);

    public IEnumerable<Diagnostic> CompileWarnings => Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Warning);

    public string Source(string hintName) => Run.Results.Single().GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();
}
