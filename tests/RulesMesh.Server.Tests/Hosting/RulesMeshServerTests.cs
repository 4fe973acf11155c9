using System.Net;
using System.Text.Json;
using Envoy.Service.Discovery.V3;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging.Abstractions;
using RulesMesh.Engine;
using RulesMesh.Server.Control;
using RulesMesh.Server.Hosting;
using RulesMesh.Server.Operations;
using RulesMesh.Server.Tests.Xds;
using RulesMesh.Server.Xds;
using static RulesMesh.Server.Tests.Xds.TestResources;

namespace RulesMesh.Server.Tests.Hosting;

/// <summary><see cref="RulesMeshServer"/> on loopback with free ports: its two endpoints, the admin paths, the drain.</summary>
public sealed class RulesMeshServerTests
{
    private static readonly VersionedResource ClusterA = Cluster("kube_default_a_80");

    [Fact]
    public async Task Port_0_binds_free_ports_and_the_listening_line_names_them()
    {
        await using var fixture = await ServerFixture.StartAsync();

        var xds = fixture.Server.XdsEndpoint;
        var admin = fixture.Server.AdminEndpoint;
        Assert.Equal(IPAddress.Loopback, xds.Address);
        Assert.Equal(IPAddress.Loopback, admin.Address);
        Assert.NotEqual(0, xds.Port);
        Assert.NotEqual(0, admin.Port);
        Assert.NotEqual(xds.Port, admin.Port);
        Assert.Equal($"xds listening on 127.0.0.1:{xds.Port}; admin on 127.0.0.1:{admin.Port}", fixture.Server.ListeningLine);
    }

    [Fact]
    public async Task An_address_in_use_fails_the_start_naming_it()
    {
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var source = new TestSnapshotSource();
        var options = new ServeOptions { XdsEndpoint = new IPEndPoint(IPAddress.Loopback, port), AdminEndpoint = new IPEndPoint(IPAddress.Loopback, 0) };
        await using var server = new RulesMeshServer(options, source, new TestControlPlaneStatus(), new ServerMetrics(Prometheus.Metrics.NewCustomRegistry()), NullLoggerFactory.Instance);

        var error = await Assert.ThrowsAsync<IOException>(() => server.StartAsync());

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthz_answers_while_serving_and_readyz_waits_for_the_control_plane()
    {
        await using var fixture = await ServerFixture.StartAsync();
        fixture.Status.Sources = [new SourceStatus("files", Synced: false, new Dictionary<string, IReadOnlyList<string>>())];

        Assert.Equal((HttpStatusCode.OK, "ok\n"), await fixture.GetAsync("/healthz"));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "not ready: waiting for files to sync\n"), await fixture.GetAsync("/readyz"));

