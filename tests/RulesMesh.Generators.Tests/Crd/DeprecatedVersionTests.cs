using System.Globalization;
using RulesMesh.Generators.Tests.Infrastructure;

namespace RulesMesh.Generators.Tests.Crd;

/// <summary>
/// A CRD version bump shows up where users write code: types of a deprecated version are [Obsolete] with the CRD's
/// deprecationWarning, a kind's summary says which version stores, and two versions' namespaces import side by side.
/// </summary>
public sealed class DeprecatedVersionTests
{
    // The Gadget fixture: v1 stores; v1beta1 (own schema) is deprecated with a deprecationWarning.
    private static readonly string GadgetFixture = Path.Combine(RepositoryPaths.Root, "tests/RulesMesh.Generators.Tests/Snapshots/features.example.com_gadgets.yaml");

    [Fact]
    public void Code_using_a_deprecated_versions_types_gets_CS0618_with_the_crds_deprecation_warning()
    {
        const string user = """
            namespace User;

            internal static class Uses
            {
                public static System.Type Old => typeof(Consumer.Models.FeaturesExampleCom.V1beta1.Gadget);
                public static System.Type OldSpec => typeof(Consumer.Models.FeaturesExampleCom.V1beta1.GadgetSpec);
                public static System.Type Hub => typeof(Consumer.Models.FeaturesExampleCom.V1.Gadget);
            }
            """;

        var result = ModelGeneratorHarness.Run([Gadgets()], sources: user);

        Assert.Empty(result.CompileErrors.Select(e => e.ToString()));
        var warnings = result.CompileWarnings.ToList();
        Assert.True(warnings.Count == 2, string.Join("\n", warnings));
        Assert.All(warnings, w =>
        {
            Assert.Equal("CS0618", w.Id);
            Assert.Contains("features.example.com/v1beta1 Gadget is deprecated; use v1", w.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
            Assert.Equal("Source0.cs", w.Location.SourceTree!.FilePath);
        });
    }

    [Fact]
    public void The_generated_models_themselves_compile_without_a_warning_though_they_read_the_deprecated_version()
    {
        var result = ModelGeneratorHarness.Run([Gadgets()]);

        Assert.Empty(result.CompileErrors.Select(e => e.ToString()));
        Assert.Empty(result.CompileWarnings.Select(e => e.ToString()));
    }

    [Fact]
    public void Without_a_deprecation_warning_the_obsolete_message_is_the_api_servers_default_and_the_hub_is_never_obsolete()
    {
        var crd = TestCrds.Crd("Widget", "size: {type: integer, format: int32}") + """

              - name: v1beta1
                served: true
                storage: false
                deprecated: true
                schema:
                  openAPIV3Schema:
                    type: object
                    properties:
                      spec:
                        type: object
                        properties:
                          size: {type: string}
            """;

        var result = ModelGeneratorHarness.Run([TestCrds.File("widgets.yaml", crd)]);

        Assert.Empty(result.CompileErrors.Select(e => e.ToString()));
        Assert.Contains("[global::System.Obsolete(\"example.com/v1beta1 Widget is deprecated\")]", result.Source("example.com.v1beta1.Widget.g.cs"), StringComparison.Ordinal);
        Assert.DoesNotContain("Obsolete", result.Source("example.com.v1.Widget.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_kinds_summary_opens_with_its_versions_role_so_IntelliSense_shows_the_storage_version()
    {
        var result = ModelGeneratorHarness.Run([Gadgets()]);

        Assert.Contains("/// <summary>\n    /// features.example.com/v1 Gadget: the storage version.\n", result.Source("features.example.com.v1.Gadget.g.cs"), StringComparison.Ordinal);
        Assert.Contains("/// <summary>\n    /// features.example.com/v1beta1 Gadget: a deprecated version; objects are read into the hub version v1.\n", result.Source("features.example.com.v1beta1.Gadget.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void Both_versions_namespaces_import_side_by_side_when_aliases_name_the_kinds_the_code_touches()
    {
        // The pattern docs/model-versions.md documents: import both namespaces, alias each kind you use.
        const string user = """
            using Consumer.Models.FeaturesExampleCom.V1;
            using Consumer.Models.FeaturesExampleCom.V1beta1;
            using Gadget = Consumer.Models.FeaturesExampleCom.V1.Gadget;
            using GadgetMode = Consumer.Models.FeaturesExampleCom.V1.GadgetMode;
            using GadgetSpec = Consumer.Models.FeaturesExampleCom.V1.GadgetSpec;

            namespace User;

            internal static class Reads
            {
                public static string? NameOf(Gadget gadget) => gadget.Spec?.Name;

                public static GadgetSpec Spec(string name) => new() { Name = name, Replicas = 1, Mode = GadgetMode.Static };
            }
            """;

        var result = ModelGeneratorHarness.Run([Gadgets()], sources: user);

        Assert.Empty(result.CompileErrors.Select(e => e.ToString()));
        Assert.Empty(result.CompileWarnings.Select(e => e.ToString()));
    }

    private static InMemoryAdditionalText Gadgets() => new(GadgetFixture, File.ReadAllText(GadgetFixture));
}
