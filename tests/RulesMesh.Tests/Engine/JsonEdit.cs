using System.Text.Json.Nodes;

namespace RulesMesh.Tests.Engine;

/// <summary>Small edits of a manifest's JSON tree, each returning what it did (<c>path: old → new</c>) for failure reports.</summary>
internal static class JsonEdit
{
    /// <summary>The child object <paramref name="name"/> of <paramref name="parent"/>, created when missing.</summary>
    public static JsonObject Object(JsonObject parent, string name)
    {
        if (parent[name] is JsonObject child)
        {
            return child;
        }

        var created = new JsonObject();
        parent[name] = created;
        return created;
    }

    /// <summary>The object at <paramref name="path"/> below <paramref name="node"/> (numbers index arrays), or null.</summary>
    public static JsonObject? At(JsonNode? node, params string[] path)
    {
        foreach (var step in path)
        {
            node = node switch
            {
                JsonObject obj => obj[step],
                JsonArray array when int.TryParse(step, out var index) && index < array.Count => array[index],
                _ => null,
            };
        }

        return node as JsonObject;
    }

    /// <summary>The array <paramref name="name"/> of <paramref name="node"/>, or null.</summary>
    public static JsonArray? Array(JsonNode? node, string name) => (node as JsonObject)?[name] as JsonArray;

    /// <summary>Sets (or with null removes) <paramref name="field"/> of <paramref name="parent"/>.</summary>
    public static string Set(JsonObject parent, string field, JsonNode? value, string path)
    {
        var old = Show(parent[field]);
        if (value is null)
        {
            parent.Remove(field);
        }
        else
        {
            parent[field] = value;
        }

        return $"{path}: {old} → {Show(value)}";
    }

    /// <summary>Sets (or with null removes) the label <paramref name="key"/>.</summary>
    public static string Label(JsonObject manifest, string key, string? value)
        => Set(Object(Object(manifest, "metadata"), "labels"), key, value, $"labels[{key}]");

    /// <summary>A JSON value on one line, <c>(none)</c> for a missing one.</summary>
    public static string Show(JsonNode? node) => node?.ToJsonString() ?? "(none)";

    /// <summary>A JSON array of the given nodes.</summary>
    public static JsonArray List(params JsonNode?[] items) => new(items);
}
