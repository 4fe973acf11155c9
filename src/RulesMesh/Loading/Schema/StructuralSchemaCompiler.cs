using System.Text.Json;
using System.Text.Json.Nodes;
using NJsonSchema.Validation;
using NJsonSchema.Validation.FormatValidators;
using JsonObjectType = NJsonSchema.JsonObjectType;

namespace RulesMesh.Loading.Schema;

/// <summary>
/// Reads a schema's JSON (after <c>SchemaValidator</c> has closed its objects) into <see cref="StructuralSchemaNode"/>s,
/// each keyword with the meaning NJsonSchema gives it, so the schema need not be parsed by NJsonSchema unless a document
/// is refused. Only the keywords CRD schemas use are read, in the JSON shapes they take: a node with anything else
/// (several types, <c>$ref</c>, <c>uniqueItems</c>, tuple items, <c>patternProperties</c>, <c>multipleOf</c>, number
/// forms of <c>exclusiveMinimum</c>, integers beyond 64 bits, enum strings Newtonsoft reads as dates, any other keyword)
/// is <see cref="StructuralSchemaNode.Unmodelled"/>, so NJsonSchema decides there.
/// </summary>
internal sealed class StructuralSchemaCompiler
{
    // The format validators NJsonSchema's validator uses by default, by format name.
    private readonly Dictionary<string, IFormatValidator[]> formatValidators = new JsonSchemaValidatorSettings().FormatValidators
        .GroupBy(validator => validator.Format)
        .ToDictionary(group => group.Key, group => group.ToArray());

    /// <summary>Whether some node was left to NJsonSchema.</summary>
    public bool LeftSomeToNJsonSchema { get; private set; }

    public StructuralSchemaNode Compile(JsonNode? schema)
    {
        try
        {
            return schema is JsonObject node ? Read(node) : throw new NotModelledException();
        }
        catch (NotModelledException)
        {
            LeftSomeToNJsonSchema = true;
            return StructuralSchemaNode.Unmodelled;
        }
    }

    private StructuralSchemaNode Read(JsonObject schema)
    {
        foreach (var (keyword, value) in schema)
        {
            if (!IsRead(keyword, value))
            {
                throw new NotModelledException();
            }
        }

        var type = Type(schema["type"]);
        var enumeration = Enumeration(schema["enum"]);
        var oneOf = Branches(schema["oneOf"]);
        var properties = schema["properties"] is JsonObject declared ? declared : [];
        var required = Names(schema["required"]);
        var item = schema["items"] is { } items ? Compile(items) : null;
        var minItems = Int(schema["minItems"]);
        var maxItems = Int(schema["maxItems"]);
        return new StructuralSchemaNode
        {
            Type = type,
            IsNullable = IsNullable(type, schema["nullable"], enumeration, oneOf),
            AnyOf = Branches(schema["anyOf"]),
            AllOf = Branches(schema["allOf"]),
            OneOf = oneOf,
            Not = schema["not"] is { } not ? Compile(not) : null,
            Strings = StringConstraints.Of(Text(schema["pattern"]), IntOrNull(schema["minLength"]), IntOrNull(schema["maxLength"]), Formats(Text(schema["format"]))),
            Numbers = NumberConstraints.Of(Bound(schema["minimum"]), Flag(schema["exclusiveMinimum"]), Bound(schema["maximum"]), Flag(schema["exclusiveMaximum"])),
            Lists = minItems > 0 || maxItems > 0 || item is not null ? new ListConstraints(minItems, maxItems, item) : null,
            Enum = enumeration.Count > 0 ? new EnumConstraint(enumeration) : null,
            Objects = new ObjectConstraints(
                properties.Select(property => new DeclaredProperty(property.Key, Compile(property.Value), required.Contains(property.Key))).ToList(),
                required.Where(name => !properties.ContainsKey(name)),
                Int(schema["minProperties"]),
                Int(schema["maxProperties"]),
                schema["additionalProperties"] is JsonObject additional ? Compile(additional) : null,
                schema["additionalProperties"] is not { } allows || allows.GetValueKind() != JsonValueKind.False),
        };
    }

