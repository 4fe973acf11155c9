using Envoy.Extensions.TransportSockets.Tls.V3;
using static RulesMesh.Tests.Translation.Backends.BackendsHarness;
using static RulesMesh.Tests.Translation.Istio.IstioWaypointHarness;

namespace RulesMesh.Tests.Translation.Istio;

/// <summary>
/// The <c>tlsMode-istio</c> socket match of a waypoint's <c>outbound|…</c> clusters and the EDS metadata that selects it
/// (docs/spec/istio-waypoint-output.md §3, last paragraph: <c>hbone</c>, <c>tlsMode-istio</c> when auto-mTLS applies,
/// then plaintext). The spec gives no contents; the expected TLS context is written from Istio's
/// <c>buildIstioMutualTLS</c> as understood (SDS <c>default</c>/<c>ROOTCA</c> over <c>sds-grpc</c>, SNI
/// <c>outbound_.&lt;port&gt;_.&lt;subset&gt;_.&lt;host&gt;</c>, ALPN <c>istio-peer-exchange, istio</c>, service-account
/// SANs).
/// </summary>
public sealed class IstioOutboundAutoMtlsTests
{
    private const string Ratings = "outbound|9080||ratings.shop.svc.cluster.local";

    /// <summary>The owned <c>reviews</c> routes to <c>ratings</c>, which the waypoint does not own; <paramref name="ratingsPort"/> is its port.</summary>
    private static string Mesh(string ratingsPort = "{ name: http, port: 9080 }") => Waypoint + Service("reviews", "10.96.0.20", "[{ name: http, port: 9080 }]") + $$"""
        apiVersion: v1
        kind: Service
        metadata: { name: ratings, namespace: shop }
        spec:
          clusterIP: 10.96.0.30
          ports: [{{ratingsPort}}]
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: { name: to-ratings, namespace: shop }
        spec:
          parentRefs: [{ group: "", kind: Service, name: reviews }]
          rules:
          - backendRefs: [{ name: ratings, port: 9080 }]
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: ratings-sidecar, namespace: shop, labels: { app: ratings, istio.io/dataplane-mode: none, security.istio.io/tlsMode: istio } }
        spec: { serviceAccountName: bookinfo-ratings, containers: [{ name: app, image: ratings }] }
        status: { podIP: 10.1.0.7 }
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: ratings-plain, namespace: shop, labels: { app: ratings, istio.io/dataplane-mode: none } }
        spec: { containers: [{ name: app, image: ratings }] }
        status: { podIP: 10.1.0.8 }
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata: { name: ratings-abc, namespace: shop, labels: { kubernetes.io/service-name: ratings } }
        addressType: IPv4
        ports: [{ name: http, port: 9080 }]
        endpoints:
        - { addresses: [10.1.0.7], targetRef: { kind: Pod, name: ratings-sidecar, namespace: shop } }
        - { addresses: [10.1.0.8], targetRef: { kind: Pod, name: ratings-plain, namespace: shop } }
        ---

        """;

    [Fact]
    public void AnOutboundClusterMatchesIstioMtlsBetweenHboneAndPlaintext()
    {
        var matches = Cluster(TranslateIstio(Mesh()), Ratings).TransportSocketMatches;

        Assert.Equal(["hbone", "tlsMode-istio", "tlsMode-disabled"], matches.Select(static m => m.Name));
        AssertJson("""{ "tlsMode": "istio" }""", matches[1].Match);
        Assert.Equal("envoy.transport_sockets.tls", matches[1].TransportSocket.Name);
    }

    [Fact]
    public void TheIstioMtlsSocketUsesTheWaypointsSdsSecretsTheOutboundSniAndTheEndpointsServiceAccounts()
    {
        var socket = Cluster(TranslateIstio(Mesh()), Ratings).TransportSocketMatches[1].TransportSocket;

        const string Sds = """{ "apiConfigSource": { "apiType": "GRPC", "transportApiVersion": "V3", "grpcServices": [ { "envoyGrpc": { "clusterName": "sds-grpc" } } ], "setNodeOnFirstMessageOnly": true }, "initialFetchTimeout": "0s", "resourceApiVersion": "V3" }""";
        AssertJson($$"""
            {
              "commonTlsContext": {
                "tlsParams": { "tlsMinimumProtocolVersion": "TLSv1_2", "tlsMaximumProtocolVersion": "TLSv1_3" },
                "tlsCertificateSdsSecretConfigs": [ { "name": "default", "sdsConfig": {{Sds}} } ],
                "combinedValidationContext": {
                  "defaultValidationContext": {
                    "matchTypedSubjectAltNames": [
                      { "sanType": "URI", "matcher": { "exact": "spiffe://cluster.local/ns/shop/sa/bookinfo-ratings" } },
                      { "sanType": "URI", "matcher": { "exact": "spiffe://cluster.local/ns/shop/sa/default" } }
                    ]
                  },
                  "validationContextSdsSecretConfig": { "name": "ROOTCA", "sdsConfig": {{Sds}} }
                },
                "alpnProtocols": [ "istio-peer-exchange", "istio" ]
              },
              "sni": "outbound_.9080_._.ratings.shop.svc.cluster.local"
            }
            """, socket.TypedConfig.Unpack<UpstreamTlsContext>());
    }

