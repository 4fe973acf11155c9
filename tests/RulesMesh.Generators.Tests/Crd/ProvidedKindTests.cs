using System.Globalization;
using System.Reflection;
using DiagnosticSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;
using RulesMesh.Generators.Tests.Infrastructure;
using RulesMesh.Loading;
using RulesMesh.Modeling;

namespace RulesMesh.Generators.Tests.Crd;

/// <summary>
/// A kind RulesMesh.dll models keeps that one runtime type whatever CRDs a project brings: a version RulesMesh does not
/// model is refused (RM0009), and regenerated copies never reach the loader's registry.
/// </summary>
public sealed class ProvidedKindTests
{
    private const string RulesMeshServiceEntry = "RulesMesh.Models.NetworkingIstioIo.V1.ServiceEntry";

    [Fact]
    public void RM0009_a_version_of_a_shipped_kind_that_RulesMesh_does_not_model_is_refused_and_nothing_is_generated()
    {
        // Istio's ServiceEntry CRD as RulesMesh ships it, with v1alpha3 renamed to a v2 RulesMesh has never seen.
        var text = ServiceEntryCrd().Replace("  - name: v1alpha3\n", "  - name: v2\n", StringComparison.Ordinal);

        var result = ModelGeneratorHarness.Run([TestCrds.File("serviceentries.yaml", text)]);

        var refused = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "RM0009");
        Assert.Equal(DiagnosticSeverity.Error, refused.Severity);
        var message = refused.GetMessage(CultureInfo.InvariantCulture);
        Assert.Contains("'networking.istio.io/ServiceEntry' version 'v2'", message, StringComparison.Ordinal);
        Assert.Contains("it reads v1, v1alpha3, v1beta1 into '" + RulesMeshServiceEntry + "'", message, StringComparison.Ordinal);
        Assert.Contains("RulesMeshRegenerateProvidedModels", message, StringComparison.Ordinal);
        Assert.Equal(text.Split('\n').ToList().FindIndex(l => l == "  - name: v2"), refused.Location.GetLineSpan().StartLinePosition.Line);

        // v1 and v1beta1 are RulesMesh's: skipped as RM0007 (Info); nothing else is reported or generated.
        Assert.Equal(["RM0007", "RM0007", "RM0009"], result.GeneratorDiagnostics.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.Empty(result.Run.Results.Single().GeneratedSources);
    }

    [Fact]
    public void Without_the_property_a_shipped_version_is_skipped_and_not_refused()
    {
        var result = ModelGeneratorHarness.Run([TestCrds.File("serviceentries.yaml", ServiceEntryCrd())]);

        Assert.Equal(["RM0007", "RM0007", "RM0007"], result.GeneratorDiagnostics.Select(d => d.Id));
        Assert.All(result.GeneratorDiagnostics, d => Assert.Equal(DiagnosticSeverity.Info, d.Severity));
    }

    [Fact]
    public void Regenerated_copies_of_a_shipped_kind_are_listed_apart_and_the_default_registry_keeps_RulesMesh_s_type()
    {
        var text = ServiceEntryCrd().Replace("  - name: v1alpha3\n", "  - name: v2\n", StringComparison.Ordinal);
        var result = ModelGeneratorHarness.Run(
            [TestCrds.File("serviceentries.yaml", text)],
            BuildProperties.With(("RulesMeshModelsNamespace", "Consumer.Models"), ("RulesMeshRegenerateProvidedModels", "true")));

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompileErrors.Select(e => e.ToString()));
        var assembly = Emit(result);
        var catalog = assembly.GetType("Consumer.Models.GeneratedModels")!;
        var all = (IReadOnlyList<ModelDescriptor>)catalog.GetProperty("All")!.GetValue(null)!;
        var regenerated = (IReadOnlyList<ModelDescriptor>)catalog.GetProperty("Regenerated")!.GetValue(null)!;

        Assert.Empty(all);
        Assert.Equal(["networking.istio.io/v1", "networking.istio.io/v1beta1", "networking.istio.io/v2"], regenerated.Select(m => m.ApiVersion));
        Assert.All(regenerated, m => Assert.Equal("Consumer.Models.NetworkingIstioIo.V1.ServiceEntry", m.ClrType.FullName));

        // No ProvidesModel: a project referencing this assembly still sees RulesMesh as the kind's one model.
        Assert.Empty(assembly.GetCustomAttributes<ProvidesModelAttribute>());

        // A registry built with the catalog's All reads the kind into RulesMesh's type, which the built-in rules read.
        Assert.True(ModelRegistry.Default.With(all).TryGet("networking.istio.io/v1", "ServiceEntry", out var model));
        Assert.Equal(typeof(RulesMesh.Models.NetworkingIstioIo.V1.ServiceEntry), model.ClrType);
    }

    private static string ServiceEntryCrd() => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "schemas", "networking.istio.io_serviceentries.yaml")).Replace("\r\n", "\n", StringComparison.Ordinal);

    private static Assembly Emit(GenerationResult result)
    {
        using var image = new MemoryStream();
        var emitted = result.Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return Assembly.Load(image.ToArray());
    }
}
