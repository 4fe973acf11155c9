using RulesMesh.Cli.Reports;
using RulesMesh.Loading;
using RulesMesh.Translation;
using RulesMesh.Mesh;

namespace RulesMesh.Cli.Tests;

/// <summary>Where translate prints a translation warning: at its object's field, else at its document, else nowhere.</summary>
public sealed class WarningLocationsTests
{
    private const string Policies = """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: unrelated, namespace: shop}
        ---
        apiVersion: gateway.kgateway.dev/v1alpha1
        kind: BackendConfigPolicy
        metadata: {name: p1, namespace: shop}
        spec:
          targetRefs: [{group: "", kind: Service, name: catalog}]
          connectTimeout: 5s
        """;

    private static readonly ObjectKey P1 = new("gateway.kgateway.dev", "BackendConfigPolicy", "shop", "p1");

    [Fact]
    public void A_warning_at_a_field_the_document_does_not_write_is_located_at_the_start_of_its_document()
    {
        var warning = new TranslationWarning("BackendConfigPolicy shop/p1", "spec.healthCheck.timeout is defaulted") { Resource = P1, FieldPath = "spec.healthCheck.timeout" };

        // The policy's document starts on line 5, after the ConfigMap and the separator; not at "spec" (line 8).
        Assert.Equal("bcp.yaml:5:1: warning: BackendConfigPolicy shop/p1: spec.healthCheck.timeout is defaulted", Locations(warning).Line(warning));
    }

    [Fact]
    public void A_warning_at_a_written_field_is_located_at_its_key()
    {
        var warning = new TranslationWarning("BackendConfigPolicy shop/p1", "spec.connectTimeout is odd") { Resource = P1, FieldPath = "spec.connectTimeout" };

        Assert.Equal("bcp.yaml:10:3: warning: BackendConfigPolicy shop/p1: spec.connectTimeout is odd", Locations(warning).Line(warning));
    }

    [Fact]
    public void A_warning_about_no_loaded_object_is_printed_without_a_location_even_when_its_subject_reads_like_one()
    {
        var warning = new TranslationWarning("BackendConfigPolicy shop/p1", "about no object");

        Assert.Equal("warning: BackendConfigPolicy shop/p1: about no object", Locations(warning).Line(warning));
    }

    private static WarningLocations Locations(TranslationWarning warning)
    {
        var loaded = new ManifestLoader().LoadText(Policies, "bcp.yaml");
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        return new WarningLocations(loaded, [warning]);
    }
}