    // The keywords read here in the shapes NJsonSchema reads them, and those without effect on validation.
    private static bool IsRead(string keyword, JsonNode? value) => keyword switch
    {
        "type" or "format" or "pattern" or "description" or "title" => value?.GetValueKind() == JsonValueKind.String,
        "minLength" or "maxLength" or "minItems" or "maxItems" or "minProperties" or "maxProperties" => IsInt(value),
        "minimum" or "maximum" => value?.GetValueKind() == JsonValueKind.Number && value.GetValue<JsonElement>().TryGetInt64(out _),
        "nullable" or "exclusiveMinimum" or "exclusiveMaximum" => value?.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        "properties" => value is JsonObject properties && properties.All(property => property.Value is JsonObject),
        "required" => value is JsonArray names && names.All(name => name?.GetValueKind() == JsonValueKind.String),
        "items" or "not" => value is JsonObject,
        "additionalProperties" => value is JsonObject || value?.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        "allOf" or "anyOf" or "oneOf" => value is JsonArray branches && branches.All(branch => branch is JsonObject),
        "enum" => value is JsonArray,
        "default" or "example" => true,
        _ => keyword.StartsWith("x-kubernetes-", StringComparison.Ordinal),
    };

    private static bool IsInt(JsonNode? value) => value?.GetValueKind() == JsonValueKind.Number && value.GetValue<JsonElement>().TryGetInt32(out _);

    private static JsonObjectType Type(JsonNode? type) => (string?)type switch
    {
        null => JsonObjectType.None,
        "string" => JsonObjectType.String,
        "number" => JsonObjectType.Number,
        "integer" => JsonObjectType.Integer,
        "boolean" => JsonObjectType.Boolean,
        "object" => JsonObjectType.Object,
        "array" => JsonObjectType.Array,
        "null" => JsonObjectType.Null,
        _ => throw new NotModelledException(),
    };

    // NJsonSchema's IsNullable for these keywords: a null in the enum, the null type, nullable: true, or (untyped) a nullable oneOf branch.
    private static bool IsNullable(JsonObjectType type, JsonNode? nullable, List<object?> enumeration, IReadOnlyList<StructuralSchemaNode> oneOf)
    {
        if (enumeration.Contains(null) || type == JsonObjectType.Null || nullable?.GetValueKind() == JsonValueKind.True)
        {
            return true;
        }

        if (type != JsonObjectType.None || oneOf.Count == 0)
        {
            return false;
        }

        return oneOf.Any(branch => branch.IsUnmodelled ? throw new NotModelledException() : branch.IsNullable);
    }

    // The values as Newtonsoft reads them for NJsonSchema: whole numbers as long, others as double.
    private static List<object?> Enumeration(JsonNode? values)
        => values is JsonArray array ? array.Select(EnumValue).ToList() : [];

    private static object? EnumValue(JsonNode? value)
    {
        switch (value?.GetValueKind())
        {
            case null or JsonValueKind.Null:
                return null;
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.String:
                var text = (string)value!;
                return ReadsAsDate(text) ? throw new NotModelledException() : text;
            case JsonValueKind.Number:
                var number = value!.GetValue<JsonElement>();
                return number.TryGetInt64(out var integer) ? integer
                    : SchemaNumber.IsIntegral(number) ? throw new NotModelledException()
                    : number.GetDouble();
            default:
                throw new NotModelledException();
        }
    }

    // Newtonsoft turns ISO 8601 date-times and "/Date(...)/" strings into DateTime; a wider net than its own, to be sure.
    private static bool ReadsAsDate(string text)
        => text.StartsWith('/') || (text.Length >= 10 && !text.AsSpan(0, 4).ContainsAnyExceptInRange('0', '9') && text[4] == '-');

    private IReadOnlyList<StructuralSchemaNode> Branches(JsonNode? branches)
        => branches is JsonArray array ? array.Select(Compile).ToList() : [];

    private IReadOnlyList<IFormatValidator> Formats(string? format)
        => format is not null && formatValidators.TryGetValue(format, out var validators) ? validators : [];

    private static HashSet<string> Names(JsonNode? names)
        => names is JsonArray array ? array.Select(name => (string)name!).ToHashSet(StringComparer.Ordinal) : [];

    private static string? Text(JsonNode? value) => (string?)value;

    private static int Int(JsonNode? value) => IntOrNull(value) ?? 0;

    private static int? IntOrNull(JsonNode? value) => value?.GetValue<JsonElement>().GetInt32();

    private static decimal? Bound(JsonNode? value) => value?.GetValue<JsonElement>().GetInt64();

    private static bool Flag(JsonNode? value) => value?.GetValueKind() == JsonValueKind.True;

    /// <summary>A keyword, or a keyword's shape, these checks do not read: the node is left to NJsonSchema.</summary>
    private sealed class NotModelledException : Exception;
}
