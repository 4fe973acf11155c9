using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using RulesMesh.Loading;
using RulesMesh.Xds;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RulesMesh.Translation.Output;

/// <summary>
/// The one document <c>rulesmesh translate</c> prints: <c>clusters</c>, <c>endpoints</c>, <c>listeners</c>, <c>routes</c>
/// (Envoy resources in proto3 JSON, each list sorted by name) and <c>statuses</c> (Gateway and HTTPRoute statuses by ns/name, and BackendConfigPolicy statuses when there are any).
/// </summary>
/// <remarks>
/// <see cref="WriteJson"/> and <see cref="WriteYaml"/> stream: one resource or status is held at a time, so memory does
/// not grow with the document. <see cref="ToJson"/> builds the whole tree, for callers that compare documents.
/// </remarks>
public static class XdsDocument
{
    // Flushing the JSON writer at this many pending bytes keeps its buffer small without a write per token.
    private const int FlushThreshold = 64 * 1024;

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

    /// <summary>Writes the snapshot to <paramref name="output"/> as indented UTF-8 JSON followed by a line break.</summary>
    public static void WriteJson(XdsSnapshot snapshot, Stream output)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            WriteResources(writer, "clusters", snapshot.Clusters);
            WriteResources(writer, "endpoints", snapshot.Endpoints);
            WriteResources(writer, "listeners", snapshot.Listeners);
            WriteResources(writer, "routes", snapshot.Routes);
            writer.WriteStartObject("statuses");
            WriteStatuses(writer, "gateways", snapshot.GatewayStatuses);
            WriteStatuses(writer, "httpRoutes", snapshot.HttpRouteStatuses);
            if (snapshot.BackendConfigPolicyStatuses.Count > 0)
            {
                WriteStatuses(writer, "backendConfigPolicies", snapshot.BackendConfigPolicyStatuses);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        output.Write(Encoding.UTF8.GetBytes(Environment.NewLine));
    }

    /// <summary>Writes the snapshot to <paramref name="output"/> as block-style YAML (see <see cref="JsonYamlWriter"/>).</summary>
    public static void WriteYaml(XdsSnapshot snapshot, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var emitter = new Emitter(output);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        emitter.Emit(new MappingStart(null, null, isImplicit: true, MappingStyle.Block));
        EmitResources(emitter, "clusters", snapshot.Clusters);
        EmitResources(emitter, "endpoints", snapshot.Endpoints);
        EmitResources(emitter, "listeners", snapshot.Listeners);
        EmitResources(emitter, "routes", snapshot.Routes);
        JsonYamlWriter.EmitString(emitter, "statuses");
        emitter.Emit(new MappingStart(null, null, isImplicit: true, MappingStyle.Block));
        EmitStatuses(emitter, "gateways", snapshot.GatewayStatuses);
        EmitStatuses(emitter, "httpRoutes", snapshot.HttpRouteStatuses);
        if (snapshot.BackendConfigPolicyStatuses.Count > 0)
        {
            EmitStatuses(emitter, "backendConfigPolicies", snapshot.BackendConfigPolicyStatuses);
        }

        emitter.Emit(new MappingEnd());
        emitter.Emit(new MappingEnd());
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
    }

    private static void WriteResources<T>(Utf8JsonWriter writer, string key, IEnumerable<T> messages)
        where T : IMessage
    {
        writer.WriteStartArray(key);
        foreach (var message in messages)
        {
            using var resource = JsonDocument.Parse(EnvoyJson.Format(message));
            resource.RootElement.WriteTo(writer);
            if (writer.BytesPending > FlushThreshold)
            {
                writer.Flush();
            }
        }

        writer.WriteEndArray();
    }

    private static void WriteStatuses<T>(Utf8JsonWriter writer, string key, IReadOnlyDictionary<string, T> statuses)
    {
        writer.WriteStartObject(key);
        foreach (var (name, status) in Sorted(statuses))
        {
            writer.WritePropertyName(name);
            var node = Status(status);
            if (node is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                node.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }

    private static void EmitResources<T>(IEmitter emitter, string key, IEnumerable<T> messages)
        where T : IMessage
    {
        JsonYamlWriter.EmitString(emitter, key);
        emitter.Emit(new SequenceStart(null, null, isImplicit: true, SequenceStyle.Block));
        foreach (var message in messages)
        {
            using var resource = JsonDocument.Parse(EnvoyJson.Format(message));
            JsonYamlWriter.Emit(emitter, resource.RootElement);
        }

        emitter.Emit(new SequenceEnd());
    }

    private static void EmitStatuses<T>(IEmitter emitter, string key, IReadOnlyDictionary<string, T> statuses)
    {
        JsonYamlWriter.EmitString(emitter, key);
        emitter.Emit(new MappingStart(null, null, isImplicit: true, MappingStyle.Block));
        foreach (var (name, status) in Sorted(statuses))
        {
            JsonYamlWriter.EmitString(emitter, name);
            JsonYamlWriter.Emit(emitter, Status(status));
        }

        emitter.Emit(new MappingEnd());
    }

    private static JsonArray Resources<T>(IEnumerable<T> messages)
        where T : IMessage
        => new(messages.Select(m => JsonNode.Parse(EnvoyJson.Format(m))).ToArray());

    private static JsonObject Statuses<T>(IReadOnlyDictionary<string, T> statuses)
    {
        var result = new JsonObject();
        foreach (var (name, status) in Sorted(statuses))
        {
            result[name] = Status(status);
        }

        return result;
    }

    private static IOrderedEnumerable<KeyValuePair<string, T>> Sorted<T>(IReadOnlyDictionary<string, T> statuses)
        => statuses.OrderBy(static s => s.Key, StringComparer.Ordinal);

    private static JsonNode? Status<T>(T status) => WithUnknownTransitionTimes(JsonSerializer.SerializeToNode(status, ManifestJsonOptions.Default));

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
