using System.Globalization;
using System.Text.Json.Nodes;
using RulesMesh.Modeling;

namespace RulesMesh.Loading;

/// <summary>
/// The range an integer field allows, for the message about a number out of it: the field's own minimum and maximum in
/// its kind's CRD schema (and its format's, int32 or int64), or, for the port fields of the core kinds, what the API
/// server allows (1 to 65535; 0, meaning none, too for a node or host port). Null parts are left to the model's type.
/// </summary>
internal static class IntegerFieldBounds
{
    /// <summary>The least and most <paramref name="fieldPath"/> of <paramref name="model"/> allows, each null when nothing says.</summary>
    public static (decimal? Least, decimal? Most) Of(ModelDescriptor model, string fieldPath)
    {
        var ancestors = FieldPath.Ancestors(fieldPath);
        var field = ancestors.Count > 1 ? LastStep(ancestors[^2], ancestors[^1]) : null;
        if (model.SchemaJson is null)
        {
            return field switch
            {
                "port" or "containerPort" or "targetPort" => (1, 65535),
                "nodePort" or "hostPort" => (0, 65535),
                _ => (null, null),
            };
        }

        // Only on an error: the schema is parsed again rather than kept for this.
        JsonNode? node = JsonNode.Parse(model.SchemaJson);
        for (var i = 1; i < ancestors.Count && node is not null; i++)
        {
            var step = LastStep(ancestors[i - 1], ancestors[i]);
            node = step is null ? node["items"] : node["properties"]?[step] ?? node["additionalProperties"] as JsonObject;
        }

        if (node is not JsonObject schema)
        {
            return (null, null);
        }

        var (formatLeast, formatMost) = (string?)schema["format"] switch
        {
            "int32" => ((decimal?)int.MinValue, (decimal?)int.MaxValue),
            "int64" => (long.MinValue, long.MaxValue),
            _ => ((decimal?)null, (decimal?)null),
        };
        return (Number(schema["minimum"]) ?? formatLeast, Number(schema["maximum"]) ?? formatMost);
    }

    private static decimal? Number(JsonNode? node)
        => node is JsonValue value && decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;

    // The step from a path to its child: a property's name, or null for a list item.
    private static string? LastStep(string parent, string child)
    {
        var step = child[parent.Length..];
        return step switch
        {
            ['[', '\'', .. var quoted, '\'', ']'] => quoted,
            ['[', ..] => null,
            ['.', .. var name] => name,
            _ => step,
        };
    }
}
