using Envoy.Config.Cluster.V3;
using Envoy.Config.Endpoint.V3;
using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;
using Envoy.Extensions.Filters.Network.HttpConnectionManager.V3;
using k8s;
using k8s.Models;
using RulesMesh.Engine;
using RulesMesh.Rules;
using RulesMesh.Store;
using RulesMesh.Tests.Engine;
using RulesMesh.Translation.Backends;

namespace RulesMesh.Tests.Proxyless;

/// <summary>
/// What a proxyless gRPC client in namespace <c>client</c> (Pod client-1 on node-a, r1/za) receives, expected values
/// written by hand from docs/proxyless.md, docs/spec/kgateway-destinationrule-priorities.md (§B1, §B4) and gRPC's
/// validation rules (grpc-js-xds 1.14.1); every state is also checked against those rules.
/// </summary>
public sealed class ProxylessTranslationTests
{
    private const string EchoHost = "echo.app.svc.cluster.local";
    private const string EchoListener = "echo.app.svc.cluster.local:50051";
    private const string EchoCluster = "kube_app_echo_50051";
    private const string EchoV2Cluster = "kube_app_echo-v2_50051";

    private readonly ManifestObjects _manifests = new();

    [Fact]
    public void A_Service_port_gets_an_api_listener_over_RDS_a_virtual_host_for_its_authorities_and_an_EDS_cluster_with_its_endpoints()
    {
        var state = Translate(ProxylessMesh.Nodes + ProxylessMesh.Echo);

        var listener = (Listener)state.Resources[XdsResourceType.Listener][EchoListener].Resource;
        var manager = listener.ApiListener.ApiListener_.Unpack<HttpConnectionManager>();
        Assert.Equal(EchoListener, manager.Rds.RouteConfigName);
        Assert.NotNull(manager.Rds.ConfigSource.Ads);
        Assert.Equal("type.googleapis.com/envoy.extensions.filters.http.router.v3.Router", Assert.Single(manager.HttpFilters).TypedConfig.TypeUrl);

        var routes = (RouteConfiguration)state.Resources[XdsResourceType.Route][EchoListener].Resource;
        var host = Assert.Single(routes.VirtualHosts);
        Assert.Equal(
            [EchoHost, "echo", "echo.app", "echo.app.svc", "echo.app.svc.cluster",
             EchoListener, "echo:50051", "echo.app:50051", "echo.app.svc:50051", "echo.app.svc.cluster:50051"],
            host.Domains);
        var route = Assert.Single(host.Routes);
        Assert.Equal("/", route.Match.Prefix);
        Assert.Equal(EchoCluster, route.Route_.Cluster);

        var cluster = (Cluster)state.Resources[XdsResourceType.Cluster][EchoCluster].Resource;
        Assert.Equal(Cluster.Types.DiscoveryType.Eds, cluster.Type);
        Assert.NotNull(cluster.EdsClusterConfig.EdsConfig.Ads);
        Assert.Equal(Cluster.Types.LbPolicy.RoundRobin, cluster.LbPolicy);

        // §B2: each endpoint's locality is its Pod's Node's; no DestinationRule, so every priority is 0.
        Assert.Equal(
            [("r1", "za", 0u, 1u, "10.0.0.1:8080"), ("r1", "zb", 0u, 1u, "10.0.0.2:8080"), ("r2", "zc", 0u, 1u, "10.0.0.3:8080")],
            Groups(state, EchoCluster));
        Assert.Empty(GrpcXdsValidation.Problems(state.Resources));
    }

