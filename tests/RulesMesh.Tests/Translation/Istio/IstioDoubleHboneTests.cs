using Envoy.Extensions.TransportSockets.InternalUpstream.V3;
using Envoy.Extensions.TransportSockets.Tls.V3;
using RulesMesh.Rules;
using RulesMesh.Translation.Output;
using EnvoyCluster = Envoy.Config.Cluster.V3.Cluster;
using UpstreamHttpOptions = Envoy.Extensions.Upstreams.Http.V3.HttpProtocolOptions;
using static RulesMesh.Tests.Translation.Backends.BackendsHarness;
using static RulesMesh.Tests.Translation.Istio.IstioWaypointHarness;

namespace RulesMesh.Tests.Translation.Istio;

/// <summary>
/// The double-HBONE resources of docs/spec/istio-waypoint-output.md §2.4 behind <see cref="EngineSettings.IstioDoubleHbone"/>:
/// listeners and clusters <c>inner_connect_originate</c> (STATIC → internal <c>outer_connect_originate</c>) and
/// <c>outer_connect_originate</c> (ORIGINAL_DST, port override 15008, TLS). Their contents beyond the spec's kinds are
/// written from Istio's <c>listener.go</c> as understood, modelled on <c>connect_originate</c> (§2.3, §3).
/// </summary>
public sealed class IstioDoubleHboneTests
{
    private static readonly string Mesh = Waypoint + Service("reviews", "10.96.0.20", "[{ name: http, port: 9080 }]");

    private static XdsSnapshot WithDoubleHbone(string yaml)
        => new WaypointTranslator(WaypointPipelines.Create("istio"), new EngineSettings { IstioDoubleHbone = true }).Translate(Load(yaml));

    [Fact]
    public void ByDefaultThereAreNoDoubleHboneResources()
    {
        var snapshot = TranslateIstio(Mesh);

        Assert.Equal(["connect_originate", "connect_terminate", "main_internal"], snapshot.Listeners.Select(static l => l.Name));
        Assert.DoesNotContain(snapshot.Clusters, static c => c.Name.EndsWith("_connect_originate", StringComparison.Ordinal));
    }

    [Fact]
    public void TheSwitchAddsTheInnerAndOuterListenersAndClusters()
    {
        var snapshot = WithDoubleHbone(Mesh);

        Assert.Equal(["connect_originate", "connect_terminate", "inner_connect_originate", "main_internal", "outer_connect_originate"], snapshot.Listeners.Select(static l => l.Name));
        Assert.Contains(snapshot.Clusters, static c => c.Name == "inner_connect_originate");
        Assert.Contains(snapshot.Clusters, static c => c.Name == "outer_connect_originate");
    }

    [Fact]
    public void TheInnerListenerTunnelsToTheInnerClusterAsConnectOriginateDoes()
    {
        AssertJson("""
            {
              "name": "inner_connect_originate",
              "filterChains": [ { "filters": [ { "name": "envoy.filters.network.tcp_proxy", "typedConfig": {
                "@type": "type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy",
                "statPrefix": "inner_connect_originate",
                "cluster": "inner_connect_originate",
                "tunnelingConfig": { "hostname": "%DOWNSTREAM_LOCAL_ADDRESS%" } } } ] } ],
              "useOriginalDst": false,
              "listenerFilters": [ { "name": "envoy.filters.listener.original_dst", "typedConfig": { "@type": "type.googleapis.com/envoy.extensions.filters.listener.original_dst.v3.OriginalDst" } } ],
              "internalListener": {}
            }
            """, Listener(WithDoubleHbone(Mesh), "inner_connect_originate"));
    }

    [Fact]
    public void TheInnerClusterIsStaticToTheOuterListenerOverMtlsInsideInternalUpstream()
    {
        var cluster = Cluster(WithDoubleHbone(Mesh), "inner_connect_originate");

        Assert.Equal(EnvoyCluster.Types.DiscoveryType.Static, cluster.Type);
        Assert.Equal("outer_connect_originate", cluster.LoadAssignment.Endpoints.Single().LbEndpoints.Single().Endpoint.Address.EnvoyInternalAddress.ServerListenerName);
        Assert.Equal("internal_upstream", cluster.TransportSocket.Name);
        var inner = cluster.TransportSocket.TypedConfig.Unpack<InternalUpstreamTransport>();
        Assert.Equal(["envoy.filters.listener.original_dst", "istio"], inner.PassthroughMetadata.Select(static m => m.Name));
        Assert.Equal("tls", inner.TransportSocket.Name);
        var tls = inner.TransportSocket.TypedConfig.Unpack<UpstreamTlsContext>().CommonTlsContext;
        Assert.Equal(("default", "ROOTCA"), (tls.TlsCertificateSdsSecretConfigs.Single().Name, tls.CombinedValidationContext.ValidationContextSdsSecretConfig.Name));
        Assert.True(cluster.TypedExtensionProtocolOptions["envoy.extensions.upstreams.http.v3.HttpProtocolOptions"].Unpack<UpstreamHttpOptions>().ExplicitHttpConfig.Http2ProtocolOptions.AllowConnect);
    }

    [Fact]
    public void TheOuterClusterIsOriginalDstOnTheHbonePortOverMtls()
    {
        var cluster = Cluster(WithDoubleHbone(Mesh), "outer_connect_originate");

        Assert.Equal((EnvoyCluster.Types.DiscoveryType.OriginalDst, EnvoyCluster.Types.LbPolicy.ClusterProvided), (cluster.Type, cluster.LbPolicy));
        AssertJson("""{ "upstreamPortOverride": 15008 }""", cluster.OriginalDstLbConfig);
        Assert.Equal("tls", cluster.TransportSocket.Name);
        Assert.Equal(["h2"], cluster.TransportSocket.TypedConfig.Unpack<UpstreamTlsContext>().CommonTlsContext.AlpnProtocols);
    }
}
