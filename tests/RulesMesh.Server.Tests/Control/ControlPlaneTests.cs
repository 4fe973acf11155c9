using Envoy.Config.Endpoint.V3;
using Envoy.Config.Listener.V3;
using Microsoft.Extensions.Logging;
using RulesMesh.Engine;
using RulesMesh.Mesh;
using RulesMesh.Rules;
using RulesMesh.Server.Xds;

namespace RulesMesh.Server.Tests.Control;

/// <summary>
/// The control plane with the real engine and kgateway rules, fed objects through the library's loader: debouncing,
/// which snapshot each proxy gets (issue 12 §3: its Gateway, its client identity, nothing for an unknown Gateway),
/// readiness, source status and status writers.
/// </summary>
public sealed class ControlPlaneTests
{
    private const string ReviewsCluster = "kube_a_reviews_9080";

    private static readonly NamespacedName WaypointA = new("a", "waypoint");
    private static readonly NamespacedName WaypointB = new("b", "waypoint");

    // Two namespaces, each captured by its own kgateway waypoint and holding one Service; in a, reviews with endpoints on
    // network n1 (p1) and n2 (p2) and a DestinationRule ranking by network; gateway Pods gw-1 and gw-2 alike on n1.
    private const string Mesh = """
        apiVersion: v1
        kind: Namespace
        metadata: { name: a, labels: { istio.io/use-waypoint: waypoint } }
        ---
        apiVersion: v1
        kind: Namespace
        metadata: { name: b, labels: { istio.io/use-waypoint: waypoint } }
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: { name: waypoint, namespace: a }
        spec:
          gatewayClassName: kgateway-waypoint
          listeners: [{ name: proxy, port: 15088, protocol: istio.io/PROXY }]
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: { name: waypoint, namespace: b }
        spec:
          gatewayClassName: kgateway-waypoint
          listeners: [{ name: proxy, port: 15088, protocol: istio.io/PROXY }]
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: svc-a, namespace: a }
        spec: { clusterIP: 10.0.0.1, ports: [{ name: http, port: 80 }] }
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: svc-b, namespace: b }
        spec: { clusterIP: 10.0.0.2, ports: [{ name: http, port: 80 }] }
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: reviews, namespace: a }
        spec: { clusterIP: 10.0.0.7, ports: [{ name: http, port: 9080, targetPort: 8080 }] }
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata: { name: reviews-a, namespace: a, labels: { kubernetes.io/service-name: reviews } }
        addressType: IPv4
        ports: [{ name: http, port: 8080 }]
        endpoints:
        - { addresses: [10.2.0.1], targetRef: { kind: Pod, name: p1, namespace: a } }
        - { addresses: [10.2.0.2], targetRef: { kind: Pod, name: p2, namespace: a } }
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: { name: reviews, namespace: a }
        spec:
          host: reviews.a.svc.cluster.local
          trafficPolicy:
            loadBalancer:
              localityLbSetting:
                failoverPriority: [topology.istio.io/network]
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: p1, namespace: a, labels: { app: reviews, topology.istio.io/network: n1 } }
        spec: { containers: [{ name: app, image: app }] }
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: p2, namespace: a, labels: { app: reviews, topology.istio.io/network: n2 } }
        spec: { containers: [{ name: app, image: app }] }
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: gw-1, namespace: a, labels: { app: waypoint, topology.istio.io/network: n1 } }
        spec: { containers: [{ name: gw, image: gw }] }
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: gw-2, namespace: a, labels: { app: waypoint, topology.istio.io/network: n1 } }
        spec: { containers: [{ name: gw, image: gw }] }
        """;

    private static readonly ProxyNode Gw1 = Node("gw-1.a", WaypointA, new("a", "gw-1"));
    private static readonly ProxyNode Gw2 = Node("gw-2.a", WaypointA, new("a", "gw-2"));

    [Fact]
    public async Task Readiness_waits_for_every_source_to_sync_and_the_first_snapshot()
    {
        var files = new ScriptedSource("files", ControlPlaneHarness.Load(Mesh));
        var late = new ScriptedSource("late", [], syncAtStart: false);
        await using var harness = new ControlPlaneHarness([files, late]);
        harness.Plane.Connected(Gw1);

        await ControlPlaneHarness.EventuallyAsync(() => harness.Steps >= 1 && harness.Plane.Sources.Single(s => s.Name == "files").Synced, "the first source's objects being applied");

        Assert.False(harness.Plane.IsReady);
        Assert.Null(harness.Plane.SnapshotFor(Gw1));
        Assert.Equal([("files", true), ("late", false)], harness.Plane.Sources.Where(static s => s.Name != "translation").Select(static s => (s.Name, s.Synced)));

        (await late.Sink).MarkSynced(late);
        var snapshot = await harness.WhenAsync(() => harness.Plane.SnapshotFor(Gw1), "gw-1's snapshot");

        Assert.True(harness.Plane.IsReady);
        Assert.Contains("proxy_protocol_inbound", snapshot.Resources[XdsResourceType.Listener].Keys);
    }

