using k8s.Models;
using RulesMesh.Loading;

namespace RulesMesh.Tests.Validation;

/// <summary>
/// Labels and annotations are checked as the API server checks them (apimachinery ValidateLabels, ValidateAnnotations):
/// keys are qualified names (an optional DNS-1123 subdomain prefix of at most 253 characters and '/', then a name of at
/// most 63 of [A-Za-z0-9-_.] starting and ending with an alphanumeric; an annotation key is checked lower-cased); label
/// values are at most 63 such characters or empty; annotations hold at most 256 KiB (262144 bytes) of keys and values.
/// An object breaking one is refused with an error at the key, on every kind and either reading path.
/// </summary>
public sealed class LabelAndAnnotationValidationTests
{
    private static string Service(string metadataLines)
        => $"apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\n{metadataLines}\nspec:\n  ports: [{{port: 80}}]\n";

    private static string Entry(string metadataLines)
        => $"apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n  name: web\n  namespace: shop\n{metadataLines}\n"
            + "spec: {hosts: [a.example.com], ports: [{number: 80, name: http, protocol: HTTP}], resolution: DNS}\n";

    private static IEnumerable<LoadResult> LoadEveryWay(string metadataLines)
    {
        foreach (var text in new[] { Service(metadataLines), Entry(metadataLines) })
        {
            yield return new ManifestLoader().LoadText(text, "lab.yaml");
            yield return new ManifestLoader { ReadsWithoutTree = false }.LoadText(text, "lab.yaml");
        }
    }

    [Theory]
    [InlineData("bad key", "metadata.labels['bad key']")]
    [InlineData("-lead", "metadata.labels.-lead")]
    [InlineData("trail_", "metadata.labels.trail_")]
    [InlineData("a/b/c", "metadata.labels['a/b/c']")]
    [InlineData("/x", "metadata.labels['/x']")]
    [InlineData("Example.com/x", "metadata.labels['Example.com/x']")]
    [InlineData("example.com/", "metadata.labels['example.com/']")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "metadata.labels.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void A_label_key_that_is_no_qualified_name_refuses_the_object_at_the_key(string key, string path)
    {
        foreach (var result in LoadEveryWay($"  labels:\n    \"{key}\": x"))
        {
            var error = Assert.Single(result.Diagnostics);
            Assert.Equal((DiagnosticSeverity.Error, path, 7, 5), (error.Severity, error.FieldPath, error.Position.Line, error.Position.Column));
            Assert.Contains("is not a valid key", error.Message, StringComparison.Ordinal);
            Assert.Empty(result.Resources);
        }
    }

    [Theory]
    [InlineData("\"bad value!\"")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("-x")]
    [InlineData("x.")]
    [InlineData("\"caf\u00e9\"")]
    public void A_label_value_that_is_not_63_alphanumerics_dashes_underscores_and_dots_refuses_the_object(string value)
    {
        foreach (var result in LoadEveryWay($"  labels:\n    istio.io/use-waypoint: {value}"))
        {
            var error = Assert.Single(result.Diagnostics);
            Assert.Equal(("metadata.labels['istio.io/use-waypoint']", 7), (error.FieldPath, error.Position.Line));
            Assert.Contains("is not a valid label value", error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("app: web")]
    [InlineData("app.kubernetes.io/name: web")]
    [InlineData("A_b.C-1: V_1.2-x")]
    [InlineData("example.com/X: \"\"")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void A_valid_label_is_accepted_and_a_core_kind_still_reads_without_a_tree(string label)
    {
        foreach (var result in LoadEveryWay($"  labels:\n    {label}"))
        {
            Assert.Empty(result.Diagnostics);
            Assert.Single(result.Resources);
        }

        Assert.Equal(1, new ManifestLoader().LoadText(Service($"  labels:\n    {label}"), "lab.yaml").DocumentsReadWithoutTree);
    }

    [Fact]
    public void An_annotation_key_is_checked_lower_cased_and_must_still_be_a_qualified_name()
    {
        foreach (var result in LoadEveryWay("  annotations:\n    Example.COM/Note: anything at all, even !"))
        {
            Assert.Empty(result.Diagnostics);
        }

        foreach (var result in LoadEveryWay("  annotations:\n    \"bad key\": x"))
        {
            var error = Assert.Single(result.Diagnostics);
            Assert.Equal(("metadata.annotations['bad key']", 7, 5), (error.FieldPath, error.Position.Line, error.Position.Column));
        }
    }

    [Fact]
    public void Annotations_may_hold_256_KiB_of_keys_and_values_but_not_a_byte_more()
    {
        const string key = "note";
        var fits = new string('a', 262144 - key.Length);

        foreach (var result in LoadEveryWay($"  annotations:\n    {key}: {fits}"))
        {
            Assert.Empty(result.Diagnostics);
        }

        foreach (var result in LoadEveryWay($"  annotations:\n    {key}: {fits}a"))
        {
            var error = Assert.Single(result.Diagnostics);
            Assert.Equal(("metadata.annotations", 6), (error.FieldPath, error.Position.Line));
            Assert.Contains("262145 bytes", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Checking_valid_labels_and_annotations_on_the_fast_path_allocates_nothing()
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = "web-1",
                NamespaceProperty = "shop",
                Labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "web", ["version"] = "v1" },
                Annotations = new Dictionary<string, string> { ["Example.com/Note"] = new string('x', 1000) },
            },
        };
        var model = ModelRegistry.Default.Models.Single(static m => m.ApiVersion == "v1" && m.Kind == "Pod");
        Assert.True(ObjectMetadataValidator.Accepts(model, pod));

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            ObjectMetadataValidator.Accepts(model, pod);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
