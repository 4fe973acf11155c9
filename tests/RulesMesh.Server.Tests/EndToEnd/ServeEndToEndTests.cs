using System.Diagnostics;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace RulesMesh.Server.Tests.EndToEnd;

/// <summary>
/// The real <c>rulesmesh serve</c> process on a copy of a kgateway conformance input, and gRPC's own xDS client
/// (<c>@grpc/grpc-js-xds</c>'s <c>XdsClient</c>, under Node.js) as the waypoint's proxy. What the client must hold is
/// what <c>rulesmesh translate</c> (also run as a process) gives for the same files.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ServeEndToEndTests(XdsClientInstall install, ITestOutputHelper output)
{
    private const string Pod = "infra/example-waypoint-5d8f7";
    private const string ClientLocality = "r1/r1z1/sz1";
    private static readonly (string, string, string) Locality = ("r1", "r1z1", "sz1");
    private static readonly Uri DebugProxies = new("debug/proxies", UriKind.Relative);

    [SkippableFact]
    public async Task The_xds_client_receives_and_acks_the_eds_clusters_and_endpoint_assignments_translate_gives()
    {
        var clock = Stopwatch.StartNew();
        using var input = EndToEndInput.Create(install);
        var expected = await Translation.OfAsync(input.Path, ClientLocality);

        // The input as written by the test: two EDS clusters, helloworld's one endpoint in r1/r1z1.
        Assert.Equal([EndToEndInput.Helloworld, "kube_infra_helloworld-headless_5000"], expected.EdsClusters.Keys.Order(StringComparer.Ordinal).Reverse());
        Assert.Equal("10.0.0.11", (string?)expected.Endpoints[EndToEndInput.Helloworld]["endpoints"]![0]!["addresses"]![0]!["address"]);

        await using var serve = await ServeProcess.StartAsync(input.Path);
        await using var client = XdsWatch.Start(install, serve.Xds, EndToEndInput.Gateway, Pod, Locality, [
            .. expected.EdsClusters.Keys.Select(static name => "cluster:" + name),
            .. expected.Endpoints.Keys.Select(static name => "endpoints:" + name)]);

        var versions = new Dictionary<string, string>();
        foreach (var (type, wanted) in new[] { ("cluster", expected.EdsClusters), ("endpoints", expected.Endpoints) })
        {
            foreach (var (name, resource) in wanted)
            {
                var changed = await client.ChangedAsync(type, name);
                Assert.Equal("ACKED", (string?)changed["status"]);
                Assert.True(JsonNode.DeepEquals(resource, changed["resource"]), $"{type} {name}: gRPC's client holds {changed["resource"]}, translate gives {resource}");
                versions[type] = (string)changed["version"]!;
            }
        }

        // The server saw the ACKs: /debug/proxies shows the versions the client holds as acknowledged.
        var proxy = await ProxyAsync(serve, p => (string?)p["ackedVersions"]?["type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment"] == versions["endpoints"]
            && (string?)p["ackedVersions"]?["type.googleapis.com/envoy.config.cluster.v3.Cluster"] == versions["cluster"]);
        Assert.Equal(EndToEndInput.Gateway, (string?)proxy["node"]?["gateway"]);
        Assert.Null(proxy["lastNack"]);
        output.WriteLine($"{install.Install}; test took {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [SkippableFact]
    public async Task Editing_a_watched_file_delivers_the_update_to_the_xds_client()
    {
        var clock = Stopwatch.StartNew();
        using var input = EndToEndInput.Create(install);
        await using var serve = await ServeProcess.StartAsync(input.Path);
        await using var client = XdsWatch.Start(install, serve.Xds, EndToEndInput.Gateway, Pod, Locality, ["endpoints:" + EndToEndInput.Helloworld]);
        var first = await client.ChangedAsync("endpoints", EndToEndInput.Helloworld);
        Assert.Equal("10.0.0.11", (string?)first["resource"]!["endpoints"]![0]!["addresses"]![0]!["address"]);

        input.SetEndpoint("10.0.0.12");

        var update = await client.ChangedAsync("endpoints", EndToEndInput.Helloworld);
        Assert.Equal("ACKED", (string?)update["status"]);
        Assert.NotEqual((string?)first["version"], (string?)update["version"]);
        var expected = await Translation.OfAsync(input.Path, ClientLocality);
        Assert.Equal("10.0.0.12", (string?)expected.Endpoints[EndToEndInput.Helloworld]["endpoints"]![0]!["addresses"]![0]!["address"]);
        Assert.True(JsonNode.DeepEquals(expected.Endpoints[EndToEndInput.Helloworld], update["resource"]), $"gRPC's client holds {update["resource"]}");
        output.WriteLine($"test took {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [SkippableFact]
    public async Task A_cluster_grpc_refuses_is_nacked_and_the_server_keeps_serving_everything_else()
    {
        var clock = Stopwatch.StartNew();
        using var input = EndToEndInput.Create(install);
        input.AddDnsServiceEntry();
        var expected = await Translation.OfAsync(input.Path, ClientLocality);
        Assert.Contains(EndToEndInput.DnsCluster, expected.AllClusters);
        Assert.DoesNotContain(EndToEndInput.DnsCluster, expected.EdsClusters.Keys);

        await using var serve = await ServeProcess.StartAsync(input.Path);
        await using var client = XdsWatch.Start(install, serve.Xds, EndToEndInput.Gateway, Pod, Locality, [
            "cluster:" + EndToEndInput.DnsCluster, "cluster:" + EndToEndInput.Helloworld, "endpoints:" + EndToEndInput.Helloworld]);

        // gRPC has no DNS cluster extension: it refuses that cluster and keeps the valid ones of the same response.
        var refused = await client.NextAsync(static l => (string?)l["event"] == "error" && (string?)l["name"] == EndToEndInput.DnsCluster, "refusal of the DNS cluster");
        Assert.Contains("envoy.extensions.clusters.dns.v3.DnsCluster", (string?)refused["details"], StringComparison.Ordinal);
        await client.ChangedAsync("cluster", EndToEndInput.Helloworld);
        await client.ChangedAsync("endpoints", EndToEndInput.Helloworld);

        var proxy = await ProxyAsync(serve, static p => p["lastNack"] is not null);
        var nack = proxy["lastNack"]!;
        Assert.Equal("type.googleapis.com/envoy.config.cluster.v3.Cluster", (string?)nack["typeUrl"]);
        Assert.Contains(EndToEndInput.DnsCluster, nack["resourceNames"]!.AsArray().Select(static n => (string?)n));
        Assert.Contains("DnsCluster", (string?)nack["errorDetail"], StringComparison.Ordinal);
        var metrics = await serve.Http.GetStringAsync(new Uri("metrics", UriKind.Relative));
        Assert.Contains("rulesmesh_xds_nacks_total{type=\"Cluster\"} 1", metrics, StringComparison.Ordinal);

        // Still serving: an endpoint edit reaches the client.
        input.SetEndpoint("10.0.0.13");
        var update = await client.NextAsync(static l => (string?)l["event"] == "changed" && (string?)l["name"] == EndToEndInput.Helloworld && (string?)l["type"] == "endpoints"
            && (string?)l["resource"]!["endpoints"]![0]!["addresses"]![0]!["address"] == "10.0.0.13", "endpoint update after the refusal");
        Assert.Equal("ACKED", (string?)update["status"]);
        output.WriteLine($"test took {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [SkippableFact]
    public async Task The_admin_endpoints_answer_and_debug_sources_shows_a_broken_file_until_it_is_fixed()
    {
        var clock = Stopwatch.StartNew();
        using var input = EndToEndInput.Create(install);
        await using var serve = await ServeProcess.StartAsync(input.Path);

        await serve.WaitUntilReadyAsync();
        Assert.Equal("ok", (await serve.Http.GetStringAsync(new Uri("healthz", UriKind.Relative))).Trim());
        var metrics = await serve.Http.GetStringAsync(new Uri("metrics", UriKind.Relative));
        Assert.Contains("rulesmesh_xds_connected_proxies", metrics, StringComparison.Ordinal);
        Assert.Contains("rulesmesh_engine_step_seconds", metrics, StringComparison.Ordinal);
        var sources = await SourcesAsync(serve);
        Assert.Equal("files", (string?)sources["name"]);
        Assert.True((bool?)sources["synced"]);
        Assert.Empty(sources["problems"]!.AsObject());

        var broken = input.BreakConformanceFile();
        var reported = await SourcesAsync(serve, s => s["problems"]!.AsObject().ContainsKey(broken));
        var problem = (string?)reported["problems"]![broken]![0];
        Assert.StartsWith($"{broken}:", problem, StringComparison.Ordinal);
        Assert.Contains("(at metadata.name)", problem, StringComparison.Ordinal);

        input.SetEndpoint("10.0.0.11");
        File.WriteAllText(broken, File.ReadAllText(broken).Replace("name: Helloworld_Headless", "name: helloworld-headless", StringComparison.Ordinal));
        await SourcesAsync(serve, s => s["problems"]!.AsObject().Count == 0);
        output.WriteLine($"test took {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [SkippableFact]
    public async Task A_node_that_names_no_Gateway_gets_an_empty_response_and_its_warning_is_logged_once()
    {
        using var input = EndToEndInput.Create(install);
        await using var serve = await ServeProcess.StartAsync(input.Path);
        await serve.WaitUntilReadyAsync();
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress($"http://{serve.Xds}");
        var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(RulesMesh.Server.Xds.AdsMethods.StreamAggregatedResources, null, new Grpc.Core.CallOptions());
        await using (var stream = new Xds.AdsTestStream<Envoy.Service.Discovery.V3.DiscoveryRequest, Envoy.Service.Discovery.V3.DiscoveryResponse>(call))
        {
            await stream.SendAsync(new Envoy.Service.Discovery.V3.DiscoveryRequest { TypeUrl = Xds.TestResources.ClusterType, Node = new Envoy.Config.Core.V3.Node { Id = "lost-proxy.default" } });
            Assert.Empty((await stream.NextAsync()).Resources);
            await stream.SendAsync(new Envoy.Service.Discovery.V3.DiscoveryRequest { TypeUrl = Xds.TestResources.ListenerType });
            Assert.Empty((await stream.NextAsync()).Resources);
        }

        // The stream's closing is logged after its warnings: once it is there, every warning of the stream is too.
        await serve.WaitForLogAsync("stream of node lost-proxy.default closed");
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(serve.Log, "names no Gateway"));
    }

    [SkippableFact]
    public async Task Log_lines_name_the_part_of_the_server_in_words_not_its_dotnet_type()
    {
        using var input = EndToEndInput.Create(install);
        await using var serve = await ServeProcess.StartAsync(input.Path);
        await serve.WaitUntilReadyAsync();

        // Before: "2026-12-05T10:00:00.000Z info: RulesMesh.Server.Control.ControlPlane[1] Ready: ...".
        Assert.Matches(new System.Text.RegularExpressions.Regex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z info: control plane: Ready: ", System.Text.RegularExpressions.RegexOptions.Multiline), serve.Log);
        Assert.Matches(new System.Text.RegularExpressions.Regex(@"^\S+Z info: file source: Read \d+ objects", System.Text.RegularExpressions.RegexOptions.Multiline), serve.Log);
        Assert.DoesNotMatch(new System.Text.RegularExpressions.Regex(@"RulesMesh\.(Server|Cli)\.\w+(\.\w+)*\[\d+\]"), serve.Log);
    }

    [SkippableTheory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task Sigterm_or_ctrl_c_drains_the_open_streams_and_exits_zero(string signal)
    {
        var clock = Stopwatch.StartNew();
        using var input = EndToEndInput.Create(install);
        await using var serve = await ServeProcess.StartAsync(input.Path);
        await using var client = XdsWatch.Start(install, serve.Xds, EndToEndInput.Gateway, Pod, Locality, ["cluster:" + EndToEndInput.Helloworld]);
        await client.ChangedAsync("cluster", EndToEndInput.Helloworld);

        var exitCode = await serve.SignalAsync(signal);

        Assert.True(exitCode == 0, $"rulesmesh serve exited {exitCode}:\n{serve.Log}");
        Assert.DoesNotContain("internal error", serve.Log, StringComparison.Ordinal);
        output.WriteLine($"test took {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>Polls <c>/debug/proxies</c> until the one proxy there satisfies <paramref name="wanted"/>.</summary>
    private static async Task<JsonNode> ProxyAsync(ServeProcess serve, Func<JsonNode, bool> wanted)
    {
        JsonNode? last = null;
        for (var attempt = 0; attempt < 300; attempt++)
        {
            last = JsonNode.Parse(await serve.Http.GetStringAsync(DebugProxies));
            if (last!.AsArray() is [{ } proxy] && wanted(proxy))
            {
                return proxy;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"/debug/proxies never showed what was expected; last: {last}");
    }

    /// <summary>Polls <c>/debug/sources</c> until its one source satisfies <paramref name="wanted"/>.</summary>
    private static async Task<JsonNode> SourcesAsync(ServeProcess serve, Func<JsonNode, bool>? wanted = null)
    {
        JsonNode? last = null;
        for (var attempt = 0; attempt < 300; attempt++)
        {
            last = JsonNode.Parse(await serve.Http.GetStringAsync(new Uri("debug/sources", UriKind.Relative)));
            if (last!.AsArray() is [{ } source] && (wanted?.Invoke(source) ?? true))
            {
                return source;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"/debug/sources never showed what was expected; last: {last}\n{serve.Log}");
    }
}