        fixture.Status.Sources = [new SourceStatus("files", Synced: true, new Dictionary<string, IReadOnlyList<string>>())];
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "not ready: the first snapshot is not built yet\n"), await fixture.GetAsync("/readyz"));

        fixture.Status.Ready = true;
        Assert.Equal((HttpStatusCode.OK, "ready\n"), await fixture.GetAsync("/readyz"));
    }

    [Fact]
    public async Task Metrics_count_pushes_and_open_streams_in_Prometheus_text()
    {
        await using var fixture = await ServerFixture.StartAsync();
        fixture.Source.Set(WaypointA, Set(ClusterA));
        await using var stream = fixture.OpenSotw();
        await stream.SendAsync(Request(ClusterType, NodeOf(WaypointA)));
        await stream.SendAsync(Ack(await stream.NextAsync()));
        // The ACK is handled (the first request and the ACK each read the snapshot) before the change: a push that reads
        // the new snapshot before its change notice arrives has no notice to time, which this test would not see.
        await fixture.Source.ReadsAsync(2);
        var changed = Cluster("kube_default_a_80", connectTimeoutSeconds: 8);
        fixture.Source.Set(WaypointA, Set(changed));
        Assert.Equal(Sotw(ClusterType, "2", changed), await stream.NextAsync());
        await stream.SendAsync(Request(ListenerType));
        Assert.Equal(Sotw(ListenerType, "3"), await stream.NextAsync()); // the stream has counted response 2 by now

        var (status, text) = await fixture.GetAsync("/metrics");

        // Two cluster responses; only the second answers a change, so only it has a push latency.
        Assert.Equal(HttpStatusCode.OK, status);
        var lines = text.Split('\n');
        Assert.Contains("rulesmesh_xds_pushes_total{type=\"Cluster\"} 2", lines);
        Assert.Contains("rulesmesh_xds_connected_proxies{variant=\"sotw\"} 1", lines);
        Assert.Contains("rulesmesh_xds_push_latency_seconds_count{type=\"Cluster\"} 1", lines);
    }

    [Fact]
    public async Task Debug_proxies_shows_each_open_stream_and_debug_sources_each_source()
    {
        await using var fixture = await ServerFixture.StartAsync();
        fixture.Status.Sources = [new SourceStatus("files", Synced: true, new Dictionary<string, IReadOnlyList<string>> { ["/mesh/bad.yaml"] = ["bad.yaml:3:1: error: metadata.name is required"] })];
        fixture.Source.Set(WaypointA, Set(ClusterA));
        await using var stream = fixture.OpenSotw();
        await stream.SendAsync(Request(ClusterType, NodeOf(WaypointA)));
        await stream.SendAsync(Ack(await stream.NextAsync()));
        await stream.SendAsync(Request(ListenerType));
        await stream.NextAsync();

        var (proxiesStatus, proxiesJson) = await fixture.GetAsync("/debug/proxies");
        var (sourcesStatus, sourcesJson) = await fixture.GetAsync("/debug/sources");

        Assert.Equal(HttpStatusCode.OK, proxiesStatus);
        var proxy = Assert.Single(JsonDocument.Parse(proxiesJson).RootElement.EnumerateArray());
        Assert.Equal("waypoint-7d9f.infra", proxy.GetProperty("node").GetProperty("id").GetString());
        Assert.Equal("infra/waypoint-a", proxy.GetProperty("node").GetProperty("gateway").GetString());
        Assert.Equal("infra/waypoint-7d9f", proxy.GetProperty("node").GetProperty("pod").GetString());
        Assert.Equal("sotw", proxy.GetProperty("variant").GetString());
        Assert.Equal("infra/waypoint-a", proxy.GetProperty("snapshotKey").GetString());
        Assert.Equal(TypeVersion(ClusterA), proxy.GetProperty("ackedVersions").GetProperty(ClusterType).GetString());
        Assert.Equal(JsonValueKind.Null, proxy.GetProperty("lastNack").ValueKind);

        Assert.Equal(HttpStatusCode.OK, sourcesStatus);
        var source = Assert.Single(JsonDocument.Parse(sourcesJson).RootElement.EnumerateArray());
        Assert.Equal("files", source.GetProperty("name").GetString());
        Assert.True(source.GetProperty("synced").GetBoolean());
        Assert.Equal("bad.yaml:3:1: error: metadata.name is required", source.GetProperty("problems").GetProperty("/mesh/bad.yaml")[0].GetString());
    }

    [Fact]
    public async Task Admin_paths_are_not_served_on_the_xDS_port_nor_the_xDS_service_on_the_admin_port()
    {
        await using var fixture = await ServerFixture.StartAsync();
        using var h2c = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

        using var healthOnXds = await h2c.GetAsync(new Uri($"http://{fixture.Server.XdsEndpoint}/healthz"));
        using var adsOnAdmin = await fixture.Admin.PostAsync(new Uri($"/{AdsMethods.ServiceName}/StreamAggregatedResources", UriKind.Relative), new ByteArrayContent([]));

        Assert.Equal(HttpStatusCode.NotFound, healthOnXds.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, adsOnAdmin.StatusCode);
    }

    [Fact]
    public async Task Stopping_ends_open_streams_cleanly()
    {
        await using var fixture = await ServerFixture.StartAsync();
        fixture.Source.Set(WaypointA, Set(ClusterA));
        await using var stream = fixture.OpenSotw();
        await stream.SendAsync(Request(ClusterType, NodeOf(WaypointA)));
        await stream.NextAsync();

        var stopping = fixture.Server.StopAsync();

        // The stream's handler returns (status OK) before Kestrel stops; now and then Kestrel's connection close still
        // reaches the client before the trailers (NO_ERROR). Either way the stream ends, without an error from the server.
        var ended = await Record.ExceptionAsync(async () => Assert.Equal(StatusCode.OK, await stream.EndAsync()));
        Assert.True(ended is null || ended.Message.Contains("HTTP/2 error code 'NO_ERROR'", StringComparison.Ordinal), ended?.ToString());
        await stopping;
        Assert.Equal(["+waypoint-7d9f.infra", "-waypoint-7d9f.infra"], fixture.Source.Calls);
        Assert.Empty(fixture.Server.Proxies.Proxies);
    }

    private sealed class ServerFixture : IAsyncDisposable
    {
        private readonly GrpcChannel _channel;

        private ServerFixture(RulesMeshServer server, TestSnapshotSource source, TestControlPlaneStatus status)
        {
            Server = server;
            Source = source;
            Status = status;
            Admin = new HttpClient { BaseAddress = new Uri($"http://{server.AdminEndpoint}") };
            _channel = GrpcChannel.ForAddress($"http://{server.XdsEndpoint}");
        }

        public RulesMeshServer Server { get; }

        public TestSnapshotSource Source { get; }

        public TestControlPlaneStatus Status { get; }

        public HttpClient Admin { get; }

        public static async Task<ServerFixture> StartAsync()
        {
            var source = new TestSnapshotSource();
            var status = new TestControlPlaneStatus();
            var options = new ServeOptions { XdsEndpoint = new IPEndPoint(IPAddress.Loopback, 0), AdminEndpoint = new IPEndPoint(IPAddress.Loopback, 0), DrainTimeout = TimeSpan.FromSeconds(5) };
            var server = new RulesMeshServer(options, source, status, new ServerMetrics(Prometheus.Metrics.NewCustomRegistry()), NullLoggerFactory.Instance);
            await server.StartAsync();
            return new ServerFixture(server, source, status);
        }

        public async Task<(HttpStatusCode Status, string Body)> GetAsync(string path)
        {
            using var response = await Admin.GetAsync(new Uri(path, UriKind.Relative));
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        public AdsTestStream<DiscoveryRequest, DiscoveryResponse> OpenSotw()
            => new(_channel.CreateCallInvoker().AsyncDuplexStreamingCall(AdsMethods.StreamAggregatedResources, null, new CallOptions()));

        public async ValueTask DisposeAsync()
        {
            _channel.Dispose();
            Admin.Dispose();
            await Server.DisposeAsync();
            Source.Dispose();
        }
    }
}
