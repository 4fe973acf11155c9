using System.Reflection;
using System.Text.Json.Nodes;
using Envoy.Config.Cluster.V3;
using Envoy.Config.Endpoint.V3;
using Google.Protobuf;
using RulesMesh.Capture;
using RulesMesh.Loading;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using RulesMesh.Rules;
using RulesMesh.Store;
using RulesMesh.Translation;
using RulesMesh.Translation.Backends;
using RulesMesh.Translation.Output;
using RulesMesh.Xds;

namespace RulesMesh.Tests.Translation.Backends;

/// <summary>Runs the translator over YAML text and reads what the backends stage produced.</summary>
internal static class BackendsHarness
{
    // validateSchemas: false for inputs the API server would refuse, to prove the translator's own defence.
    public static LoadResult Load(string yaml, bool validateSchemas = true)
    {
        var loaded = new ManifestLoader(validateSchemas: validateSchemas).LoadText(yaml, "backends-test.yaml");
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        return loaded;
    }

    /// <summary>Translates <paramref name="yaml"/> with the built-in rules of <paramref name="profile"/>.</summary>
    public static XdsSnapshot Translate(string yaml, string profile = "kgateway", bool validateSchemas = true)
        => new WaypointTranslator(WaypointPipelines.Create(profile)).Translate(Load(yaml, validateSchemas));

    /// <summary>
    /// The clusters and EDS endpoints the istio profile's backends stage builds for every service of
    /// <paramref name="yaml"/>. Its waypoint output holds such (outbound) clusters only for route targets the waypoint
    /// does not own; this reads the rules that build them directly.
    /// </summary>
    public static XdsSnapshot IstioBackends(string yaml)
    {
        var context = Context(yaml, "istio");
        var clusters = new List<Cluster>();
        var endpoints = new List<ClusterLoadAssignment>();
        foreach (var backend in BackendIndex.For(context).All)
        {
            if (context.Pipeline.Stage<IClusterRule>().BuildCluster(backend, context) is not { } built)
            {
                continue;
            }

            clusters.Add(built.Cluster);
            if (built.Cluster.Type == Envoy.Config.Cluster.V3.Cluster.Types.DiscoveryType.Eds && context.Pipeline.Stage<IEndpointsRule>().BuildEndpoints(backend, context) is { } eds)
            {
                endpoints.Add(eds.Assignment);
            }
        }

        return new XdsSnapshot(
            [.. clusters.OrderBy(static c => c.Name, StringComparer.Ordinal)],
            [.. endpoints.OrderBy(static e => e.ClusterName, StringComparer.Ordinal)],
            [],
            [],
            new Dictionary<string, GatewayStatus>(),
            new Dictionary<string, HTTPRouteStatus>(),
            context.Warnings);
    }

    public static Cluster Cluster(XdsSnapshot snapshot, string name)
        => snapshot.Clusters.SingleOrDefault(c => c.Name == name)
            ?? throw new Xunit.Sdk.XunitException($"No cluster '{name}'; there are: {string.Join(", ", snapshot.Clusters.Select(static c => c.Name))}");

    public static ClusterLoadAssignment Endpoints(XdsSnapshot snapshot, string clusterName)
        => snapshot.Endpoints.SingleOrDefault(e => e.ClusterName == clusterName)
            ?? throw new Xunit.Sdk.XunitException($"No endpoints for '{clusterName}'; there are: {string.Join(", ", snapshot.Endpoints.Select(static e => e.ClusterName))}");

    /// <summary>The message as a proto3-JSON tree.</summary>
    public static JsonNode Json(IMessage message) => JsonNode.Parse(EnvoyJson.Format(message))!;

    /// <summary>Asserts that <paramref name="message"/> is, as proto3 JSON, the tree <paramref name="expectedJson"/>.</summary>
    public static void AssertJson(string expectedJson, IMessage message) => AssertJson(expectedJson, Json(message));

    /// <summary>Asserts that <paramref name="actual"/> is the tree <paramref name="expectedJson"/>.</summary>
    public static void AssertJson(string expectedJson, JsonNode? actual)
    {
        var expected = JsonNode.Parse(expectedJson);
        var difference = Support.JsonTreeComparer.FirstDifference(expected, actual);
        Assert.True(difference is null, $"{difference}\nactual: {actual?.ToJsonString() ?? "nothing"}");
    }

    /// <summary>
    /// The translation context after the backends stage, for calling later-stage contracts such as
    /// <see cref="RulesMesh.Translation.Routes.IBackendRefRule"/> directly. A context of its own, not one of the engine's items (whose
    /// reads the engine tracks); the constructor is internal, so it is reached by reflection.
    /// </summary>
    public static TranslationContext Context(string yaml, string profile = "kgateway")
    {
        var pipeline = WaypointPipelines.Create(profile);
        var store = ResourceStore.From(Load(yaml));
        var capture = new WaypointCapture(pipeline).Run(store.Objects);
        var constructor = typeof(TranslationContext).GetConstructors(BindingFlags.Instance | BindingFlags.NonPublic)
            .Single(c => c.GetParameters().Select(static p => p.ParameterType).Take(4).SequenceEqual([typeof(ResourceStore), typeof(CaptureResult), typeof(RulePipeline), typeof(RuleContext)]));
        var context = (TranslationContext)constructor.Invoke([store, capture, pipeline, capture.Context, null]);
        _ = BackendIndex.For(context);
        return context;
    }
}
