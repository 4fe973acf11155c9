using System.Text.Json.Nodes;

namespace RulesMesh.Server.Tests.EndToEnd;

/// <summary>
/// What <c>rulesmesh translate</c> (the CLI, run as a process) gives for an input: its EDS clusters and its endpoint
/// assignments, in the shape xds-watch.js prints what gRPC's client decoded, so the two compare as JSON.
/// </summary>
internal sealed record Translation(IReadOnlyDictionary<string, JsonObject> EdsClusters, IReadOnlyDictionary<string, JsonObject> Endpoints, IReadOnlyList<string> AllClusters)
{
    /// <summary>Runs <c>rulesmesh translate -o json --client-locality &lt;locality&gt; &lt;folder&gt;</c>.</summary>
    public static async Task<Translation> OfAsync(string folder, string clientLocality)
    {
        var (exitCode, output, error) = await ProcessRun.CliAsync("translate", "-o", "json", "--client-locality", clientLocality, folder);
        Assert.True(exitCode == 0, $"rulesmesh translate failed (exit {exitCode}):\n{error}");
        var document = JsonNode.Parse(output)!;
        var clusters = document["clusters"]!.AsArray().Select(static c => c!.AsObject()).ToList();
        var eds = clusters
            .Where(static c => (string?)c["type"] == "EDS")
            .ToDictionary(static c => (string)c["name"]!, static c => new JsonObject
            {
                ["name"] = (string)c["name"]!,
                ["type"] = "EDS",
                ["edsServiceName"] = (string?)c["edsClusterConfig"]?["serviceName"] is { Length: > 0 } service ? service : null,
            });
        var endpoints = document["endpoints"]!.AsArray().Select(static e => e!.AsObject()).ToDictionary(static e => (string)e["clusterName"]!, Assignment);
        return new Translation(eds, endpoints, [.. clusters.Select(static c => (string)c["name"]!)]);
    }

    // Proto3 JSON leaves out defaults (empty strings, priority 0) and writes a UInt32Value as a bare number.
    private static JsonObject Assignment(JsonObject assignment) => new()
    {
        ["clusterName"] = (string)assignment["clusterName"]!,
        ["endpoints"] = new JsonArray([.. (assignment["endpoints"]?.AsArray() ?? []).Select(static l => (JsonNode)new JsonObject
        {
            ["locality"] = new JsonObject
            {
                ["region"] = (string?)l!["locality"]?["region"] ?? string.Empty,
                ["zone"] = (string?)l["locality"]?["zone"] ?? string.Empty,
                ["subZone"] = (string?)l["locality"]?["subZone"] ?? string.Empty,
            },
            ["priority"] = (int?)l["priority"] ?? 0,
            ["weight"] = (int?)l["loadBalancingWeight"],
            ["addresses"] = new JsonArray([.. (l["lbEndpoints"]?.AsArray() ?? []).Select(static e => (JsonNode)new JsonObject
            {
                ["address"] = (string?)e!["endpoint"]?["address"]?["socketAddress"]?["address"] ?? string.Empty,
                ["port"] = (int?)e["endpoint"]?["address"]?["socketAddress"]?["portValue"] ?? 0,
                ["weight"] = (int?)e["loadBalancingWeight"],
            })]),
        })]),
    };
}
