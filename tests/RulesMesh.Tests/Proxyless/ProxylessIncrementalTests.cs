using RulesMesh.Engine;
using RulesMesh.Tests.Engine;

namespace RulesMesh.Tests.Proxyless;

/// <summary>
/// The proxyless output updates step by step like the waypoint outputs: after every batch it equals a fresh engine's
/// full run over the same objects (resource versions, visibility, warnings), and the change set lists what the edit
/// implies and nothing else.
/// </summary>
public sealed class ProxylessIncrementalTests
{
    private const string EchoListener = "echo.app.svc.cluster.local:50051";
    private const string V2Listener = "echo-v2.app.svc.cluster.local:50051";

    private const string Split = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: { name: echo-split, namespace: app }
        spec:
          parentRefs: [{ group: "", kind: Service, name: echo, port: 50051 }]
          rules:
          - backendRefs: [{ name: echo, port: 50051, weight: 80 }, { name: echo-v2, port: 50051, weight: 20 }]
        """;

    private readonly ManifestObjects _manifests = new();

    [Fact]
    public void Each_edit_changes_only_what_it_implies_and_the_state_equals_a_full_run()
    {
        var initial = _manifests.LoadAll(ProxylessMesh.Nodes + ProxylessMesh.Echo + ProxylessMesh.FailoverRule + Split, "mesh.yaml");
        var settings = ProxylessTranslationTests.ClientSettings(initial);
        var engine = new TranslationEngine(WaypointPipelines.Create("kgateway"), settings);
        engine.Apply(initial.Select(static o => new ResourceChange.Upsert(o)));
        AssertEqualsFullRun(engine);

        // A weight edit: only echo's route configuration.
        var changes = Step(engine, Upsert(Split.Replace("weight: 80", "weight: 50", StringComparison.Ordinal)));
        Assert.Equal([(XdsResourceType.Route, EchoListener)], Upserted(changes));

        // echo-b's endpoint goes: only echo's load assignment (priorities 0, 2 renumbered 0, 1).
        changes = Step(engine, Upsert(ProxylessMesh.Echo.Split("---")[1].Replace("- { addresses: [10.0.0.2], conditions: { ready: true }, targetRef: { kind: Pod, name: echo-b, namespace: app } }\n", string.Empty, StringComparison.Ordinal)));
        Assert.Equal([(XdsResourceType.Endpoint, "kube_app_echo_50051")], Upserted(changes));

        // echo-v2 exported to its own namespace: its listener and route configuration are sent again (who sees them changed).
        changes = Step(engine, Upsert(ProxylessMesh.Echo.Split("---")[5].Replace("metadata: { name: echo-v2, namespace: app }", "metadata: { name: echo-v2, namespace: app, annotations: { networking.istio.io/exportTo: \".\" } }", StringComparison.Ordinal)));
        Assert.Equal([(XdsResourceType.Listener, V2Listener), (XdsResourceType.Route, V2Listener)], Upserted(changes));
        Assert.False(engine.Current.Proxyless.ResourcesFor("client")[XdsResourceType.Listener].ContainsKey(V2Listener));

        // The DestinationRule goes: echo's cluster (its settings go) and endpoints (all priority 0).
        changes = Step(engine, new ResourceChange.Delete(new ResourceKey("networking.istio.io", "DestinationRule", "app", "echo")));
        Assert.Equal([(XdsResourceType.Cluster, "kube_app_echo_50051"), (XdsResourceType.Endpoint, "kube_app_echo_50051")], Upserted(changes));

        // echo-v2 goes: its own resources are removed; echo's route still names its cluster.
        changes = Step(engine, new ResourceChange.Delete(new ResourceKey(string.Empty, "Service", "app", "echo-v2")));
        Assert.Equal(
            [(XdsResourceType.Cluster, "kube_app_echo-v2_50051"), (XdsResourceType.Endpoint, "kube_app_echo-v2_50051"), (XdsResourceType.Listener, V2Listener), (XdsResourceType.Route, V2Listener)],
            changes.Proxyless.Types.SelectMany(static t => t.Removed.Select(n => (t.Type, n))));

        // A ServiceEntry in the client's namespace for echo's host and port: clients there get its listener, the others echo's.
        changes = Step(engine, Upsert("""
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: { name: echo-local, namespace: client }
            spec:
              hosts: [echo.app.svc.cluster.local]
              ports: [{ number: 50051, name: grpc, protocol: GRPC }]
              resolution: STATIC
              endpoints: [{ address: 127.0.0.9 }]
            """));
        Assert.Contains((XdsResourceType.Route, EchoListener), Upserted(changes));
        Assert.Equal("istio-se_client_echo-local_echo.app.svc.cluster.local_50051", RouteCluster(engine.Current.Proxyless.ResourcesFor("client")));
        Assert.Equal("kube_app_echo_50051", RouteCluster(engine.Current.Proxyless.ResourcesFor("app")));
    }

    private static string RouteCluster(ResourceSet seen)
        => ((Envoy.Config.Route.V3.RouteConfiguration)seen[XdsResourceType.Route][EchoListener].Resource).VirtualHosts[0].Routes[^1].Route_.Cluster;

    private ChangeSet Step(TranslationEngine engine, ResourceChange change)
    {
        var step = engine.Apply([change]);
        AssertEqualsFullRun(engine);
        return step.Changes;
    }

    private ResourceChange.Upsert Upsert(string yaml) => new(Assert.Single(_manifests.LoadAll(yaml, "edit.yaml")));

    private static List<(XdsResourceType, string)> Upserted(ChangeSet changes)
        => [.. changes.Proxyless.Types.SelectMany(static t => t.Upserted.Select(r => (t.Type, r.Name)))];

    private void AssertEqualsFullRun(TranslationEngine engine)
    {
        var full = new TranslationEngine(engine.Pipeline, engine.Settings);
        full.Apply(engine.Objects.Select(o => new ResourceChange.Upsert(_manifests.Clone(o))));
        var expected = full.Current.Proxyless;
        var actual = engine.Current.Proxyless;
        foreach (var type in Enum.GetValues<XdsResourceType>())
        {
            Assert.Equal(Versions(expected.Resources[type]), Versions(actual.Resources[type]));
        }

        Assert.Equal(expected.Visibility, actual.Visibility);
        Assert.Equal(Contenders(expected), Contenders(actual));

        // As lists: ImmutableArray's own equality compares the arrays' references.
        Assert.Equal(expected.Warnings.ToList(), actual.Warnings.ToList());
        Assert.Empty(GrpcXdsValidation.Problems(actual.Resources));
    }

    private static List<string> Contenders(ProxylessState state)
        => [.. state.Contenders.OrderBy(static c => c.Key.Type).ThenBy(static c => c.Key.Name, StringComparer.Ordinal)
            .Select(static c => $"{c.Key}: {string.Join(", ", c.Value.Select(static v => $"{v.Resource} {v.Owner}"))}")];

    private static List<string> Versions(IEnumerable<KeyValuePair<string, VersionedResource>> resources) => [.. resources.Select(static r => r.Value.ToString())];
}