    [Fact]
    public async Task A_sources_problems_show_per_origin_until_it_reports_none()
    {
        var files = new ScriptedSource("files", ControlPlaneHarness.Load(Mesh));
        await using var harness = new ControlPlaneHarness([files]);
        var sink = await files.Sink;

        sink.Report(files, "/etc/mesh/broken.yaml", ["broken.yaml:3:1: error: mapping values are not allowed here"]);
        sink.Report(files, "/etc/mesh/other.yaml", ["other.yaml:1:1: error: unknown kind"]);
        sink.Report(files, "/etc/mesh/other.yaml", []);

        var status = Assert.Single(harness.Plane.Sources);
        Assert.Equal("files", status.Name);
        var (origin, problems) = Assert.Single(status.Problems);
        Assert.Equal("/etc/mesh/broken.yaml", origin);
        Assert.Equal(["broken.yaml:3:1: error: mapping values are not allowed here"], problems);
    }

    [Fact]
    public async Task A_burst_of_batches_within_the_quiet_period_is_one_engine_step()
    {
        var files = new ScriptedSource("files", ControlPlaneHarness.Load(Mesh));
        // A quiet period far longer than the burst takes, so the burst cannot straddle it however busy the machine is.
        await using var harness = new ControlPlaneHarness([files], static o => o with { Debounce = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromSeconds(30) });
        harness.Plane.Connected(Gw1);
        await harness.WhenAsync(() => harness.Plane.SnapshotFor(Gw1), "gw-1's first snapshot");
        var steps = harness.Steps;
        var changes = harness.Metrics.EngineChanges.WithLabels("files").Value;

        for (var i = 0; i < 20; i++)
        {
            await files.UpsertAsync(ControlPlaneHarness.Load($$"""
                apiVersion: v1
                kind: Service
                metadata: { name: burst-{{i}}, namespace: a }
                spec: { clusterIP: 10.0.1.{{i}}, ports: [{ name: http, port: 80 }] }
                """));
        }

        var snapshot = await harness.WhenAsync(() => harness.Plane.SnapshotFor(Gw1) is { } s && s.Resources[XdsResourceType.Cluster].ContainsKey("kube_a_burst-19_80") ? s : null, "the burst's clusters");

        Assert.Equal(steps + 1, harness.Steps);
        Assert.Equal(changes + 20, harness.Metrics.EngineChanges.WithLabels("files").Value);
        Assert.All(Enumerable.Range(0, 20), i => Assert.Contains($"kube_a_burst-{i}_80", snapshot.Resources[XdsResourceType.Cluster].Keys));
    }

    [Fact]
    public async Task A_constant_stream_of_edits_still_steps_after_the_maximum_delay()
    {
        var files = new ScriptedSource("files", ControlPlaneHarness.Load(Mesh));
        // A quiet period that never comes: only the maximum delay lets anything through.
        await using var harness = new ControlPlaneHarness([files], static o => o with { Debounce = TimeSpan.FromHours(1), MaxDelay = TimeSpan.FromMilliseconds(200) });
        harness.Plane.Connected(Gw1);

        var snapshot = await harness.WhenAsync(() => harness.Plane.SnapshotFor(Gw1), "gw-1's first snapshot");

        Assert.Contains("kube_a_svc-a_80", snapshot.Resources[XdsResourceType.Cluster].Keys);
    }