    [Fact]
    public void DestinationRule_failoverPriority_orders_the_endpoints_relative_to_the_client_and_a_gap_is_renumbered_for_gRPC()
    {
        // Client r1/za; failoverPriority [region, zone] (N = 2, §B4): r1/za matches all → 0; r1/zb differs at the zone
        // (j = 1) → 1; r2/zc differs at the region (j = 0) → 2.
        var state = Translate(ProxylessMesh.Nodes + ProxylessMesh.Echo + ProxylessMesh.FailoverRule);
        Assert.Equal(
            [("r1", "za", 0u, 1u, "10.0.0.1:8080"), ("r1", "zb", 1u, 1u, "10.0.0.2:8080"), ("r2", "zc", 2u, 1u, "10.0.0.3:8080")],
            Groups(state, EchoCluster));

        // Without echo-b kgateway keeps priorities 0 and 2; gRPC refuses a gap, so the proxyless view has 0 and 1.
        var withoutB = Translate((ProxylessMesh.Nodes + ProxylessMesh.Echo + ProxylessMesh.FailoverRule)
            .Replace("- { addresses: [10.0.0.2], conditions: { ready: true }, targetRef: { kind: Pod, name: echo-b, namespace: app } }\n", string.Empty, StringComparison.Ordinal));
        Assert.Equal([("r1", "za", 0u, 1u, "10.0.0.1:8080"), ("r2", "zc", 1u, 1u, "10.0.0.3:8080")], Groups(withoutB, EchoCluster));
        Assert.Empty(GrpcXdsValidation.Problems(state.Resources));
        Assert.Empty(GrpcXdsValidation.Problems(withoutB.Resources));
    }

    [Fact]
    public void An_HTTPRoute_header_match_and_80_20_weights_become_routes_before_the_default_route_with_the_request_timeout_as_max_stream_duration()
    {
        var state = Translate(ProxylessMesh.Nodes + ProxylessMesh.Echo + """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: { name: echo-split, namespace: app }
            spec:
              parentRefs: [{ group: "", kind: Service, name: echo, port: 50051 }]
              rules:
              - matches: [{ headers: [{ name: x-version, value: v2 }] }]
                backendRefs: [{ name: echo-v2, port: 50051 }]
              - backendRefs: [{ name: echo, port: 50051, weight: 80 }, { name: echo-v2, port: 50051, weight: 20 }]
                timeouts: { request: 2s }
            """);

        var routes = Assert.Single(((RouteConfiguration)state.Resources[XdsResourceType.Route][EchoListener].Resource).VirtualHosts).Routes;
        Assert.Equal(3, routes.Count);
        var header = Assert.Single(routes[0].Match.Headers);
        Assert.Equal(("x-version", "v2"), (header.Name, header.StringMatch.Exact));
        Assert.Equal(EchoV2Cluster, routes[0].Route_.Cluster);

        Assert.Equal("/", routes[1].Match.Prefix);
        Assert.Empty(routes[1].Match.Headers);
        Assert.Equal([(EchoCluster, 80u), (EchoV2Cluster, 20u)], routes[1].Route_.WeightedClusters.Clusters.Select(static c => (c.Name, c.Weight ?? 0)));
        Assert.Equal(TimeSpan.FromSeconds(2), routes[1].Route_.MaxStreamDuration.MaxStreamDuration_.ToTimeSpan());
        Assert.Null(routes[1].Route_.Timeout);

        Assert.Equal(("/", EchoCluster), (routes[2].Match.Prefix, routes[2].Route_.Cluster));
        Assert.True(state.Resources[XdsResourceType.Cluster].ContainsKey(EchoV2Cluster));
        Assert.Empty(GrpcXdsValidation.Problems(state.Resources));
    }

    [Fact]
    public void A_GRPCRoute_method_match_is_an_exact_path_on_service_and_method()
    {
        var state = Translate(ProxylessMesh.Nodes + ProxylessMesh.Echo + """
            apiVersion: gateway.networking.k8s.io/v1
            kind: GRPCRoute
            metadata: { name: echo-ping, namespace: app }
            spec:
              parentRefs: [{ group: "", kind: Service, name: echo, port: 50051 }]
              rules:
              - matches: [{ method: { service: echo.Echo, method: Ping } }]
                backendRefs: [{ name: echo-v2, port: 50051 }]
            """);

        var routes = Assert.Single(((RouteConfiguration)state.Resources[XdsResourceType.Route][EchoListener].Resource).VirtualHosts).Routes;
        Assert.Equal(("/echo.Echo/Ping", EchoV2Cluster), (routes[0].Match.Path, routes[0].Route_.Cluster));
        Assert.Equal(("/", EchoCluster), (routes[1].Match.Prefix, routes[1].Route_.Cluster));
        Assert.Equal(2, routes.Count);
        Assert.Empty(GrpcXdsValidation.Problems(state.Resources));
    }