    [Fact]
    public void OnlyTheEndpointOfAWorkloadLabelledForIstioMtlsIsMarkedForItsSocket()
    {
        var endpoints = Endpoints(TranslateIstio(Mesh()), Ratings).Endpoints.SelectMany(static g => g.LbEndpoints).ToList();

        var sidecar = endpoints.Single(static e => e.Endpoint.Address.SocketAddress.Address == "10.1.0.7");
        AssertJson("""{ "tlsMode": "istio" }""", sidecar.Metadata.FilterMetadata["envoy.transport_socket_match"]);
        var plain = endpoints.Single(static e => e.Endpoint.Address.SocketAddress.Address == "10.1.0.8");
        Assert.False(plain.Metadata.FilterMetadata.ContainsKey("envoy.transport_socket_match"));
    }

    [Fact]
    public void EveryEndpointSentOverEdsCarriesItsHealthStatus()
    {
        // Output spec §3, EDS: endpoints "carry filter_metadata.istio.workload ..., locality, weight and health status";
        // istiod sends healthy endpoints only, as HEALTHY (proto3 JSON leaves the default UNKNOWN out).
        var snapshot = TranslateIstio(Mesh());

        var endpoints = snapshot.Endpoints.SelectMany(static e => e.Endpoints).SelectMany(static g => g.LbEndpoints).ToList();
        Assert.NotEmpty(endpoints);
        Assert.All(endpoints, static e => Assert.Equal(Envoy.Config.Core.V3.HealthStatus.Healthy, e.HealthStatus));
    }

    [Fact]
    public void ADestinationRuleTlsSettingTurnsAutoMtlsOff()
    {
        var snapshot = TranslateIstio(Mesh() + """
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: { name: ratings, namespace: shop }
            spec:
              host: ratings
              trafficPolicy: { tls: { mode: SIMPLE } }
            """);

        Assert.Equal(["hbone", "tlsMode-disabled"], Cluster(snapshot, Ratings).TransportSocketMatches.Select(static m => m.Name));
    }

    [Theory]
    [InlineData("", new[] { "hbone", "tlsMode-disabled" })]
    [InlineData("location: MESH_EXTERNAL, ", new[] { "hbone", "tlsMode-disabled" })]
    [InlineData("location: MESH_INTERNAL, ", new[] { "hbone", "tlsMode-istio", "tlsMode-disabled" })]
    public void AServiceEntryIsMeshExternalUnlessItSaysOtherwiseAndThenGetsNoAutoMtls(string location, string[] matches)
    {
        // A ServiceEntry's location defaults to MESH_EXTERNAL (istio-gatewayapi.md), outside the mesh's mTLS.
        var snapshot = TranslateIstio(Mesh() + $$"""
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: { name: ext, namespace: shop }
            spec: { {{location}}hosts: [ext.example.com], ports: [{ number: 80, name: http, protocol: HTTP }], resolution: STATIC, endpoints: [{ address: 10.2.0.1 }] }
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: { name: to-ext, namespace: shop }
            spec:
              parentRefs: [{ group: "", kind: Service, name: reviews }]
              rules: [{ matches: [{ path: { type: PathPrefix, value: /ext } }], backendRefs: [{ group: networking.istio.io, kind: Hostname, name: ext.example.com, port: 80 }] }]
            ---

            """);

        Assert.Equal(matches, Cluster(snapshot, "outbound|80||ext.example.com").TransportSocketMatches.Select(static m => m.Name));
    }

