using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using RulesMesh.Generators.Tests.Infrastructure;

namespace RulesMesh.Generators.Tests.Crd;

/// <summary>Each RM0xxx diagnostic of the model generator: when it fires, where it points, and that other files still generate.</summary>
public sealed class DiagnosticTests
{
    private static readonly InMemoryAdditionalText ValidWidget = TestCrds.File("widgets.yaml", TestCrds.Crd("Widget"));

    [Fact]
    public void RM0001_invalid_yaml_is_reported_at_its_line_and_other_files_still_generate()
    {
        var broken = TestCrds.File("broken.yaml", "apiVersion: v1\nkind: Widget\n  metadata: {name: x}\n");

        var result = ModelGeneratorHarness.Run([broken, ValidWidget]);

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("RM0001", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("/schemas/broken.yaml", diagnostic.Location.GetLineSpan().Path);
        Assert.InRange(diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1, 2, 4);
        Assert.Contains(result.Run.Results.Single().GeneratedSources, s => s.HintName == "example.com.v1.Widget.g.cs");
        Assert.Null(result.Run.Results.Single().Exception);
    }

    [Fact]
    public void RM0001_a_truncated_flow_collection_is_reported_where_it_opens_not_thrown()
    {
        var result = ModelGeneratorHarness.Run([TestCrds.File("truncated.yaml", "apiVersion: v1\nkind: [unclosed\nmetadata: {}\n"), ValidWidget]);

        Assert.Null(result.Run.Results.Single().Exception);
        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("RM0001", diagnostic.Id);
        Assert.Equal(new LinePosition(1, 6), diagnostic.Location.GetLineSpan().StartLinePosition); // (2,7): the '['
        Assert.Equal("'truncated.yaml' is not valid YAML: malformed YAML: perhaps this '[' is never closed.; no models were generated from it", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(result.Run.Results.Single().GeneratedSources, s => s.HintName == "example.com.v1.Widget.g.cs");
    }

    [Fact]
    public void RM0001_a_tab_used_as_indentation_is_reported_at_the_tab()
    {
        var result = ModelGeneratorHarness.Run([TestCrds.File("tabs.yaml", "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\nspec:\n\tgroup: example.com\n"), ValidWidget]);

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("RM0001", diagnostic.Id);
        Assert.Equal(new LinePosition(5, 0), diagnostic.Location.GetLineSpan().StartLinePosition); // (6,1)
    }

    [Fact]
    public void RM0001_a_file_that_is_not_a_yaml_mapping_is_reported()
    {
        var result = ModelGeneratorHarness.Run([TestCrds.File("list.yaml", "- just\n- a list\n"), ValidWidget]);

        Assert.Equal("RM0001", Assert.Single(result.GeneratorDiagnostics).Id);
        Assert.Contains(result.Run.Results.Single().GeneratedSources, s => s.HintName == "example.com.v1.Widget.g.cs");
    }

    [Fact]
    public void RM0001_binary_content_does_not_crash_the_generator()
    {
        var garbage = new string(Enumerable.Range(0, 200).Select(i => (char)(i % 32 == 9 ? 'x' : i % 31)).ToArray());

        var result = ModelGeneratorHarness.Run([TestCrds.File("garbage.yaml", garbage), ValidWidget]);

        Assert.Null(result.Run.Results.Single().Exception);
        Assert.Contains(result.GeneratorDiagnostics, d => d.Id == "RM0001");
        Assert.Contains(result.Run.Results.Single().GeneratedSources, s => s.HintName == "example.com.v1.Widget.g.cs");
    }

    [Fact]
    public void RM0002_a_version_without_openapi_schema_is_skipped_and_reported_at_that_version()
    {
        var text = TestCrds.Crd("Widget") + "\n  - name: v2\n    served: true\n    storage: false\n";

        var result = ModelGeneratorHarness.Run([TestCrds.File("widgets.yaml", text)]);

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("RM0002", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal(text.Split('\n').ToList().FindIndex(l => l.Contains("name: v2")), diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains(result.Run.Results.Single().GeneratedSources, s => s.HintName == "example.com.v1.Widget.g.cs");
        Assert.DoesNotContain(result.Run.Results.Single().GeneratedSources, s => s.HintName == "example.com.v2.Widget.g.cs");
    }

    [Fact]
    public void RM0003_an_unknown_schema_type_is_kept_as_raw_json_with_a_warning()
    {
        var result = ModelGeneratorHarness.Run([TestCrds.File("widgets.yaml", TestCrds.Crd("Widget", "shape: {type: polygon}"))]);

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("RM0003", diagnostic.Id);
        Assert.Contains("Widget.spec.shape", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("JsonElement? Shape", result.Source("example.com.v1.Widget.g.cs"));
        Assert.Empty(result.CompileErrors);
    }

    [Fact]
    public void RM0003_a_v1beta1_custom_resource_definition_is_reported_as_unsupported()
    {
        var text = TestCrds.Crd("Widget").Replace("apiextensions.k8s.io/v1", "apiextensions.k8s.io/v1beta1");

        var result = ModelGeneratorHarness.Run([TestCrds.File("widgets.yaml", text)]);

        Assert.Equal("RM0003", Assert.Single(result.GeneratorDiagnostics).Id);
        Assert.Empty(result.Run.Results.Single().GeneratedSources);
    }

    [Fact]
    public void RM0004_a_nested_type_that_would_take_another_kinds_name_is_renamed_and_reported()
    {
        var widget = TestCrds.File("widgets.yaml", TestCrds.Crd("Widget", "part: {type: object, properties: {size: {type: integer, format: int32}}}"));
        var part = TestCrds.File("widgetparts.yaml", TestCrds.Crd("WidgetPart"));

        var result = ModelGeneratorHarness.Run([widget, part]);

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("RM0004", diagnostic.Id);
        Assert.Contains("'WidgetPart2'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("public WidgetPart2? Part", result.Source("example.com.v1.Widget.g.cs"));
        Assert.Contains("public sealed partial class WidgetPart :", result.Source("example.com.v1.WidgetPart.g.cs"));
        Assert.Empty(result.CompileErrors);
    }

    [Fact]
    public void RM0004_an_array_element_whose_singular_name_is_taken_is_renamed_and_reported()
    {
        var properties = "port: {type: object, properties: {number: {type: integer, format: int32}}}\nports: {type: array, items: {type: object, properties: {name: {type: string}}}}";

        var result = ModelGeneratorHarness.Run([TestCrds.File("widgets.yaml", TestCrds.Crd("Widget", properties))]);

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("RM0004", diagnostic.Id);
        Assert.Contains("'WidgetPort2'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        var source = result.Source("example.com.v1.Widget.g.cs");
        Assert.Contains("public WidgetPort? Port", source);
        Assert.Contains("List<WidgetPort2>? Ports", source);
        Assert.Empty(result.CompileErrors);
    }

    [Fact]
    public void RM0005_wire_names_that_collide_in_csharp_both_survive_under_distinct_names()
    {
        var properties = "mirror_percent: {type: integer, format: int32}\nmirrorPercent: {type: integer, format: int32}";

        var result = ModelGeneratorHarness.Run([TestCrds.File("widgets.yaml", TestCrds.Crd("Widget", properties))]);

        Assert.Equal("RM0005", Assert.Single(result.GeneratorDiagnostics).Id);
        var source = result.Source("example.com.v1.Widget.g.cs");
        Assert.Contains("JsonPropertyName(\"mirrorPercent\")]\n        [global::System.Text.Json.Serialization.JsonIgnore(Condition = global::System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]\n        public int? MirrorPercent", source);
        Assert.Contains("JsonPropertyName(\"mirror_percent\")]\n        [global::System.Text.Json.Serialization.JsonIgnore(Condition = global::System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]\n        public int? Mirror_Percent", source);
        Assert.Empty(result.CompileErrors);
    }

    [Fact]
    public void RM0006_a_kind_defined_in_two_files_is_generated_once_from_the_first_path()
    {
        var first = TestCrds.File("a-widgets.yaml", TestCrds.Crd("Widget", "fromA: {type: string}"));
        var second = TestCrds.File("b-widgets.yaml", TestCrds.Crd("Widget", "fromB: {type: string}"));

        var result = ModelGeneratorHarness.Run([second, first]);

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("RM0006", diagnostic.Id);
        Assert.Equal("/schemas/b-widgets.yaml", diagnostic.Location.GetLineSpan().Path);
        Assert.Contains("FromA", result.Source("example.com.v1.Widget.g.cs"));
        Assert.Empty(result.CompileErrors);
    }

    [Fact]
    public void RM0007_a_kind_the_runtime_library_already_models_is_not_generated_again()
    {
        var serviceEntry = Path.Combine(RepositoryPaths.Root, "schemas", "networking.istio.io_serviceentries.yaml");

        var result = ModelGeneratorHarness.Run([new InMemoryAdditionalText(serviceEntry, File.ReadAllText(serviceEntry))]);

        Assert.All(result.GeneratorDiagnostics, d => Assert.Equal("RM0007", d.Id));
        Assert.Contains(result.GeneratorDiagnostics, d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("RulesMesh.Models.NetworkingIstioIo.V1.ServiceEntry"));
        Assert.Empty(result.Run.Results.Single().GeneratedSources);
    }

    [Fact]
    public void RM0008_a_crd_without_a_plural_name_is_skipped_with_an_error_at_the_names_mapping()
    {
        var text = TestCrds.Crd("Widget").Replace("    plural: widgets\n", string.Empty);

        var result = ModelGeneratorHarness.Run([TestCrds.File("widgets.yaml", text), TestCrds.File("gadgets.yaml", TestCrds.Crd("Gadget"))]);

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("RM0008", diagnostic.Id);
        Assert.Contains("spec.names.plural", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new LinePosition(7, 4), diagnostic.Location.GetLineSpan().StartLinePosition); // (8,5): the names mapping it is missing from
        Assert.Contains(result.Run.Results.Single().GeneratedSources, s => s.HintName == "example.com.v1.Gadget.g.cs");
    }

    [Fact]
    public void Documents_that_are_not_crds_are_ignored_silently()
    {
        var text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n---\n" + TestCrds.Crd("Widget");

        var result = ModelGeneratorHarness.Run([TestCrds.File("mixed.yaml", text)]);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Contains(result.Run.Results.Single().GeneratedSources, s => s.HintName == "example.com.v1.Widget.g.cs");
    }
}
