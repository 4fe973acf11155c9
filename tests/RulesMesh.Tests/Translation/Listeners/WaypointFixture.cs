using System.Text.Json.Nodes;
using Envoy.Config.Listener.V3;
using Envoy.Extensions.Filters.Network.HttpConnectionManager.V3;
using Google.Protobuf;
using RulesMesh.Loading;
using RulesMesh.Tests.Support;
using RulesMesh.Translation.Output;
using RulesMesh.Xds;

namespace RulesMesh.Tests.Translation.Listeners;

/// <summary>Translates manifests end to end and reads the waypoint listener's chains and filters back.</summary>
internal static class WaypointFixture
{
    /// <summary>Namespace <c>infra</c> labelled for waypoint <c>example-waypoint</c>, and that kgateway waypoint Gateway (PROXY listener on 15088).</summary>
    public const string Waypoint = ExampleWaypointMesh.Yaml;

    /// <summary>A Service in <c>infra</c> with one port.</summary>
    public static string Service(string name, string clusterIp, int port, string portName = "http", string? created = null) => "\n" + $"""
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}
          namespace: infra
        {(created is null ? string.Empty : $"  creationTimestamp: \"{created}\"\n")}spec:
          clusterIP: {clusterIp}
          ports:
          - port: {port}
            name: {portName}

        """;

    /// <summary>Loads <paramref name="yaml"/> (which must load cleanly) and translates it.</summary>
    public static XdsSnapshot Translate(string yaml)
    {
        var load = new ManifestLoader().LoadText(yaml, "x.yaml");
        Assert.False(load.HasErrors, string.Join("\n", load.Diagnostics));
        return new WaypointTranslator().Translate(load);
    }

    /// <summary>The single waypoint listener.</summary>
    public static Listener Listener(XdsSnapshot snapshot) => Assert.Single(snapshot.Listeners);

    /// <summary>The chain named <paramref name="name"/>.</summary>
    public static FilterChain Chain(XdsSnapshot snapshot, string name)
        => Listener(snapshot).FilterChains.SingleOrDefault(c => c.Name == name)
           ?? throw new Xunit.Sdk.XunitException($"No chain {name}; chains: {string.Join(", ", Listener(snapshot).FilterChains.Select(c => c.Name))}");

    /// <summary>The HTTP connection manager of an HTTP chain.</summary>
    public static HttpConnectionManager Hcm(FilterChain chain)
        => chain.Filters.Single(f => f.Name == "envoy.filters.network.http_connection_manager").TypedConfig.Unpack<HttpConnectionManager>();

    /// <summary>Asserts that <paramref name="message"/> formats to the same proto3 JSON as <paramref name="expectedJson"/>.</summary>
    public static void AssertJson(string expectedJson, IMessage message)
    {
        var actual = JsonNode.Parse(EnvoyJson.Format(message));
        var difference = JsonTreeComparer.FirstDifference(JsonNode.Parse(expectedJson), actual);
        Assert.True(difference is null, $"{difference}\nactual: {actual!.ToJsonString()}");
    }
}
