using System.Reflection;
using System.Text.Json;
using RulesMesh.Generators.Tests.Infrastructure;
using RulesMesh.Loading;
using RulesMesh.Modeling;

namespace RulesMesh.Generators.Tests.Crd;

/// <summary>
/// Compiles the models of the Gadget fixture, whose v1beta1 schema differs from the hub v1, and loads manifests with
/// them: each document is checked against its own version's schema, then converted once to the hub type.
/// </summary>
public sealed class HubConversionTests
{
    private static readonly Lazy<ModelRegistry> Registry = new(CompileGadgetModels);

    [Fact]
    public void An_older_version_is_converted_field_by_field_to_the_hub_and_reports_the_hub_apiVersion()
    {
        var result = new ManifestLoader(Registry.Value).LoadText(Gadget("features.example.com/v1beta1", "mode: STATIC\n  legacyMode: old"), "gadget.yaml");

        Assert.Empty(result.Diagnostics);
        var resource = Assert.Single(result.Resources);
        Assert.Equal("Consumer.Models.FeaturesExampleCom.V1.Gadget", resource.Object.GetType().FullName);
        Assert.Equal("features.example.com/v1beta1", resource.WrittenApiVersion);
        var json = JsonSerializer.SerializeToNode(resource.Object, resource.Object.GetType(), ManifestJsonOptions.Default)!;
        Assert.Equal("features.example.com/v1", (string?)json["apiVersion"]);
        Assert.Equal("gizmo", (string?)json["spec"]!["name"]);
        Assert.Equal("STATIC", (string?)json["spec"]!["mode"]);
        Assert.Equal(3, (int?)json["spec"]!["backends"]![0]!["weight"]);
        Assert.Equal("v", (string?)json["spec"]!["labels"]!["k"]);
        Assert.Equal("/x", (string?)json["spec"]!["headers"]!["h"]!["exact"]);
        Assert.Null(json["spec"]!["legacyMode"]);
    }

    [Fact]
    public void An_older_version_is_validated_against_its_own_schema_before_conversion()
    {
        // Missing mode: required by v1beta1's own schema, so an error at the file and line of the document.
        var missing = new ManifestLoader(Registry.Value).LoadText(Gadget("features.example.com/v1beta1", "legacyMode: old"), "gadget.yaml");

        var error = Assert.Single(missing.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal("gadget.yaml", error.SourceName);
        Assert.Contains("mode", error.Message, StringComparison.Ordinal);
        Assert.Empty(missing.Resources);

        // legacyMode is not in v1's schema: the same document written as v1 breaks the schema there.
        var asHub = new ManifestLoader(Registry.Value).LoadText(Gadget("features.example.com/v1", "mode: STATIC\n  replicas: 1\n  legacyMode: old"), "gadget.yaml");
        Assert.Contains(asHub.Diagnostics, d => d.Message.Contains("legacyMode", StringComparison.Ordinal));
    }

    private static string Gadget(string apiVersion, string fields) => $"""
        apiVersion: {apiVersion}
        kind: Gadget
        metadata:
          name: gizmo
          namespace: default
        spec:
          name: gizmo
          {fields}
          labels:
            k: v
          headers:
            h:
              exact: /x
          backends:
          - name: a
            weight: 3
        """;

    private static ModelRegistry CompileGadgetModels()
    {
        var path = Path.Combine(RepositoryPaths.Root, "tests/RulesMesh.Generators.Tests/Snapshots/features.example.com_gadgets.yaml");
        var result = ModelGeneratorHarness.Run([new InMemoryAdditionalText(path, File.ReadAllText(path))]);
        Assert.Empty(result.CompileErrors.Select(e => e.ToString()));
        using var image = new MemoryStream();
        var emitted = result.Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        var assembly = Assembly.Load(image.ToArray());
        var catalog = assembly.GetType("Consumer.Models.GeneratedModels") ?? throw new InvalidOperationException("No catalog among " + string.Join(", ", assembly.GetTypes().Select(t => t.FullName)));
        var all = (IEnumerable<ModelDescriptor>)catalog.GetProperty("All")!.GetValue(null)!;
        return ModelRegistry.Default.With(all);
    }
}