    [Fact]
    public void A_ServiceEntry_with_inline_endpoints_and_one_selecting_a_WorkloadEntry_become_EDS_clusters_for_their_hosts()
    {
        var state = Translate(ProxylessMesh.Nodes + """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: { name: ext, namespace: app }
            spec:
              hosts: [ext.example.com]
              ports: [{ number: 50051, name: grpc, protocol: GRPC }]
              location: MESH_INTERNAL
              resolution: STATIC
              endpoints: [{ address: 127.0.0.5 }, { address: 127.0.0.6, ports: { grpc: 50052 } }]
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: { name: wl, namespace: app }
            spec:
              hosts: [wl.example.com]
              ports: [{ number: 50051, name: grpc, protocol: GRPC }]
              location: MESH_INTERNAL
              resolution: STATIC
              workloadSelector: { labels: { app: wl } }
            ---
            apiVersion: networking.istio.io/v1
            kind: WorkloadEntry
            metadata: { name: wl-1, namespace: app, labels: { app: wl } }
            spec: { address: 127.0.0.7, labels: { app: wl } }
            """);

        var ext = "istio-se_app_ext_ext.example.com_50051";
        var cluster = (Cluster)state.Resources[XdsResourceType.Cluster][ext].Resource;
        Assert.Equal(Cluster.Types.DiscoveryType.Eds, cluster.Type);
        Assert.Null(cluster.LoadAssignment);
        Assert.Equal([(string.Empty, string.Empty, 0u, 2u, "127.0.0.5:50051"), (string.Empty, string.Empty, 0u, 2u, "127.0.0.6:50052")], Groups(state, ext));
        Assert.Equal([(string.Empty, string.Empty, 0u, 1u, "127.0.0.7:50051")], Groups(state, "istio-se_app_wl_wl.example.com_50051"));

        var domains = Assert.Single(((RouteConfiguration)state.Resources[XdsResourceType.Route]["ext.example.com:50051"].Resource).VirtualHosts).Domains;
        Assert.Equal(["ext.example.com", "ext.example.com:50051"], domains);
        Assert.True(state.Resources[XdsResourceType.Listener].ContainsKey("wl.example.com:50051"));
        Assert.Empty(GrpcXdsValidation.Problems(state.Resources));
    }

