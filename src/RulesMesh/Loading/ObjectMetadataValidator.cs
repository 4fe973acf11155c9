using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using k8s;
using k8s.Models;
using RulesMesh.Modeling;

namespace RulesMesh.Loading;

/// <summary>
/// What the API server checks on every object before its kind's own schema: <c>metadata.name</c> is required and is a
/// DNS-1123 subdomain (at most 253 characters), a DNS-1123 label (63) for Namespaces, a DNS-1035 label (63, starting
/// with a letter) for Services; <c>metadata.namespace</c>, when given, is a DNS-1123 label; labels and annotations
/// are as <see cref="LabelsAndAnnotations"/> says. For Services it also checks
/// the enums KubernetesClient's model does not: <c>spec.type</c> and each port's <c>protocol</c>.
/// </summary>
internal static class ObjectMetadataValidator
{
    private static readonly ImmutableArray<string> ServiceTypes = ["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"];
    private static readonly ImmutableArray<string> Protocols = ["TCP", "UDP", "SCTP"];

    /// <summary>The violations of <paramref name="manifest"/>'s metadata (and Service enums), each at its field.</summary>
    public static IReadOnlyList<SchemaViolation> Validate(ModelDescriptor model, JsonElement manifest)
    {
        // Most objects break nothing: the list is made for the first violation.
        List<SchemaViolation>? violations = null;
        var metadata = Member(manifest, "metadata");
        if (Member(metadata, "name") is { ValueKind: not (JsonValueKind.String or JsonValueKind.Null) } notText)
        {
            (violations ??= []).Add(new SchemaViolation("metadata.name", NotAString(model, notText)));
        }
        else if (Member(metadata, "name") is not { ValueKind: JsonValueKind.String } nameValue || Utf8Text(nameValue) is not { Length: > 0 } name)
        {
            (violations ??= []).Add(new SchemaViolation("metadata.name", "is required: every object needs a name"));
        }
        else if (NameProblem(model, name) is { } problem)
        {
            (violations ??= []).Add(new SchemaViolation("metadata.name", problem));
        }

        if (Member(metadata, "namespace") is { ValueKind: JsonValueKind.String } namespaceValue && Utf8Text(namespaceValue) is { Length: > 0 } ns && !DnsNames.IsDns1123Label(ns))
        {
            (violations ??= []).Add(new SchemaViolation("metadata.namespace", LabelRequirement));
        }

        if (metadata is { ValueKind: JsonValueKind.Object } metadataObject)
        {
            LabelsAndAnnotations.Check(metadataObject, ref violations);
        }

        if (IsService(model) && Member(manifest, "spec") is { ValueKind: JsonValueKind.Object } spec)
        {
            CheckEnum(Member(spec, "type"), "spec.type", ServiceTypes, ref violations);
            if (Member(spec, "ports") is { ValueKind: JsonValueKind.Array } ports)
            {
                var index = 0;
                foreach (var port in ports.EnumerateArray())
                {
                    CheckEnum(Member(port, "protocol"), FieldPath.Property(FieldPath.Index("spec.ports", index++), "protocol"), Protocols, ref violations);
                }
            }
        }

        return violations ?? (IReadOnlyList<SchemaViolation>)[];
    }

    /// <summary>
    /// Whether <paramref name="typed"/>, read from a document of <paramref name="model"/> with no null list item, breaks
    /// none of these rules: true exactly when <see cref="Validate"/> finds nothing in that document, so a document
    /// read without a parsed tree is checked on what was read from it. That holds only when <paramref name="typed"/>
    /// was read by a generated reader (options it honours, <see cref="ModelReading.ReadsAsGenerated"/>): the serializer
    /// may read fields the document does not have as written, a "Metadata" read case-insensitively as metadata.
    /// </summary>
    public static bool Accepts(ModelDescriptor model, IKubernetesObject<V1ObjectMeta> typed)
    {
        // No rule allows a name of more than 253 bytes: a longer one is refused before it is encoded in full.
        Span<byte> utf8 = stackalloc byte[253];
        if (typed.Metadata?.Name is not { Length: > 0 } name || !Encoding.UTF8.TryGetBytes(name, utf8, out var nameLength) || NameProblem(model, utf8[..nameLength]) is not null)
        {
            return false;
        }

        if (typed.Metadata.NamespaceProperty is { Length: > 0 } ns && (!Encoding.UTF8.TryGetBytes(ns, utf8, out var namespaceLength) || !DnsNames.IsDns1123Label(utf8[..namespaceLength])))
        {
            return false;
        }

        if (!LabelsAndAnnotations.Accept(typed.Metadata.Labels, typed.Metadata.Annotations))
        {
            return false;
        }

        if (IsService(model))
        {
            return typed is V1Service service
                && IsAllowed(service.Spec?.Type, ServiceTypes)
                && (service.Spec?.Ports ?? []).All(static port => IsAllowed(port?.Protocol, Protocols));
        }

        return true;
    }

