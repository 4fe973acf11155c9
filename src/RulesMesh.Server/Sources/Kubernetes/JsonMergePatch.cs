using System.Text.Json.Nodes;

namespace RulesMesh.Server.Sources.Kubernetes;

/// <summary>RFC 7386 JSON merge patch, as the API server applies <c>application/merge-patch+json</c>.</summary>
internal static class JsonMergePatch
{
    /// <summary><paramref name="target"/> (which it may change) with <paramref name="patch"/> applied.</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject changes)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject ?? [];
        foreach (var (name, value) in changes)
        {
            if (value is null)
            {
                result.Remove(name);
                continue;
            }

            var current = result[name];
            var merged = Apply(current, value);
            if (!ReferenceEquals(merged, current))
            {
                result[name] = merged;
            }
        }

        return result;
    }
}