    [Fact]
    public void A_DNS_ServiceEntry_is_left_out_with_a_warning_naming_its_cluster_and_cluster_type()
    {
        var state = Translate(ProxylessMesh.Nodes + """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: { name: dns, namespace: app }
            spec:
              hosts: [api.example.org]
              ports: [{ number: 443, name: grpc, protocol: GRPC }]
              location: MESH_EXTERNAL
              resolution: DNS
            """);

        Assert.Equal(0, state.Resources.Count);
        var warning = Assert.Single(state.Warnings);
        Assert.Equal("ServiceEntry app/dns", warning.Subject);
        Assert.Contains("cluster istio-se_app_dns_api.example.org_443: cluster_type envoy.clusters.dns", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void What_gRPC_cannot_express_in_an_HTTPRoute_is_warned_and_absent_and_a_path_prefix_becomes_a_path_and_a_prefix()
    {
        var state = Translate(ProxylessMesh.Nodes + ProxylessMesh.Echo + """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: { name: echo-misc, namespace: app }
            spec:
              parentRefs: [{ group: "", kind: Service, name: echo-v2, port: 50051 }]
              rules:
              - matches: [{ path: { type: PathPrefix, value: /pkg.Svc } }]
                filters: [{ type: RequestHeaderModifier, requestHeaderModifier: { set: [{ name: x-a, value: b }] } }]
                backendRefs: [{ name: echo, port: 50051 }]
              - matches: [{ path: { type: PathPrefix, value: /old } }]
                filters: [{ type: RequestRedirect, requestRedirect: { hostname: example.com } }]
            """);

        var routes = Assert.Single(((RouteConfiguration)state.Resources[XdsResourceType.Route]["echo-v2.app.svc.cluster.local:50051"].Resource).VirtualHosts).Routes;
        Assert.Equal(
            [("path", "/pkg.Svc", EchoCluster), ("prefix", "/pkg.Svc/", EchoCluster), ("path", "/old", "rulesmesh_proxyless_unavailable"), ("prefix", "/old/", "rulesmesh_proxyless_unavailable"), ("prefix", "/", EchoV2Cluster)],
            routes.Select(static r => (r.Match.PathSpecifierCase == RouteMatch.PathSpecifierOneofCase.Path ? "path" : "prefix", r.Match.Path + r.Match.Prefix, r.Route_.Cluster)));
        Assert.All(routes, static r => Assert.Empty(r.RequestHeadersToAdd));
        Assert.Contains(state.Warnings, static w => w.Subject == "HTTPRoute app/echo-misc" && w.Message.Contains("header edits", StringComparison.Ordinal));
        Assert.Contains(state.Warnings, static w => w.Subject == "HTTPRoute app/echo-misc" && w.Message.Contains("action redirect", StringComparison.Ordinal));
        Assert.Empty(GrpcXdsValidation.Problems(state.Resources));
    }

    [Fact]
    public void Every_cluster_a_route_names_is_sent_and_one_gRPC_cannot_use_comes_without_endpoints_so_its_calls_fail_at_once()
    {
        // gRPC holds every call on a channel until it has each cluster its routes name (a name never answered counts as
        // missing after 15 s); a cluster whose load assignment has no endpoints fails its calls with UNAVAILABLE at once.
        var state = Translate(ProxylessMesh.Nodes + ProxylessMesh.Echo + """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: { name: dns, namespace: app }
            spec:
              hosts: [api.example.org]
              ports: [{ number: 443, name: grpc, protocol: GRPC }]
              location: MESH_EXTERNAL
              resolution: DNS
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: { name: echo-gaps, namespace: app }
            spec:
              parentRefs: [{ group: "", kind: Service, name: echo, port: 50051 }]
              rules:
              - matches: [{ headers: [{ name: x-to, value: missing }] }]
                backendRefs: [{ name: nowhere, port: 50051 }]
              - matches: [{ headers: [{ name: x-to, value: dns }] }]
                backendRefs: [{ group: networking.istio.io, kind: ServiceEntry, name: dns, port: 443 }]
            """);

        const string DnsCluster = "istio-se_app_dns_api.example.org_443";
        var routes = Assert.Single(((RouteConfiguration)state.Resources[XdsResourceType.Route][EchoListener].Resource).VirtualHosts).Routes;
        Assert.Equal(["blackhole_cluster", DnsCluster, EchoCluster], routes.Select(static r => r.Route_.Cluster));
        foreach (var name in new[] { "blackhole_cluster", DnsCluster })
        {
            var cluster = (Cluster)state.Resources[XdsResourceType.Cluster][name].Resource;
            Assert.Equal(Cluster.Types.DiscoveryType.Eds, cluster.Type);
            Assert.Empty(((ClusterLoadAssignment)state.Resources[XdsResourceType.Endpoint][name].Resource).Endpoints);
        }

        Assert.Contains(state.Warnings, static w => w.Subject == "HTTPRoute app/echo-gaps" && w.Message.Contains("names cluster blackhole_cluster, which no backendRef resolves to", StringComparison.Ordinal));
        Assert.Contains(state.Warnings, static w => w.Subject == "HTTPRoute app/echo-gaps" && w.Message.Contains($"names cluster {DnsCluster} (ServiceEntry app/dns, api.example.org:443), a cluster gRPC cannot use", StringComparison.Ordinal));
        Assert.Empty(GrpcXdsValidation.Problems(state.Resources));
    }

    [Fact]
    public void A_redirect_rule_fails_its_calls_through_a_cluster_without_endpoints_instead_of_letting_them_fall_through_to_later_routes()
    {
        var state = Translate(ProxylessMesh.Nodes + ProxylessMesh.Echo + """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: { name: echo-moved, namespace: app }
            spec:
              parentRefs: [{ group: "", kind: Service, name: echo, port: 50051 }]
              rules:
              - matches: [{ path: { type: Exact, value: /echo.Echo/Ping } }]
                filters: [{ type: RequestRedirect, requestRedirect: { hostname: example.com } }]
              - backendRefs: [{ name: echo-v2, port: 50051 }]
            """);

        var routes = Assert.Single(((RouteConfiguration)state.Resources[XdsResourceType.Route][EchoListener].Resource).VirtualHosts).Routes;
        Assert.Equal(
            [("/echo.Echo/Ping", "rulesmesh_proxyless_unavailable"), ("/", EchoV2Cluster), ("/", EchoCluster)],
            routes.Select(static r => (r.Match.Path + r.Match.Prefix, r.Route_.Cluster)));
        Assert.Empty(((ClusterLoadAssignment)state.Resources[XdsResourceType.Endpoint]["rulesmesh_proxyless_unavailable"].Resource).Endpoints);
        Assert.Contains(state.Warnings, static w => w.Subject == "HTTPRoute app/echo-moved" && w.Message.Contains("action redirect", StringComparison.Ordinal));
        Assert.Empty(GrpcXdsValidation.Problems(state.Resources));
    }

    [Fact]
    public void A_POST_method_match_is_dropped_since_every_gRPC_call_is_a_POST_and_a_rule_matching_another_method_is_left_out()
    {
        // gRPC over HTTP/2: every call is a POST; gRPC's route matching never sees the :method pseudo-header.
        var state = Translate(ProxylessMesh.Nodes + ProxylessMesh.Echo + """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: { name: echo-methods, namespace: app }
            spec:
              parentRefs: [{ group: "", kind: Service, name: echo, port: 50051 }]
              rules:
              - matches: [{ method: GET, headers: [{ name: x-version, value: v1 }] }]
                backendRefs: [{ name: echo, port: 50051 }]
              - matches: [{ method: POST, headers: [{ name: x-version, value: v2 }] }]
                backendRefs: [{ name: echo-v2, port: 50051 }]
            """);

        var routes = Assert.Single(((RouteConfiguration)state.Resources[XdsResourceType.Route][EchoListener].Resource).VirtualHosts).Routes;
        Assert.Equal(2, routes.Count);
        Assert.Equal(("x-version", "v2"), (Assert.Single(routes[0].Match.Headers).Name, routes[0].Match.Headers[0].StringMatch.Exact));
        Assert.Equal(EchoV2Cluster, routes[0].Route_.Cluster);
        Assert.Equal(("/", EchoCluster), (routes[1].Match.Prefix, routes[1].Route_.Cluster));
        Assert.Contains(state.Warnings, static w => w.Subject == "HTTPRoute app/echo-methods" && w.Message.Contains("match.method GET never matches a gRPC call", StringComparison.Ordinal));
        Assert.Empty(GrpcXdsValidation.Problems(state.Resources));
    }

    [Theory]
    [InlineData("{ consecutive5xxErrors: 3, interval: 10s }", "consecutive5xxErrors")]
    [InlineData("{ consecutiveGatewayErrors: 2, consecutive5xxErrors: 0 }", "consecutiveGatewayErrors")]
    public void DestinationRule_consecutive_error_ejection_which_gRPC_does_not_apply_leaves_outlier_detection_out_rather_than_turning_on_success_rate_ejection(string outlierDetection, string field)
    {
        // gRFC A50 (grpc-js-xds cluster-resource-type.js): gRPC ignores consecutive-error ejection and runs success-rate
        // ejection with its defaults whenever outlier_detection is present without enforcing_success_rate: 0.
        var state = Translate(ProxylessMesh.Nodes + ProxylessMesh.Echo + $$"""
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: { name: echo, namespace: app }
            spec:
              host: echo.app.svc.cluster.local
              trafficPolicy: { outlierDetection: {{outlierDetection}} }
            """);

        var cluster = (Cluster)state.Resources[XdsResourceType.Cluster][EchoCluster].Resource;
        Assert.Null(cluster.OutlierDetection);
        Assert.Contains(state.Warnings, w => w.Subject == "Service app/echo" && w.Message.Contains($"outlierDetection.{field}", StringComparison.Ordinal) && w.Message.Contains("outlier detection is left out", StringComparison.Ordinal));
        Assert.Empty(GrpcXdsValidation.Problems(state.Resources));
    }

    [Fact]
    public void Path_header_and_GRPCRoute_regular_expressions_are_grouped_so_gRPC_anchors_the_whole_alternation()
    {
        // grpc-js-xds matcher.js compiles ^${regex}$: ungrouped, a|b would mean "starts with a or ends with b".
        var state = Translate(ProxylessMesh.Nodes + ProxylessMesh.Echo + """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: { name: echo-regex, namespace: app }
            spec:
              parentRefs: [{ group: "", kind: Service, name: echo, port: 50051 }]
              rules:
              - matches: [{ path: { type: RegularExpression, value: /a/.*|/b/.* }, headers: [{ type: RegularExpression, name: x-v, value: v1|v2 }] }]
                backendRefs: [{ name: echo-v2, port: 50051 }]
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: GRPCRoute
            metadata: { name: echo-grpc-regex, namespace: app }
            spec:
              parentRefs: [{ group: "", kind: Service, name: echo-v2, port: 50051 }]
              rules:
              - matches: [{ method: { type: RegularExpression, service: echo.Echo, method: Ping|Pong } }]
                backendRefs: [{ name: echo, port: 50051 }]
            """);

        var http = Assert.Single(((RouteConfiguration)state.Resources[XdsResourceType.Route][EchoListener].Resource).VirtualHosts).Routes[0];
        Assert.Equal("(?:/a/.*|/b/.*)", http.Match.SafeRegex.Regex);
        Assert.Equal("(?:v1|v2)", Assert.Single(http.Match.Headers).StringMatch.SafeRegex.Regex);
        var grpc = Assert.Single(((RouteConfiguration)state.Resources[XdsResourceType.Route]["echo-v2.app.svc.cluster.local:50051"].Resource).VirtualHosts).Routes[0];
        Assert.StartsWith("(?:", grpc.Match.SafeRegex.Regex, StringComparison.Ordinal);
        Assert.EndsWith(")", grpc.Match.SafeRegex.Regex, StringComparison.Ordinal);
        Assert.Equal(EchoCluster, grpc.Route_.Cluster);
    }

    [Fact]
    public void A_Service_exported_to_its_own_namespace_is_seen_by_clients_there_only()
    {
        var state = Translate(ProxylessMesh.Nodes + ProxylessMesh.Echo.Replace(
            "metadata: { name: echo-v2, namespace: app }",
            "metadata: { name: echo-v2, namespace: app, annotations: { networking.istio.io/exportTo: \".\" } }",
            StringComparison.Ordinal));

        var v2 = "echo-v2.app.svc.cluster.local:50051";
        Assert.False(state.ResourcesFor("client")[XdsResourceType.Listener].ContainsKey(v2));
        Assert.False(state.ResourcesFor("client")[XdsResourceType.Route].ContainsKey(v2));
        Assert.True(state.ResourcesFor("client")[XdsResourceType.Listener].ContainsKey(EchoListener));
        Assert.True(state.ResourcesFor("app")[XdsResourceType.Listener].ContainsKey(v2));
        Assert.True(state.ResourcesFor("app")[XdsResourceType.Route].ContainsKey(v2));
    }

    [Theory]
    [InlineData("[\".\"]", "ns-a", "ns-a")]
    [InlineData("[\".\"]", "ns-b", "ns-b")]
    [InlineData("[\".\"]", "client", null)]
    [InlineData("[\"*\"]", "ns-b", "ns-b")]
    [InlineData("[\"*\"]", "client", "ns-b")]
    public void A_host_two_namespaces_serve_resolves_per_client_namespace_to_its_own_namespace_else_the_oldest(string exportTo, string clientNamespace, string? expectedNamespace)
    {
        // Istio resolves a host for a client's namespace: the service in that namespace wins, else the oldest one.
        // ns-b's ServiceEntry is the older of the two.
        var state = Translate(ProxylessMesh.Nodes + $$"""
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: { name: ext, namespace: ns-a, creationTimestamp: "2024-02-01T00:00:00Z" }
            spec:
              hosts: [api.example.com]
              ports: [{ number: 443, name: grpc, protocol: GRPC }]
              location: MESH_INTERNAL
              resolution: STATIC
              endpoints: [{ address: 127.0.0.5 }]
              exportTo: {{exportTo}}
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: { name: ext, namespace: ns-b, creationTimestamp: "2024-01-01T00:00:00Z" }
            spec:
              hosts: [api.example.com]
              ports: [{ number: 443, name: grpc, protocol: GRPC }]
              location: MESH_INTERNAL
              resolution: STATIC
              endpoints: [{ address: 127.0.0.6 }]
              exportTo: {{exportTo}}
            """);

        var seen = state.ResourcesFor(clientNamespace);
        if (expectedNamespace is null)
        {
            Assert.False(seen[XdsResourceType.Listener].ContainsKey("api.example.com:443"));
            Assert.False(seen[XdsResourceType.Route].ContainsKey("api.example.com:443"));
            return;
        }

        Assert.True(seen[XdsResourceType.Listener].ContainsKey("api.example.com:443"));
        var routes = Assert.Single(((RouteConfiguration)seen[XdsResourceType.Route]["api.example.com:443"].Resource).VirtualHosts).Routes;
        Assert.Equal($"istio-se_{expectedNamespace}_ext_api.example.com_443", Assert.Single(routes).Route_.Cluster);
        Assert.True(seen[XdsResourceType.Cluster].ContainsKey($"istio-se_{expectedNamespace}_ext_api.example.com_443"));
    }

    [Fact]
    public void Without_ServeProxylessClients_the_engine_computes_nothing_for_proxyless_clients()
    {
        var engine = new TranslationEngine(WaypointPipelines.Create("kgateway"));
        engine.Apply(_manifests.LoadAll(ProxylessMesh.Nodes + ProxylessMesh.Echo, "mesh.yaml").Select(static o => new ResourceChange.Upsert(o)));
        Assert.Same(ProxylessState.Empty, engine.Current.Proxyless);
    }

    private ProxylessState Translate(string yaml)
    {
        var objects = _manifests.LoadAll(yaml, "mesh.yaml");
        var engine = new TranslationEngine(WaypointPipelines.Create("kgateway"), ClientSettings(objects));
        engine.Apply(objects.Select(static o => new ResourceChange.Upsert(o)));
        return engine.Current.Proxyless;
    }

    /// <summary>The settings of the client Pod client/client-1, as a control plane makes them for its node (§B1).</summary>
    internal static EngineSettings ClientSettings(IEnumerable<IKubernetesObject<V1ObjectMeta>> objects)
        => new EngineSettings { ServeProxylessClients = true }.ForPod(new ResourceStore(objects), "client", "client-1");

    /// <summary>Each locality group of a load assignment as (region, zone, priority, weight, one endpoint), one row per endpoint.</summary>
    private static List<(string Region, string Zone, uint Priority, uint Weight, string Endpoint)> Groups(ProxylessState state, string cluster)
        => [.. ((ClusterLoadAssignment)state.Resources[XdsResourceType.Endpoint][cluster].Resource).Endpoints
            .SelectMany(static g => g.LbEndpoints.Select(e => (g.Locality.Region, g.Locality.Zone, g.Priority, g.LoadBalancingWeight ?? 0, $"{e.Endpoint.Address.SocketAddress.Address}:{e.Endpoint.Address.SocketAddress.PortValue}")))];
}