    [Fact]
    public void AServiceEntryEndpointOrWorkloadEntryThatNamesAServiceAccountSpeaksIstioMtlsUnlessItsLabelSaysOtherwise()
    {
        // istio-gatewayapi.md §4.1, endpoints[].serviceAccount: "makes the endpoint's TLS mode istio unless the label
        // security.istio.io/tlsMode overrides; also adds a SPIFFE SAN". A WorkloadEntry is the same object.
        var snapshot = TranslateIstio(Mesh() + """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: { name: meshint, namespace: shop }
            spec:
              hosts: [meshint.example.com]
              location: MESH_INTERNAL
              resolution: STATIC
              ports: [{ number: 80, name: http, protocol: HTTP }]
              endpoints:
              - { address: 7.7.7.1, serviceAccount: sa1 }
              - { address: 7.7.7.2, labels: { security.istio.io/tlsMode: istio } }
              - { address: 7.7.7.3 }
              - { address: 7.7.7.4, serviceAccount: sa4, labels: { security.istio.io/tlsMode: disabled } }
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: { name: vms, namespace: shop }
            spec:
              hosts: [vms.example.com]
              location: MESH_INTERNAL
              resolution: STATIC
              ports: [{ number: 80, name: http, protocol: HTTP }]
              workloadSelector: { labels: { app: vm } }
            ---
            apiVersion: networking.istio.io/v1
            kind: WorkloadEntry
            metadata: { name: vm-1, namespace: shop, labels: { app: vm, istio.io/dataplane-mode: none } }
            spec: { address: 7.7.8.1, serviceAccount: vm-sa }
            ---
            apiVersion: networking.istio.io/v1
            kind: WorkloadEntry
            metadata: { name: vm-2, namespace: shop, labels: { app: vm, istio.io/dataplane-mode: none } }
            spec: { address: 7.7.8.2, serviceAccount: vm-sa, labels: { security.istio.io/tlsMode: disabled } }
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: { name: to-meshint, namespace: shop }
            spec:
              parentRefs: [{ group: "", kind: Service, name: reviews }]
              rules:
              - matches: [{ path: { type: PathPrefix, value: /meshint } }]
                backendRefs: [{ group: networking.istio.io, kind: Hostname, name: meshint.example.com, port: 80 }]
              - matches: [{ path: { type: PathPrefix, value: /vms } }]
                backendRefs: [{ group: networking.istio.io, kind: Hostname, name: vms.example.com, port: 80 }]
            ---

            """);

        static IEnumerable<string> Marked(RulesMesh.Translation.Output.XdsSnapshot snapshot, string cluster)
            => Endpoints(snapshot, cluster).Endpoints.SelectMany(static g => g.LbEndpoints)
                .Where(static e => e.Metadata?.FilterMetadata.TryGetValue("envoy.transport_socket_match", out var match) == true && match.Fields["tlsMode"].StringValue == "istio")
                .Select(static e => e.Endpoint.Address.SocketAddress.Address)
                .Order(StringComparer.Ordinal);

        static IEnumerable<string> Sans(RulesMesh.Translation.Output.XdsSnapshot snapshot, string cluster)
            => Cluster(snapshot, cluster).TransportSocketMatches.Single(static m => m.Name == "tlsMode-istio").TransportSocket.TypedConfig
                .Unpack<Envoy.Extensions.TransportSockets.Tls.V3.UpstreamTlsContext>().CommonTlsContext.CombinedValidationContext.DefaultValidationContext
                .MatchTypedSubjectAltNames.Select(static san => san.Matcher.Exact);

        Assert.Equal(["7.7.7.1", "7.7.7.2"], Marked(snapshot, "outbound|80||meshint.example.com"));
        Assert.Equal(["spiffe://cluster.local/ns/shop/sa/sa1", "spiffe://cluster.local/ns/shop/sa/sa4"], Sans(snapshot, "outbound|80||meshint.example.com"));
        Assert.Equal(["7.7.8.1"], Marked(snapshot, "outbound|80||vms.example.com"));
        Assert.Equal(["spiffe://cluster.local/ns/shop/sa/vm-sa"], Sans(snapshot, "outbound|80||vms.example.com"));
    }

    [Fact]
    public void AnHttp2ClusterAlsoOffersH2()
    {
        var socket = Cluster(TranslateIstio(Mesh("{ name: grpc, port: 9080, appProtocol: kubernetes.io/h2c }")), Ratings).TransportSocketMatches[1].TransportSocket;

        Assert.Equal(["istio-peer-exchange", "istio", "h2"], socket.TypedConfig.Unpack<UpstreamTlsContext>().CommonTlsContext.AlpnProtocols);
    }
}
