using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RulesMesh.Loading.CelLanguage;

/// <summary>
/// What a rule needs of the schema of the value it reads, prepared once: the schema of each property, list item and
/// map value, and the defaults the API server fills in before it validates.
/// </summary>
internal sealed class CelSchema
{
    private readonly FrozenDictionary<string, CelSchema> properties;
    private readonly CelSchema? additionalProperties;
    private readonly CelSchema? items;

    private CelSchema(FrozenDictionary<string, CelSchema> properties, CelSchema? additionalProperties, CelSchema? items, CelDefault[] defaults)
    {
        this.properties = properties;
        this.additionalProperties = additionalProperties;
        this.items = items;
        Defaults = defaults;
    }

    /// <summary>No schema: no defaults, and nothing known of the children.</summary>
    public static CelSchema None { get; } = new(FrozenDictionary<string, CelSchema>.Empty, null, null, []);

    /// <summary>The defaults of this object's properties, in the schema's order.</summary>
    public CelDefault[] Defaults { get; }

    /// <summary>
    /// Whether values of this schema are objects, whose keys Kubernetes escapes for CEL, rather than maps
    /// (<c>additionalProperties</c>, or no schema), whose keys rules see as written.
    /// </summary>
    public bool IsObject => properties.Count > 0;

    /// <summary>The schema of a list item.</summary>
    public CelSchema Items => items ?? None;

    /// <summary>The prepared form of <paramref name="schema"/> (an openAPIV3Schema node).</summary>
    public static CelSchema From(JsonObject? schema)
    {
        if (schema is null)
        {
            return None;
        }

        var properties = new Dictionary<string, CelSchema>(StringComparer.Ordinal);
        var defaults = new List<CelDefault>();
        foreach (var (name, propertyNode) in schema["properties"] as JsonObject ?? [])
        {
            var property = From(propertyNode as JsonObject);
            properties[name] = property;
            if (propertyNode?["default"] is { } fallback)
            {
                defaults.Add(new CelDefault(name, JsonSerializer.SerializeToElement(fallback), property));
            }
        }

        return new CelSchema(properties.ToFrozenDictionary(StringComparer.Ordinal), From(schema["additionalProperties"] as JsonObject) is var extra && extra != None ? extra : null, schema["items"] is JsonObject itemNode ? From(itemNode) : null, [.. defaults]);
    }

    /// <summary>The schema of property <paramref name="name"/>: its own, else the map's value schema.</summary>
    public CelSchema Property(string name) => properties.GetValueOrDefault(name) ?? additionalProperties ?? None;

    /// <summary>The default of property <paramref name="name"/>, if the schema gives one.</summary>
    public CelDefault? DefaultOf(string name)
    {
        foreach (var fallback in Defaults)
        {
            if (fallback.Name == name)
            {
                return fallback;
            }
        }

        return null;
    }
}