    [Fact]
    public async Task A_node_naming_an_unknown_Gateway_or_none_gets_nothing_and_a_warning_in_its_snapshot_which_the_xds_service_logs()
    {
        var files = new ScriptedSource("files", ControlPlaneHarness.Load(Mesh));
        await using var harness = new ControlPlaneHarness([files]);
        var stranger = Node("gw-9.a", new("a", "no-such-gateway"), new("a", "gw-1"));
        var anonymous = Node("sidecar~10.0.0.9", null, null);
        harness.Plane.Connected(stranger);
        harness.Plane.Connected(anonymous);

        var unknown = await harness.WhenAsync(() => harness.Plane.SnapshotFor(stranger), "the stranger's snapshot");
        harness.Plane.SnapshotFor(stranger);
        var none = harness.Plane.SnapshotFor(anonymous)!;
        harness.Plane.SnapshotFor(anonymous);

        Assert.Equal(0, unknown.Resources.Count);
        Assert.Contains("a/no-such-gateway", Assert.Single(unknown.Warnings), StringComparison.Ordinal);
        Assert.Equal(0, none.Resources.Count);
        Assert.Contains("names no Gateway", Assert.Single(none.Warnings), StringComparison.Ordinal);
        // Logged once per stream by the xDS service (ServeEndToEndTests), not a second time here.
        var warnings = harness.Log.Entries.Where(static e => e.Level == LogLevel.Warning).Select(static e => e.Message).ToList();
        Assert.DoesNotContain(warnings, static w => w.Contains("gw-9.a", StringComparison.Ordinal) || w.Contains("sidecar~10.0.0.9", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Proxyless_warnings_are_logged_once_by_the_control_plane_however_many_clients_connect()
    {
        var files = new ScriptedSource("files", ControlPlaneHarness.Load(Mesh + "\n" + """
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: { name: dns, namespace: a }
            spec:
              hosts: [api.example.org]
              ports: [{ number: 443, name: grpc, protocol: GRPC }]
              resolution: DNS
            """));
        await using var harness = new ControlPlaneHarness([files], static o => o with { Settings = new EngineSettings { ServeProxylessClients = true } });
        var clients = Enumerable.Range(1, 3).Select(static i => new ProxyNode($"client-{i}.a", "proxyless", null, new("a", $"client-{i}"), null, IsProxylessGrpc: true)).ToList();
        foreach (var client in clients)
        {
            harness.Plane.Connected(client);
        }

        foreach (var client in clients)
        {
            Assert.Empty((await harness.WhenAsync(() => harness.Plane.SnapshotFor(client), "a proxyless client's snapshot")).Warnings);
        }

        const string Warning = "Proxyless gRPC: ServiceEntry a/dns: cluster istio-se_a_dns_api.example.org_443: cluster_type envoy.clusters.dns";
        await harness.WhenAsync(() => harness.Log.Entries.Any(static e => e.Message.StartsWith(Warning, StringComparison.Ordinal)) ? "logged" : null, "the proxyless warning to be logged");
        var logged = harness.Log.Entries.Where(static e => e.Message.StartsWith(Warning, StringComparison.Ordinal)).ToList();
        Assert.Equal(LogLevel.Warning, Assert.Single(logged).Level);
    }

    [Fact]
    public async Task Translation_warnings_are_logged_when_they_appear_and_when_they_go_and_shown_on_debug_sources_meanwhile()
    {
        // A port out of range: translate warns "Service a/bad: port 700000 ..." and gives it no cluster.
        var bad = ControlPlaneHarness.Load("""
            apiVersion: v1
            kind: Service
            metadata: { name: bad, namespace: a }
            spec: { clusterIP: 10.0.0.9, ports: [{ name: http, port: 700000 }] }
            """).Single();
        var files = new ScriptedSource("files", [.. ControlPlaneHarness.Load(Mesh), bad]);
        await using var harness = new ControlPlaneHarness([files]);
        var sink = await files.Sink;
        const string Warning = "Translation: Service a/bad: port 700000";

        // (The mesh's two waypoints share a listener name, which translate warns about too.)
        await ControlPlaneHarness.EventuallyAsync(() => WarningsAbout("Service a/bad").Count > 0, "the translation's warning to be shown");
        var messages = WarningsAbout("Service a/bad");
        Assert.NotEmpty(messages);
        Assert.All(messages, static m => Assert.StartsWith("port 700000", m, StringComparison.Ordinal));

        // Another step while the warning persists does not log it again.
        var stepsBefore = harness.Steps;
        var svcB = ControlPlaneHarness.Load("""
            apiVersion: v1
            kind: Service
            metadata: { name: svc-b, namespace: b }
            spec: { clusterIP: 10.0.0.2, ports: [{ name: http, port: 81 }] }
            """).Single();
        sink.Submit(files, [new ResourceChange.Upsert(svcB)]);
        await ControlPlaneHarness.EventuallyAsync(() => harness.Steps > stepsBefore, "the step of the unrelated change");
        var logged = harness.Log.Entries.Where(static e => e.Message.StartsWith(Warning, StringComparison.Ordinal)).ToList();
        Assert.Equal(messages.Count, logged.Count);
        Assert.All(logged, static e => Assert.Equal(LogLevel.Warning, e.Level));

        sink.Submit(files, [new ResourceChange.Delete(ResourceKey.Of(bad, namespaced: true))]);
        await ControlPlaneHarness.EventuallyAsync(() => WarningsAbout("Service a/bad").Count == 0, "the warning to be gone from the sources");
        var gone = harness.Log.Entries.Where(static e => e.Message.StartsWith("Translation warning gone: Service a/bad: port 700000", StringComparison.Ordinal)).ToList();
        Assert.Equal(messages.Count, gone.Count);
        Assert.All(gone, static e => Assert.Equal(LogLevel.Information, e.Level));

        IReadOnlyList<string> WarningsAbout(string subject)
            => harness.Plane.Sources.SingleOrDefault(static s => s.Name == "translation")?.Problems.GetValueOrDefault(subject) ?? [];
    }

    [Fact]
    public async Task Each_Gateways_nodes_get_their_own_listeners_and_alike_nodes_share_one_snapshot()
    {
        var files = new ScriptedSource("files", ControlPlaneHarness.Load(Mesh));
        await using var harness = new ControlPlaneHarness([files]);
        var inB = Node("waypoint-b.b", WaypointB, null);
        foreach (var node in new[] { Gw1, Gw2, inB })
        {
            harness.Plane.Connected(node);
        }

        var a1 = await harness.WhenAsync(() => harness.Plane.SnapshotFor(Gw1), "gw-1's snapshot");
        var b = await harness.WhenAsync(() => harness.Plane.SnapshotFor(inB), "waypoint-b's snapshot");
        var a2 = harness.Plane.SnapshotFor(Gw2)!;

        Assert.Equal(["fc_http_80_svc-a_a", "fc_http_9080_reviews_a"], Chains(a1));
        Assert.Equal(["fc_http_80_svc-b_b"], Chains(b));
        Assert.NotEqual(a1.Key, b.Key);
        // gw-1 and gw-2: same Gateway, and Pods with the same namespace and labels, so one client identity.
        Assert.Same(a1, a2);
    }

    [Fact]
    public async Task Relabelling_a_client_Pod_moves_its_proxy_to_the_priorities_of_its_new_identity()
    {
        var files = new ScriptedSource("files", ControlPlaneHarness.Load(Mesh));
        await using var harness = new ControlPlaneHarness([files]);
        harness.Plane.Connected(Gw1);
        harness.Plane.Connected(Gw2);
        var before = await harness.WhenAsync(() => harness.Plane.SnapshotFor(Gw1), "gw-1's snapshot");

        // failoverPriority [network], N = 1: the endpoint on the client's network 0, the other 1.
        Assert.Equal(new Dictionary<string, uint> { ["10.2.0.1"] = 0, ["10.2.0.2"] = 1 }, Priorities(before));

        await files.UpsertAsync(ControlPlaneHarness.Load("""
            apiVersion: v1
            kind: Pod
            metadata: { name: gw-1, namespace: a, labels: { app: waypoint, topology.istio.io/network: n2 } }
            spec: { containers: [{ name: gw, image: gw }] }
            """));
        var after = await harness.WhenAsync(() => harness.Plane.SnapshotFor(Gw1) is { } s && s.Key != before.Key ? s : null, "gw-1's snapshot for its new identity");

        Assert.Equal(new Dictionary<string, uint> { ["10.2.0.1"] = 1, ["10.2.0.2"] = 0 }, Priorities(after));
        Assert.Contains("topology.istio.io/network=n2", after.Key, StringComparison.Ordinal);
        Assert.Same(before, harness.Plane.SnapshotFor(Gw2));
    }

    [Fact]
    public async Task A_client_identity_is_dropped_when_its_last_proxy_disconnects()
    {
        var files = new ScriptedSource("files", ControlPlaneHarness.Load(Mesh));
        await using var harness = new ControlPlaneHarness([files]);
        harness.Plane.Connected(Gw1);
        harness.Plane.Connected(Gw2);
        await harness.WhenAsync(() => harness.Plane.SnapshotFor(Gw2), "gw-2's snapshot");

        harness.Plane.Disconnected(Gw1);
        harness.Plane.Disconnected(Gw2);
        await ControlPlaneHarness.EventuallyAsync(() => harness.Log.Entries.Any(static e => e.Message.Contains("no proxy has any more", StringComparison.Ordinal)), "the identity of gw-1 and gw-2 being dropped");

        // One identity in use (gw-1 and gw-2 share it), then none: one built and one dropped, both naming it.
        var identities = harness.Log.Entries.Where(static e => e.Message.Contains("Client identity", StringComparison.Ordinal)).Select(static e => e.Message).ToList();
        Assert.Equal(2, identities.Count);
        Assert.Contains("topology.istio.io/network=n1", identities[0], StringComparison.Ordinal);
        Assert.EndsWith("engines now 2", identities[0], StringComparison.Ordinal);
        Assert.EndsWith("engines now 1", identities[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_status_writer_gets_a_call_only_for_steps_that_change_statuses()
    {
        var files = new ScriptedSource("files", ControlPlaneHarness.Load(Mesh));
        var writer = new RecordingStatusWriter();
        await using var harness = new ControlPlaneHarness([files], o => o with { StatusWriters = [writer] });
        harness.Plane.Connected(Gw1);
        await writer.CallsReached(1);
        var first = writer.Calls[0];
        Assert.Contains(first.Changes, static c => c.Kind == "Gateway" && c.Key == "a/waypoint" && c.Status is not null);
        Assert.Contains("b/waypoint", first.Current.Gateways.Keys);

        // An endpoint change: resources change, statuses do not.
        await files.UpsertAsync(ControlPlaneHarness.Load("""
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata: { name: reviews-a, namespace: a, labels: { kubernetes.io/service-name: reviews } }
            addressType: IPv4
            ports: [{ name: http, port: 8080 }]
            endpoints:
            - { addresses: [10.2.0.1], targetRef: { kind: Pod, name: p1, namespace: a } }
            """));
        await harness.WhenAsync(() => harness.Plane.SnapshotFor(Gw1) is { } s && Priorities(s).Count == 1 ? s : null, "the endpoint change");

        // A new waypoint: its Gateway status appears.
        await files.UpsertAsync(ControlPlaneHarness.Load("""
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: { name: waypoint-2, namespace: b }
            spec:
              gatewayClassName: kgateway-waypoint
              listeners: [{ name: proxy, port: 15088, protocol: istio.io/PROXY }]
            """));
        await writer.CallsReached(2);

        var calls = writer.Calls;
        Assert.Equal(2, calls.Count);
        Assert.Contains(calls[1].Changes, static c => c.Kind == "Gateway" && c.Key == "b/waypoint-2" && c.Status is not null);
        Assert.DoesNotContain(calls[1].Changes, static c => c.Key == "a/waypoint");
        Assert.Contains("b/waypoint-2", calls[1].Current.Gateways.Keys);
    }

    [Fact]
    public async Task A_throwing_status_writer_neither_stops_the_others_nor_the_loop()
    {
        var files = new ScriptedSource("files", ControlPlaneHarness.Load(Mesh));
        var broken = new ThrowingStatusWriter();
        var writer = new RecordingStatusWriter();
        await using var harness = new ControlPlaneHarness([files], o => o with { StatusWriters = [broken, writer] });
        harness.Plane.Connected(Gw1);
        await writer.CallsReached(1);

        await files.UpsertAsync(ControlPlaneHarness.Load("""
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: { name: waypoint-2, namespace: b }
            spec:
              gatewayClassName: kgateway-waypoint
              listeners: [{ name: proxy, port: 15088, protocol: istio.io/PROXY }]
            """));
        await writer.CallsReached(2);

        Assert.Equal(2, broken.Calls);
        Assert.Equal(2, harness.Log.Entries.Count(static e => e.Level == LogLevel.Error && e.Message.Contains(nameof(ThrowingStatusWriter), StringComparison.Ordinal)));
        Assert.Contains("b/waypoint-2", writer.Calls[1].Current.Gateways.Keys);
    }

    private static ProxyNode Node(string id, NamespacedName? gateway, NamespacedName? pod) => new(id, "waypoint", gateway, pod, null, false);

    private static List<string> Chains(ProxySnapshot snapshot)
        => [.. ((Listener)snapshot.Resources[XdsResourceType.Listener]["proxy_protocol_inbound"].Resource).FilterChains.Select(static c => c.Name).Where(static n => n.StartsWith("fc_", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    private static Dictionary<string, uint> Priorities(ProxySnapshot snapshot)
        => ((ClusterLoadAssignment)snapshot.Resources[XdsResourceType.Endpoint][ReviewsCluster].Resource).Endpoints
            .SelectMany(static g => g.LbEndpoints.Select(e => (e.Endpoint.Address.SocketAddress.Address, g.Priority)))
            .ToDictionary(static p => p.Address, static p => p.Priority);
}
