using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace RulesMesh.Generators.Tests.Infrastructure;

/// <summary>
/// The rule API alone: src/RulesMesh/Rules (and the object key and subject interface its rules read) compiled from source into a library,
/// with no stage and no built-in rule. A consumer compiled against it sees only its own rules and contracts.
/// </summary>
internal static class RuleApiHarness
{
    // RuleContext and the lookups behind it read Gateways, a model generated into RulesMesh.dll; they are the stages'
    // context, not part of the API.
    private static readonly string[] Excluded = ["RuleContext.cs", "IRuleLookup.cs", "GivenRuleObjects.cs"];

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Append(typeof(k8s.IKubernetesObject).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
        var folder = Path.Combine(RepositoryPaths.Root, "src", "RulesMesh");
        var files = Directory.EnumerateFiles(Path.Combine(folder, "Rules"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !Excluded.Contains(Path.GetFileName(f)))
            .Append(Path.Combine(folder, "Mesh", "ObjectKey.cs"))
            .Append(Path.Combine(folder, "Mesh", "IRuleSubject.cs"))
            .Order(StringComparer.Ordinal);
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), ParseOptions, f))
            .Append(CSharpSyntaxTree.ParseText("global using System; global using System.Collections.Generic; global using System.Linq;", ParseOptions));
        var api = CSharpCompilation.Create("RulesMesh", trees, platform, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = api.Emit(image);
        if (!emitted.Success)
        {
            throw new InvalidOperationException("The rule API does not compile on its own:\n" + string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        return platform.Add(MetadataReference.CreateFromImage(image.ToArray()));
    });

    public static readonly CSharpParseOptions ParseOptions = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);

    /// <summary>Runs the rules generator over <paramref name="sources"/> compiled against the rule API alone.</summary>
    public static GenerationResult Run(params string[] sources)
    {
        var compilation = CSharpCompilation.Create(
            "Consumer",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs")),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var driver = RulesGeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return new GenerationResult(driver.GetRunResult(), output);
    }
}
