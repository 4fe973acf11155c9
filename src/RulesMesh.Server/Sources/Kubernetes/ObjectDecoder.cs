using RulesMesh.Loading;
using RulesMesh.Rules;
using RulesMesh.Validation;

namespace RulesMesh.Server.Sources.Kubernetes;

/// <summary>
/// Reads one object the API server sent into the registry's typed model through the manifest loader (JSON is YAML),
/// so it passes the same checks as a file: metadata, the CRD schema with its CEL rules, then the validation stage
/// (Istio's webhook checks). Fields the schema does not declare are ignored: the API server accepted the object under the
/// cluster's CRD, which may be newer or the experimental channel's, and refusing it would drop the whole object.
/// </summary>
internal sealed class ObjectDecoder(ModelRegistry models, RulePipeline validation)
{
    private readonly ManifestLoader _loader = new(models) { IgnoreUnknownFields = true };

    /// <summary>The typed object, or why it cannot be used (each problem with its field path, in words).</summary>
    public DecodedObject Decode(string objectJson, string origin)
    {
        var loaded = ObjectValidation.Apply(_loader.LoadText(objectJson, origin), validation);
        var problems = Messages(loaded.Diagnostics, DiagnosticSeverity.Error);
        return loaded.Resources is [var resource] && problems.Count == 0
            ? new DecodedObject(resource.Object, [], Messages(loaded.Diagnostics, DiagnosticSeverity.Warning))
            : new DecodedObject(null, problems.Count == 0 ? ["The API server sent something that is not one object of a known kind."] : problems, []);
    }

    private static List<string> Messages(IReadOnlyList<LoadDiagnostic> diagnostics, DiagnosticSeverity severity)
        => [.. diagnostics
            .Where(diagnostic => diagnostic.Severity == severity)
            .Select(static diagnostic => diagnostic.FieldPath is null ? diagnostic.Message : $"{diagnostic.Message} (at {diagnostic.FieldPath})")];
}
