using Microsoft.CodeAnalysis;
using RulesMesh.Generators.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RulesMesh.Generators.Tests.Crd;

/// <summary>Feeds every real upstream CRD bundle under ../shared/crds through the generator and compiles the result.</summary>
public sealed class UpstreamBundleTests(ITestOutputHelper output)
{
    public static TheoryData<string> Bundles => new()
    {
        "istio",
        "older/istio-1.22.0",
        "gateway-api/standard",
        "gateway-api/experimental",
        "releases/gateway-api-v1.6.1/standard",
        "older/gateway-api-v1.1.0/standard",
    };

    [SkippableTheory]
    [MemberData(nameof(Bundles))]
    public void Upstream_bundle_generates_models_that_compile_without_errors_or_warnings(string bundle)
    {
        Skip.If(RepositoryPaths.Shared is null, "../shared is not beside this clone; the upstream CRD bundles are not available.");
        var folder = Path.Combine(RepositoryPaths.Shared!, "crds", bundle);

        // Regenerate even the kinds RulesMesh.dll ships, so every upstream kind is compiled here.
        var result = ModelGeneratorHarness.Run(
            ModelGeneratorHarness.FilesIn(folder),
            BuildProperties.With(("RulesMeshModelsNamespace", "Upstream.Models"), ("RulesMeshRegenerateProvidedModels", "true")));

        foreach (var diagnostic in result.GeneratorDiagnostics)
        {
            output.WriteLine(diagnostic.ToString());
        }

        Assert.Empty(result.GeneratorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Empty(result.CompileErrors.Take(20).Select(e => e.ToString()));
        Assert.Empty(result.CompileWarnings.Take(20).Select(e => e.ToString()));
        var generated = result.Run.Results.Single().GeneratedSources;
        Assert.Contains(generated, s => s.HintName == "GeneratedModels.g.cs");
        var types = generated.SelectMany(s => s.SyntaxTree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.BaseTypeDeclarationSyntax>()).ToList();
        var conversions = types.Count(t => t.Identifier.Text.EndsWith("Conversion", StringComparison.Ordinal));
        output.WriteLine($"{generated.Length} files and {types.Count} types ({conversions} hub conversion classes) generated from {bundle}");
    }
}
