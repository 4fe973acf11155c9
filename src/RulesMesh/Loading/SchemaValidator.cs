using System.Globalization;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using NJsonSchema;
using NJsonSchema.Validation;
using RulesMesh.Loading.Schema;
using RulesMesh.Modeling;

namespace RulesMesh.Loading;

/// <summary>
/// Checks a manifest against its kind's CRD schema, as the API server would before storing it: types, formats,
/// enums, bounds, patterns, required fields, oneOf/anyOf, and fields the schema does not declare; then, on an object
/// that passes those, the schema's CEL rules (x-kubernetes-validations). Each kind version's schema and rules are
/// compiled once, on its first document. Core kinds carry no schema and are not checked here. The structure is checked
/// by a <see cref="StructuralSchema"/> compiled from the schema's JSON, straight on the parsed manifest; only a manifest
/// it does not accept goes through NJsonSchema, which finds and words the violations, and which parses a kind's schema
/// only then (up front when the compiled check leaves some of it to NJsonSchema).
/// </summary>
public sealed class SchemaValidator
{
    // By reference: a descriptor's record hash would hash its whole schema text on every document.
    private readonly ConcurrentDictionary<ModelDescriptor, Lazy<CompiledSchema?>> schemas = new(ReferenceEqualityComparer.Instance);
    private readonly Lazy<Cel.CelEnvironment> celEnvironment = new(KubernetesCelLibrary.Create);

    /// <summary>The violations in <paramref name="manifest"/>, each with the field path it concerns.</summary>
    public IReadOnlyList<SchemaViolation> Validate(ModelDescriptor model, JsonObject manifest)
        => Validate(model, JsonSerializer.SerializeToElement(manifest, ManifestJsonOptions.Default));

    /// <summary>
    /// The violations in <paramref name="manifest"/>, each with the field path it concerns. Safe to call from several threads.
    /// With <paramref name="unknownFieldsAllowed"/>, fields the schema does not declare do not stop the CEL rules from
    /// running; they are still returned, marked <see cref="SchemaViolation.IsUnknownField"/>, after the others.
    /// </summary>
    public IReadOnlyList<SchemaViolation> Validate(ModelDescriptor model, JsonElement manifest, bool unknownFieldsAllowed = false)
    {
        if (Compiled(model) is not var (explainer, structure, rules))
        {
            return [];
        }

        var violations = new List<SchemaViolation>();
        List<SchemaViolation> unknown = [];
        if (!structure.Accepts(manifest))
        {
            foreach (var error in explainer.Value.Validate(SchemaInstance.From(manifest)))
            {
                Collect(error, violations);
            }

            if (unknownFieldsAllowed)
            {
                unknown = violations.Where(static v => v.IsUnknownField).DistinctBy(static v => v.FieldPath).ToList();
                violations.RemoveAll(static v => v.IsUnknownField);
            }

            if (violations.Count > 0)
            {
                // One message per field: a value of the wrong type also fails its enum or pattern, which adds nothing.
                return [.. violations.DistinctBy(v => v.FieldPath), .. unknown];
            }
        }

        // CEL rules assume the structure is right, as the API server's do: they run on well-formed objects only.
        rules.Validate(manifest, violations);
        return [.. violations, .. unknown];
    }

    /// <summary>
    /// The CEL rules of <paramref name="model"/>'s schema that cannot be enforced at load, each as "path: rule — why":
    /// transition rules (oldSelf) and expressions that do not compile.
    /// </summary>
    public IReadOnlyList<string> UnenforceableRules(ModelDescriptor model)
        => Compiled(model) is var (_, _, rules) ? rules.Unenforceable : [];

    /// <summary>Whether the compiled structural check accepts <paramref name="manifest"/> (true for a kind with no schema).</summary>
    internal bool StructureAccepts(ModelDescriptor model, JsonElement manifest)
        => Compiled(model) is not var (_, structure, _) || structure.Accepts(manifest);

    /// <summary>Whether NJsonSchema finds no structural violation in <paramref name="manifest"/> (true for a kind with no schema).</summary>
    internal bool NJsonSchemaAccepts(ModelDescriptor model, JsonElement manifest)
        => Compiled(model) is not var (explainer, _, _) || explainer.Value.Validate(SchemaInstance.From(manifest)).Count == 0;

    /// <summary>Whether NJsonSchema has parsed <paramref name="model"/>'s schema (it does so only to explain a refusal, or up front for a schema the compiled check does not read in full).</summary>
    internal bool NJsonSchemaParsed(ModelDescriptor model)
        => Compiled(model) is var (explainer, _, _) && explainer.IsValueCreated;

    // Lazy: several threads meeting a kind's first documents compile its schema once between them.
    private CompiledSchema? Compiled(ModelDescriptor model)
        => schemas.GetOrAdd(model, m => new Lazy<CompiledSchema?>(() => m.SchemaJson is null ? null : Compile(m.SchemaJson))).Value;

    private CompiledSchema Compile(string schemaJson)
    {
        var ruleSchema = JsonNode.Parse(schemaJson)!.AsObject();
        BuildEveryNode(ruleSchema);
        var rules = CelRuleSet.Compile(ruleSchema, celEnvironment);
        var node = JsonNode.Parse(schemaJson)!.AsObject();
        CloseObjects(node, isRoot: true);
        var structure = StructuralSchema.Compile(node);
        var closedJson = node.ToJsonString();
        var explainer = new Lazy<JsonSchema>(() => JsonSchema.FromJsonAsync(closedJson).GetAwaiter().GetResult());
        if (structure.LeavesSomeToNJsonSchema)
        {
            // A schema NJsonSchema may not read fails on its kind's first document, as it did before the check was compiled.
            _ = explainer.Value;
        }

        return new CompiledSchema(explainer, structure, rules);
    }

