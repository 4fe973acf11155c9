using System.Text.Json;
using System.Text.Json.Nodes;
using RulesMesh.Loading.CelLanguage;

namespace RulesMesh.Loading;

/// <summary>
/// A manifest value as a CEL rule sees it, as the API server builds it: objects (schemas declaring properties) are maps
/// whose keys are escaped as Kubernetes escapes property names (<c>namespace</c> is <c>__namespace__</c>), while maps
/// (<c>additionalProperties</c>) keep their keys as written; defaults from the schema are filled
/// in first (the API server defaults before it validates), integers are ints, other numbers doubles. This is the form
/// the Cel package reads, for the rules <see cref="CelCompiler"/> leaves to it.
/// </summary>
internal static class CelValue
{
    /// <summary>The CEL value of <paramref name="element"/>, read with <paramref name="schema"/> for defaults.</summary>
    public static object? From(JsonElement element, JsonObject? schema)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Value.ValueKind != JsonValueKind.Null)
                    {
                        map[KeyOf(property.Name, schema)] = From(property.Value, PropertySchema(schema, property.Name));
                    }
                }

                AddDefaults(map, schema);
                return map;
            case JsonValueKind.Array:
                var items = schema?["items"] as JsonObject;
                return element.EnumerateArray().Select(item => From(item, items)).ToList();
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Number:
                // Boxed apart: `cond ? long : double` would make every integer a double, and CEL's type(x) == int fail.
                return element.TryGetInt64(out var integer) ? integer : (object)element.GetDouble();
            default:
                return null;
        }
    }

    /// <summary>The CEL value of <paramref name="node"/>, read with <paramref name="schema"/> for defaults.</summary>
    public static object? From(JsonNode? node, JsonObject? schema)
    {
        switch (node)
        {
            case JsonObject obj:
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (key, value) in obj)
                {
                    if (value is not null)
                    {
                        map[KeyOf(key, schema)] = From(value, PropertySchema(schema, key));
                    }
                }

                AddDefaults(map, schema);
                return map;
            case JsonArray array:
                var items = schema?["items"] as JsonObject;
                return array.Select(item => From(item, items)).ToList();
            case JsonValue value:
                return value.GetValueKind() switch
                {
                    JsonValueKind.String => value.GetValue<string>(),
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.Number when value.TryGetValue<long>(out var integer) => integer,
                    JsonValueKind.Number => value.GetValue<double>(),
                    _ => null,
                };
            default:
                return null;
        }
    }

    /// <summary>The schema's defaults for the properties <paramref name="map"/> lacks: the API server defaults before it validates.</summary>
    private static void AddDefaults(Dictionary<string, object?> map, JsonObject? schema)
    {
        foreach (var (key, propertySchema) in schema?["properties"] as JsonObject ?? [])
        {
            if (propertySchema?["default"] is { } fallback && !map.ContainsKey(Escape(key)))
            {
                map[Escape(key)] = From(fallback, propertySchema as JsonObject);
            }
        }
    }

    /// <summary>The schema of property <paramref name="key"/> of an object with <paramref name="schema"/>.</summary>
    public static JsonObject? PropertySchema(JsonObject? schema, string key)
        => schema?["properties"]?[key] as JsonObject ?? schema?["additionalProperties"] as JsonObject;

    /// <summary>Kubernetes' escaping of a property name for CEL: <c>__</c>, <c>.</c>, <c>-</c>, <c>/</c> and reserved words.</summary>
    private static string Escape(string name) => CelPropertyNames.Escape(name);

    /// <summary>The key a rule sees for <paramref name="name"/>: escaped in an object, as written in a map.</summary>
    private static string KeyOf(string name, JsonObject? schema)
        => schema?["properties"] is JsonObject { Count: > 0 } ? Escape(name) : name;
}
