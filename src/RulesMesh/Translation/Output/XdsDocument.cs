using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using RulesMesh.Loading;
using RulesMesh.Xds;

namespace RulesMesh.Translation.Output;

/// <summary>
/// The one document <c>rulesmesh translate</c> prints: <c>clusters</c>, <c>endpoints</c>, <c>listeners</c>, <c>routes</c>
/// (Envoy resources in proto3 JSON, each list sorted by name) and <c>statuses</c> (Gateway and HTTPRoute statuses by ns/name, and BackendConfigPolicy statuses when there are any).
/// </summary>
public static class XdsDocument
{
    /// <summary>The snapshot as a JSON tree.</summary>
    public static JsonObject ToJson(XdsSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var statuses = new JsonObject
        {
            ["gateways"] = Statuses(snapshot.GatewayStatuses),
            ["httpRoutes"] = Statuses(snapshot.HttpRouteStatuses),
        };

        // Only when some policy is attached, so that output without BackendConfigPolicies stays as it was.
        if (snapshot.BackendConfigPolicyStatuses.Count > 0)
        {
            statuses["backendConfigPolicies"] = Statuses(snapshot.BackendConfigPolicyStatuses);
        }

        return new JsonObject
        {
            ["clusters"] = Resources(snapshot.Clusters),
            ["endpoints"] = Resources(snapshot.Endpoints),
            ["listeners"] = Resources(snapshot.Listeners),
            ["routes"] = Resources(snapshot.Routes),
            ["statuses"] = statuses,
        };
    }

    /// <summary>The snapshot as indented JSON.</summary>
    public static string ToJsonText(XdsSnapshot snapshot) => ToJson(snapshot).ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    /// <summary>The snapshot as YAML.</summary>
    public static string ToYamlText(XdsSnapshot snapshot) => JsonYamlWriter.Write(ToJson(snapshot));

    private static JsonArray Resources<T>(IEnumerable<T> messages)
        where T : IMessage
        => new(messages.Select(m => JsonNode.Parse(EnvoyJson.Format(m))).ToArray());

    private static JsonObject Statuses<T>(IReadOnlyDictionary<string, T> statuses)
    {
        var result = new JsonObject();
        foreach (var (name, status) in statuses.OrderBy(static s => s.Key, StringComparer.Ordinal))
        {
            result[name] = WithUnknownTransitionTimes(JsonSerializer.SerializeToNode(status, ManifestJsonOptions.Default));
        }

        return result;
    }

    // A one-shot translation cannot know when a condition last changed; like kgateway's goldens, say null
    // rather than print the models' default of year 1.
    private static JsonNode? WithUnknownTransitionTimes(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj.TryGetPropertyValue("lastTransitionTime", out var time) && (string?)time == UnknownTime)
                {
                    obj["lastTransitionTime"] = null;
                }

                foreach (var (_, child) in obj)
                {
                    WithUnknownTransitionTimes(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    WithUnknownTransitionTimes(child);
                }

                break;
        }

        return node;
    }

    private const string UnknownTime = "0001-01-01T00:00:00Z";
}