    /// <summary>
    /// A parsed <see cref="JsonNode"/> builds its objects and lists on first access, which two threads must not do at
    /// once; the rules read their schema from every loading thread, so it is built in full here.
    /// </summary>
    private static void BuildEveryNode(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    BuildEveryNode(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    BuildEveryNode(child);
                }

                break;
        }
    }

    // An object schema with declared properties rejects undeclared ones, unless it preserves unknown fields.
    private static void CloseObjects(JsonNode? node, bool isRoot)
    {
        switch (node)
        {
            case JsonObject schema:
                // Only structural object nodes: oneOf/anyOf branches list properties without a type and must stay open.
                if (schema["properties"] is JsonObject properties && (string?)schema["type"] == "object")
                {
                    var preserves = schema["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() ?? false;
                    if (!preserves && !schema.ContainsKey("additionalProperties"))
                    {
                        schema["additionalProperties"] = false;
                    }

                    // apiVersion, kind and metadata are the API machinery's, not the CRD's.
                    if (isRoot)
                    {
                        properties.TryAdd("apiVersion", new JsonObject { ["type"] = "string" });
                        properties.TryAdd("kind", new JsonObject { ["type"] = "string" });
                        properties.TryAdd("metadata", new JsonObject { ["type"] = "object" });
                    }
                }

                foreach (var (_, child) in schema.ToList())
                {
                    CloseObjects(child, isRoot: false);
                }

                break;
            case JsonArray items:
                foreach (var child in items)
                {
                    CloseObjects(child, isRoot: false);
                }

                break;
        }
    }

    private static void Collect(ValidationError error, List<SchemaViolation> violations)
    {
        if (error is ChildSchemaValidationError { Kind: ValidationErrorKind.NotOneOf } oneOf && OneOfFieldWords.Describe(oneOf) is { } words)
        {
            violations.Add(new SchemaViolation(ToFieldPath(error.Path), words));
            return;
        }

        if (error is ChildSchemaValidationError child && child.Errors.Count > 0)
        {
            // A failed oneOf/anyOf: report the branch errors when there is a single branch to blame.
            var branches = child.Errors.Values.Where(errors => errors.Count > 0).ToList();
            if (branches.Count == 1)
            {
                foreach (var inner in branches[0])
                {
                    Collect(inner, violations);
                }

                return;
            }
        }

        var path = ToFieldPath(error.Path);
        var unknown = error.Kind == ValidationErrorKind.NoAdditionalPropertiesAllowed;
        if (unknown && error.Property is { } property)
        {
            path = FieldPath.Property(ParentOf(path, property), property);
        }

        violations.Add(new SchemaViolation(path, Describe(error), unknown));
    }

    private static string ParentOf(string path, string property)
        => path.EndsWith("." + property, StringComparison.Ordinal) ? path[..^(property.Length + 1)]
            : path == property ? FieldPath.Root
            : path;

    // NJsonSchema paths look like "#/spec.ports[0].number".
    private static string ToFieldPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "#")
        {
            return FieldPath.Root;
        }

        return path.StartsWith("#/", StringComparison.Ordinal) ? path[2..] : path;
    }

    /// <summary>A kind's compiled checks, and NJsonSchema's reading of its schema, made when a manifest needs explaining.</summary>
    private sealed record CompiledSchema(Lazy<JsonSchema> Explainer, StructuralSchema Structure, CelRuleSet Rules);

    // The limit a value broke, as kubectl names it ("supported values: ...", "should be less than or equal to ..."), so
    // the message says what would be right.
    private static string Limit(string? limit) => string.IsNullOrEmpty(limit) ? string.Empty : $" ({limit})";

    private static string Describe(ValidationError error) => error.Kind switch
    {
        ValidationErrorKind.NoAdditionalPropertiesAllowed => "is not a field of this kind's schema",
        ValidationErrorKind.PropertyRequired => $"is required",
        ValidationErrorKind.NotInEnumeration => "is not one of the allowed values" + Limit(string.Join(", ", error.Schema?.Enumeration.Where(static v => v is not null).Select(static v => Convert.ToString(v, CultureInfo.InvariantCulture)) ?? [])),
        ValidationErrorKind.PatternMismatch => "does not match the required pattern" + Limit(error.Schema?.Pattern),
        ValidationErrorKind.StringTooLong => "is too long" + Limit(error.Schema?.MaxLength is { } most ? $"at most {most.ToString(CultureInfo.InvariantCulture)} characters" : null),
        ValidationErrorKind.StringTooShort => "is too short" + Limit(error.Schema?.MinLength is { } least and > 0 ? $"at least {least.ToString(CultureInfo.InvariantCulture)} characters" : null),
        ValidationErrorKind.NumberTooBig => "is above the maximum" + Limit(error.Schema?.Maximum?.ToString(CultureInfo.InvariantCulture)),
        ValidationErrorKind.NumberTooSmall => "is below the minimum" + Limit(error.Schema?.Minimum?.ToString(CultureInfo.InvariantCulture)),
        ValidationErrorKind.TooManyItems => "has too many items" + Limit(error.Schema?.MaxItems is { } most ? $"at most {most.ToString(CultureInfo.InvariantCulture)}" : null),
        ValidationErrorKind.TooFewItems => "has too few items" + Limit(error.Schema?.MinItems is { } least and > 0 ? $"at least {least.ToString(CultureInfo.InvariantCulture)}" : null),
        ValidationErrorKind.NotOneOf => "must match exactly one of the allowed shapes (at most one of these fields may be set)",
        ValidationErrorKind.NotAnyOf => "does not match any allowed shape",
        _ => SchemaErrorWords.Describe(error.Kind),
    };
}
