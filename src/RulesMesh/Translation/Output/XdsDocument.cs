using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using RulesMesh.Loading;
using RulesMesh.Xds;

namespace RulesMesh.Translation.Output;

/// <summary>
/// The one document <c>rulesmesh translate</c> prints: <c>clusters</c>, <c>endpoints</c>, <c>listeners</c>, <c>routes</c>
/// (Envoy resources in proto3 JSON, each list sorted by name) and <c>statuses</c> (Gateway and HTTPRoute statuses by ns/name, and GRPCRoute and BackendConfigPolicy statuses when there are any).
/// </summary>
/// <remarks>
/// <see cref="WriteJson"/> and <see cref="WriteYaml"/> stream: resources go from their messages, or from their bytes when
/// the engine keeps them serialised (<see cref="SnapshotResources{T}"/>), straight to the output
/// (<see cref="ResourceJsonWriter"/>, <see cref="ResourceYamlWriter"/>) and one status is held at a time, so memory
/// does not grow with the document. <see cref="ToJson"/> builds the whole tree, for callers that compare documents.
/// </remarks>
public static class XdsDocument
{
    /// <summary>The snapshot as a JSON tree.</summary>
    public static JsonObject ToJson(XdsSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var statuses = new JsonObject();
        foreach (var (key, entries) in StatusSections(snapshot))
        {
            var section = new JsonObject();
            foreach (var (name, status) in entries)
            {
                section[name] = status;
            }

            statuses[key] = section;
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
            var resources = new ResourceJsonWriter(writer);
            writer.WriteStartObject();
            resources.Write("clusters", snapshot.Clusters);
            resources.Write("endpoints", snapshot.Endpoints);
            resources.Write("listeners", snapshot.Listeners);
            resources.Write("routes", snapshot.Routes);
            writer.WriteStartObject("statuses");
            foreach (var (key, entries) in StatusSections(snapshot))
            {
                WriteStatuses(writer, key, entries);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        output.Write(Encoding.UTF8.GetBytes(Environment.NewLine));
    }

    /// <summary>Writes the snapshot to <paramref name="output"/> as block-style UTF-8 YAML, the text <see cref="JsonYamlWriter"/> gives its tree.</summary>
    public static void WriteYaml(XdsSnapshot snapshot, Stream output)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var writer = new Utf8YamlTokenWriter(output);
        var resources = new ResourceYamlWriter(writer);
        writer.WriteStartObject();
        resources.Write("clusters", snapshot.Clusters);
        resources.Write("endpoints", snapshot.Endpoints);
        resources.Write("listeners", snapshot.Listeners);
        resources.Write("routes", snapshot.Routes);
        writer.WritePropertyName("statuses");
        writer.WriteStartObject();
        foreach (var (key, entries) in StatusSections(snapshot))
        {
            writer.WritePropertyName(key);
            writer.WriteStartObject();
            foreach (var (name, status) in entries)
            {
                writer.WriteKey(name);
                writer.WriteNode(status);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.EndDocument();
    }

    /// <summary>
    /// The status sections of every writer, in document order, each sorted by <c>ns/name</c>: Gateways and HTTPRoutes
    /// always; GRPCRoutes, TCPRoutes and TLSRoutes only when some route of the kind is attached, BackendConfigPolicies
    /// only when some policy is, and Services and ServiceEntries only when some has waypoint conditions (istio profile),
    /// so that output without them stays as it was.
    /// </summary>
    private static IEnumerable<(string Key, IEnumerable<(string Name, JsonNode? Status)> Entries)> StatusSections(XdsSnapshot snapshot)
    {
        yield return ("gateways", Entries(snapshot.GatewayStatuses));
        yield return ("httpRoutes", Entries(snapshot.HttpRouteStatuses));
        if (snapshot.GrpcRouteStatuses.Count > 0)
        {
            yield return ("grpcRoutes", Entries(snapshot.GrpcRouteStatuses));
        }

        if (snapshot.TcpRouteStatuses.Count > 0)
        {
            yield return ("tcpRoutes", Entries(snapshot.TcpRouteStatuses));
        }

        if (snapshot.TlsRouteStatuses.Count > 0)
        {
            yield return ("tlsRoutes", Entries(snapshot.TlsRouteStatuses));
        }

        if (snapshot.BackendConfigPolicyStatuses.Count > 0)
        {
            yield return ("backendConfigPolicies", Entries(snapshot.BackendConfigPolicyStatuses));
        }

        if (snapshot.ServiceStatuses.Count > 0)
        {
            yield return ("services", Entries(snapshot.ServiceStatuses));
        }

        if (snapshot.ServiceEntryStatuses.Count > 0)
        {
            yield return ("serviceEntries", Entries(snapshot.ServiceEntryStatuses));
        }
    }

    private static IEnumerable<(string Name, JsonNode? Status)> Entries<T>(IReadOnlyDictionary<string, T> statuses)
        => statuses.OrderBy(static s => s.Key, StringComparer.Ordinal).Select(static s => (s.Key, Status(s.Value)));

    private static void WriteStatuses(Utf8JsonWriter writer, string key, IEnumerable<(string Name, JsonNode? Status)> entries)
    {
        writer.WriteStartObject(key);
        foreach (var (name, node) in entries)
        {
            writer.WritePropertyName(name);
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

    private static JsonArray Resources<T>(IEnumerable<T> messages)
        where T : IMessage
        => new(messages.Select(m => JsonNode.Parse(EnvoyJson.Format(m))).ToArray());

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
