using System.Diagnostics;
using System.Globalization;
using RulesMesh.Server.Tests.EndToEnd;
using RulesMesh.Server.Tests.Files;
using Xunit.Abstractions;

namespace RulesMesh.Server.Tests.Proxyless;

/// <summary>
/// Real RPCs on loopback: real gRPC servers (@grpc/grpc-js) on 127.0.0.x, the real <c>rulesmesh serve</c> process on
/// YAML written here, and a proxyless client calling through an <c>xds:///</c> channel (@grpc/grpc-js-xds 1.14.1) as
/// Pod client/client-1 on node-a (r1/za).
/// </summary>
[Collection(GrpcHarnessCollection.Name)]
public sealed class ProxylessEndToEndTests(GrpcHarnessInstall install, ITestOutputHelper output)
{
    private const string Echo = "xds:///echo.app.svc.cluster.local:50051";
    private static readonly Dictionary<string, string> Version2 = new() { ["x-version"] = "v2" };

    private const string SplitRoute = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: { name: echo-split, namespace: app }
        spec:
          parentRefs: [{ group: "", kind: Service, name: echo, port: 50051 }]
          rules:
          - matches: [{ headers: [{ name: x-version, value: v2 }] }]
            backendRefs: [{ name: echo-v2, port: 50051 }]
          - backendRefs: [{ name: echo, port: 50051, weight: 80 }, { name: echo-v2, port: 50051, weight: 20 }]
        """;

    [SkippableFact]
    public async Task A_call_to_a_Service_reaches_its_backend()
    {
        Skip.If(install.SkipReason is not null, install.SkipReason);
        var clock = Stopwatch.StartNew();
        await using var a = await GrpcBackend.StartAsync(install, "a", "127.0.0.2");
        await using var other = await GrpcBackend.StartAsync(install, "other", "127.0.0.3");
        using var folder = new TemporaryFolder();
        folder.Write("mesh.yaml", ProxylessMeshFiles.NodesAndClient + ProxylessMeshFiles.Service("echo", [a]) + ProxylessMeshFiles.Service("other", [other]));
        await using var serve = await StartServeAsync(folder);
        await using var client = ProxylessClient.Start(install, serve.Xds, Echo, "client", "client-1");

        var counts = await client.CallUntilAsync(20, static c => c.Errors.Count == 0);
        Assert.True(counts.AllReached("a"), $"calls went {counts}");
        output.WriteLine($"{install.Install}; test took {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [SkippableFact]
    public async Task An_80_20_HTTPRoute_split_holds_over_1000_calls_and_a_header_match_goes_to_its_backend()
    {
        Skip.If(install.SkipReason is not null, install.SkipReason);
        var clock = Stopwatch.StartNew();
        await using var v1 = await GrpcBackend.StartAsync(install, "v1", "127.0.0.2");
        await using var v2 = await GrpcBackend.StartAsync(install, "v2", "127.0.0.3");
        using var folder = new TemporaryFolder();
        folder.Write("mesh.yaml", ProxylessMeshFiles.NodesAndClient + ProxylessMeshFiles.Service("echo", [v1]) + ProxylessMeshFiles.Service("echo-v2", [v2]));
        folder.Write("route.yaml", SplitRoute);
        await using var serve = await StartServeAsync(folder);
        await using var client = ProxylessClient.Start(install, serve.Xds, Echo, "client", "client-1");

        await client.CallUntilAsync(10, static c => c.Errors.Count == 0 && c.Of("v2") < 10);
        var counts = await client.CallAsync(1000);

        // Binomial(1000, 0.8): mean 800, standard deviation 12.6; ±60 is more than 4.7 deviations.
        Assert.Empty(counts.Errors);
        Assert.InRange(counts.Of("v1"), 740, 860);
        Assert.Equal(1000, counts.Of("v1") + counts.Of("v2"));
        Assert.True((await client.CallAsync(50, Version2)).AllReached("v2"), "x-version: v2 must go to echo-v2 only");
        output.WriteLine($"1,000 calls: {counts}; test took {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [SkippableFact]
    public async Task Editing_the_route_file_changes_where_calls_go_without_restarting_the_client()
    {
        Skip.If(install.SkipReason is not null, install.SkipReason);
        await using var v1 = await GrpcBackend.StartAsync(install, "v1", "127.0.0.2");
        await using var v2 = await GrpcBackend.StartAsync(install, "v2", "127.0.0.3");
        using var folder = new TemporaryFolder();
        folder.Write("mesh.yaml", ProxylessMeshFiles.NodesAndClient + ProxylessMeshFiles.Service("echo", [v1]) + ProxylessMeshFiles.Service("echo-v2", [v2]));
        folder.Write("route.yaml", SplitRoute.Replace("weight: 80", "weight: 100", StringComparison.Ordinal).Replace("weight: 20", "weight: 0", StringComparison.Ordinal));
        await using var serve = await StartServeAsync(folder);
        await using var client = ProxylessClient.Start(install, serve.Xds, Echo, "client", "client-1");
        Assert.True((await client.CallUntilAsync(50, static c => c.Errors.Count == 0)).AllReached("v1"));

        folder.Replace("route.yaml", SplitRoute.Replace("weight: 80", "weight: 0", StringComparison.Ordinal).Replace("weight: 20", "weight: 100", StringComparison.Ordinal));
        await client.CallUntilAsync(50, static c => c.AllReached("v2"));
        Assert.True((await client.CallAsync(200)).AllReached("v2"), "after the edit every call goes to echo-v2");
    }

    [SkippableFact]
    public async Task With_a_failoverPriority_DestinationRule_the_client_uses_only_its_zone_and_fails_over_when_those_servers_stop()
    {
        Skip.If(install.SkipReason is not null, install.SkipReason);
        await using var near = await GrpcBackend.StartAsync(install, "near", "127.0.0.2");
        await using var far = await GrpcBackend.StartAsync(install, "far", "127.0.0.3");
        using var folder = new TemporaryFolder();
        folder.Write("mesh.yaml", ProxylessMeshFiles.NodesAndClient + ProxylessMeshFiles.Service("echo", [near, far], ["node-a", "node-b"]) + """
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: { name: echo, namespace: app }
            spec:
              host: echo.app.svc.cluster.local
              trafficPolicy:
                loadBalancer:
                  simple: ROUND_ROBIN
                  localityLbSetting: { enabled: true, failoverPriority: [topology.kubernetes.io/zone] }
                outlierDetection: { consecutive5xxErrors: 5 }
            """);
        await using var serve = await StartServeAsync(folder);
        await using var client = ProxylessClient.Start(install, serve.Xds, Echo, "client", "client-1");

        // The client is in za: near (za) is priority 0, far (zb) priority 1 (docs/spec/kgateway-destinationrule-priorities.md §B4).
        await client.CallUntilAsync(20, static c => c.Errors.Count == 0);
        Assert.True((await client.CallAsync(200)).AllReached("near"), "only the closest priority is used");

        await near.StopAsync();
        await client.CallUntilAsync(20, static c => c.AllReached("far"));
        Assert.True((await client.CallAsync(100)).AllReached("far"), "after near stops every call fails over to far");
    }

    [SkippableFact]
    public async Task A_ServiceEntry_with_inline_endpoints_and_one_selecting_a_WorkloadEntry_are_reached_through_their_hosts()
    {
        Skip.If(install.SkipReason is not null, install.SkipReason);
        await using var inline = await GrpcBackend.StartAsync(install, "inline", "127.0.0.4");
        await using var workload = await GrpcBackend.StartAsync(install, "workload", "127.0.0.5");
        using var folder = new TemporaryFolder();
        folder.Write("mesh.yaml", ProxylessMeshFiles.NodesAndClient + string.Create(CultureInfo.InvariantCulture, $$"""
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: { name: ext, namespace: app }
            spec:
              hosts: [ext.example.com]
              ports: [{ number: {{inline.Port}}, name: grpc, protocol: GRPC }]
              location: MESH_INTERNAL
              resolution: STATIC
              endpoints: [{ address: 127.0.0.4 }]
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: { name: wl, namespace: app }
            spec:
              hosts: [wl.example.com]
              ports: [{ number: {{workload.Port}}, name: grpc, protocol: GRPC }]
              location: MESH_INTERNAL
              resolution: STATIC
              workloadSelector: { labels: { app: wl } }
            ---
            apiVersion: networking.istio.io/v1
            kind: WorkloadEntry
            metadata: { name: wl-1, namespace: app, labels: { app: wl } }
            spec: { address: 127.0.0.5, labels: { app: wl } }
            """));
        await using var serve = await StartServeAsync(folder);
        await using var toInline = ProxylessClient.Start(install, serve.Xds, string.Create(CultureInfo.InvariantCulture, $"xds:///ext.example.com:{inline.Port}"), "client", "client-1");
        await using var toWorkload = ProxylessClient.Start(install, serve.Xds, string.Create(CultureInfo.InvariantCulture, $"xds:///wl.example.com:{workload.Port}"), "client", "client-1");

        Assert.True((await toInline.CallUntilAsync(20, static c => c.Errors.Count == 0)).AllReached("inline"));
        Assert.True((await toWorkload.CallUntilAsync(20, static c => c.Errors.Count == 0)).AllReached("workload"));
    }

    [SkippableFact]
    public async Task A_route_to_a_backend_that_does_not_resolve_fails_its_calls_with_UNAVAILABLE_at_once_and_holds_up_no_other_call()
    {
        // gRPC waits for every cluster its routes name before sending any call; a name the server never answers counts as
        // missing only after 15 s, so the first call has to wait unless every name is answered.
        Skip.If(install.SkipReason is not null, install.SkipReason);
        await using var a = await GrpcBackend.StartAsync(install, "a", "127.0.0.2");
        using var folder = new TemporaryFolder();
        folder.Write("mesh.yaml", ProxylessMeshFiles.NodesAndClient + ProxylessMeshFiles.Service("echo", [a]) + """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: { name: echo-missing, namespace: app }
            spec:
              parentRefs: [{ group: "", kind: Service, name: echo, port: 50051 }]
              rules:
              - matches: [{ headers: [{ name: x-to, value: missing }] }]
                backendRefs: [{ name: nowhere, port: 50051 }]
            """);
        await using var serve = await StartServeAsync(folder);
        var clock = Stopwatch.StartNew();
        await using var client = ProxylessClient.Start(install, serve.Xds, Echo, "client", "client-1");

        Assert.True((await client.CallUntilAsync(10, static c => c.Errors.Count == 0)).AllReached("a"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the first calls took {clock.Elapsed.TotalSeconds:0.0} s");
        var missing = await client.CallAsync(10, new Dictionary<string, string> { ["x-to"] = "missing" });
        Assert.Equal(10, missing.Errors.Where(static e => e.Key.StartsWith("14 ", StringComparison.Ordinal)).Sum(static e => e.Value));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(12), $"the calls to the missing backend took until {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private static async Task<ServeProcess> StartServeAsync(TemporaryFolder folder)
    {
        var serve = await ServeProcess.StartAsync(folder.Path);
        await serve.WaitUntilReadyAsync();
        return serve;
    }
}
