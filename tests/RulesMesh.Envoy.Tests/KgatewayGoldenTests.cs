using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using RulesMesh.Xds.Tests.Support;
using Xunit.Abstractions;
using Cluster = Envoy.Config.Cluster.V3.Cluster;
using ClusterLoadAssignment = Envoy.Config.Endpoint.V3.ClusterLoadAssignment;
using Listener = Envoy.Config.Listener.V3.Listener;
using RouteConfiguration = Envoy.Config.Route.V3.RouteConfiguration;

namespace RulesMesh.Xds.Tests;

/// <summary>
/// Every Envoy resource in kgateway's golden outputs (../shared/conformance/kgateway) parses into these types
/// with unknown fields rejected, and formats back to the same JSON: the compiled types are the ones kgateway emits.
/// </summary>
public sealed class KgatewayGoldenTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, MessageDescriptor> Sections = new(StringComparer.Ordinal)
    {
        ["Clusters"] = Cluster.Descriptor,
        ["Listeners"] = Listener.Descriptor,
        ["Routes"] = RouteConfiguration.Descriptor,
        ["clusters"] = Cluster.Descriptor,
        ["endpoints"] = ClusterLoadAssignment.Descriptor,
        ["listeners"] = Listener.Descriptor,
        ["routes"] = RouteConfiguration.Descriptor,
    };

    public static TheoryData<string> GoldenOutputs()
    {
        var data = new TheoryData<string>();
        var root = RepositoryPaths.KgatewayConformance;
        foreach (var (folder, pattern) in new[] { ("waypoint/output", "*.yaml"), ("serviceentry", "*-out.yaml") })
        {
            var directory = Path.Combine(root, folder);
            if (!Directory.Exists(directory))
            {
                continue;
            }

            foreach (var file in Directory.GetFiles(directory, pattern).Order(StringComparer.Ordinal))
            {
                data.Add($"{folder}/{Path.GetFileName(file)}");
            }
        }

        return data;
    }

    [ConformanceTheory]
    [MemberData(nameof(GoldenOutputs))]
    public void EveryResourceParsesStrictlyAndFormatsBackTheSame(string file)
    {
        var document = YamlJson.Load(Path.Combine(RepositoryPaths.KgatewayConformance, file))?.AsObject()
            ?? throw new InvalidOperationException($"{file} is empty.");

        var failures = new List<string>();
        var parsed = 0;
        foreach (var (section, descriptor) in Sections)
        {
            if (document[section] is not JsonArray resources)
            {
                continue;
            }

            foreach (var resource in resources)
            {
                var name = (string?)resource?["name"] ?? (string?)resource?["clusterName"] ?? "?";
                var json = YamlJson.ToJson(resource);
                IMessage message;
                try
                {
                    message = EnvoyJson.Parse(json, descriptor);
                }
                catch (Exception error) when (error is InvalidProtocolBufferException or InvalidOperationException or InvalidJsonException)
                {
                    failures.Add($"{section}/{name}: parse: {error.Message}");
                    continue;
                }

                parsed++;
                var formatted = JsonNode.Parse(EnvoyJson.Format(message));
                if (!JsonNode.DeepEquals(Normalize(resource), Normalize(formatted)))
                {
                    failures.Add($"{section}/{name}: formats back differently:\n  golden: {YamlJson.ToJson(resource)}\n  ours:   {formatted!.ToJsonString()}");
                }
            }
        }

        output.WriteLine($"{file}: {parsed} Envoy resources parsed, {failures.Count} failures");
        Assert.True(failures.Count == 0, $"{file}:\n{string.Join("\n", failures)}");
        Assert.True(parsed > 0, $"{file}: no Envoy resource found.");
    }

    // Proto3 JSON writes 64-bit integers as strings and YAML may hold them as numbers: compare numbers by their text.
    private static JsonNode? Normalize(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Normalize(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Normalize).ToArray()),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number => JsonValue.Create(v.ToJsonString()),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String
            && long.TryParse(v.GetValue<string>(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n)
            && n.ToString(System.Globalization.CultureInfo.InvariantCulture) == v.GetValue<string>() => JsonValue.Create(v.GetValue<string>()),
        JsonValue v => JsonNode.Parse(v.ToJsonString()),
        null => null,
        _ => throw new InvalidOperationException(),
    };
}