    /// <summary>
    /// The object's name for messages: as written when it is a valid name, "(unnamed)" when missing, else quoted as JSON
    /// (so a newline cannot break the message line) and cut after 63 characters.
    /// </summary>
    public static string DisplayName(JsonElement manifest)
    {
        if (Member(Member(manifest, "metadata"), "name") is not { ValueKind: not JsonValueKind.Null } node)
        {
            return "(unnamed)";
        }

        var text = node.ValueKind == JsonValueKind.String ? node.GetString()! : JsonSerializer.Serialize(node);
        if (text.Length > 0 && DnsNames.IsDns1123Subdomain(Encoding.UTF8.GetBytes(text)))
        {
            return text;
        }

        var quoted = JsonSerializer.Serialize(text.Length > 63 ? text[..63] : text);
        return text.Length > 63 ? quoted[..^1] + "…\"" : quoted;
    }

    /// <summary>Member <paramref name="name"/> of <paramref name="value"/> when that is an object holding it; null otherwise.</summary>
    private static JsonElement? Member(JsonElement? value, string name)
        => value is { ValueKind: JsonValueKind.Object } obj && obj.TryGetProperty(name, out var member) ? member : null;

    // YAML reads an unquoted 12345 or true as a number or a boolean: quoting it makes it the string a name must be, so
    // the message says to, unless the quoted text would be refused too (a Service's name starts with a letter).
    private static string NotAString(ModelDescriptor model, JsonElement value)
    {
        var notString = $"must be a string, not {DeserializationMessages.Describe(value.ValueKind)}";
        if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
        {
            return notString;
        }

        var text = value.GetRawText();
        return NameProblem(model, Encoding.UTF8.GetBytes(text)) is { } problem
            ? $"{notString}; quoted, \"{text}\" {problem}"
            : $"{notString}: quote it, as in name: \"{text}\"";
    }

    private const string LabelRequirement
        = "is invalid: must be a DNS-1123 label: at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit";

    /// <summary>
    /// The UTF-8 text of JSON string <paramref name="value"/>: read in place from the parsed document, as nearly every
    /// name is written without escapes; decoded only when it has them.
    /// </summary>
    private static ReadOnlySpan<byte> Utf8Text(JsonElement value)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value)[1..^1];
        return raw.Contains((byte)'\\') ? Encoding.UTF8.GetBytes(value.GetString()!) : raw;
    }

    // Services are checked on more than their metadata: their name, their type and their ports' protocols.
    private static bool IsService(ModelDescriptor model) => model.Group.Length == 0 && model.Kind == "Service";

    // A missing value is allowed: the API server fills in its default.
    private static bool IsAllowed(string? value, ImmutableArray<string> allowed) => value is null || allowed.Contains(value, StringComparer.Ordinal);

    private static string? NameProblem(ModelDescriptor model, ReadOnlySpan<byte> name)
    {
        if (IsService(model))
        {
            return DnsNames.IsDns1035Label(name) ? null
                : "is invalid: a Service name must be a DNS-1035 label: at most 63 lower-case letters, digits and '-', starting with a letter and ending with a letter or digit";
        }

        if (model.Group.Length == 0 && model.Kind == "Namespace")
        {
            return DnsNames.IsDns1123Label(name) ? null : LabelRequirement;
        }

        return DnsNames.IsDns1123Subdomain(name) ? null
            : "is invalid: must be a DNS-1123 subdomain: at most 253 lower-case letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit";
    }

    private static void CheckEnum(JsonElement? value, string path, ImmutableArray<string> allowed, ref List<SchemaViolation>? violations)
    {
        if (value is { ValueKind: not JsonValueKind.Null } given && (given.ValueKind != JsonValueKind.String || !IsAllowed(given.GetString(), allowed)))
        {
            (violations ??= []).Add(new SchemaViolation(path, $"is not one of the allowed values ({string.Join(", ", allowed)})"));
        }
    }
}
