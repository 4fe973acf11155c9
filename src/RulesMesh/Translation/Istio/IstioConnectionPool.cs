using Envoy.Config.Cluster.V3;
using Envoy.Config.Core.V3;
using Google.Protobuf.WellKnownTypes;
using RulesMesh.Translation.Policy;
using RulesMesh.Models.NetworkingIstioIo.V1;
using CoreHttpOptions = Envoy.Config.Core.V3.HttpProtocolOptions;
using UpstreamHttpOptions = Envoy.Extensions.Upstreams.Http.V3.HttpProtocolOptions;

namespace RulesMesh.Translation.Istio;

/// <summary>
/// The upstream protocol and a DestinationRule's connection pool on a waypoint's <c>inbound-vip</c> cluster
/// (docs/spec/istio-waypoint-output.md §3: "the DestinationRule's pool … H2-upgrade settings, and use-downstream-protocol
/// for Unsupported ports"). The spec names these settings without their fields; they follow Istio's
/// <c>applyConnectionPool</c> and <c>applyH2Upgrade</c> as understood, not checked against the source:
/// <list type="bullet">
/// <item>the port first: an Unsupported port uses the downstream protocol, an HTTP/2 or gRPC port's <c>http</c> cluster
/// speaks HTTP/2;</item>
/// <item>circuit breakers, always (a missing pool is an empty one): one threshold at default priority with all four
/// maxima 4294967295 and <c>track_remaining</c>, as on <c>main_internal</c>, where <c>tcp.maxConnections</c>,
/// <c>http.http1MaxPendingRequests</c>, <c>http.http2MaxRequests</c> (max requests) and <c>http.maxRetries</c> replace
/// their maximum when positive;</item>
/// <item><c>tcp.connectTimeout</c> replaces the mesh's connect timeout; <c>tcp.maxConnectionDuration</c>,
/// <c>http.idleTimeout</c> and a positive <c>http.maxRequestsPerConnection</c> go into
/// <c>common_http_protocol_options</c>;</item>
/// <item><c>http.useClientProtocol</c> makes the cluster use the downstream protocol;</item>
/// <item><c>http.h2UpgradePolicy: UPGRADE</c> makes it speak HTTP/2 unless a protocol is already chosen
/// (<c>DO_NOT_UPGRADE</c> and the mesh default leave it).</item>
/// </list>
/// TCP keepalive is the shared DestinationRule code's (<see cref="Policy.DestinationRuleSettings"/>).
/// <c>http.maxConcurrentStreams</c> and <c>http.http2KeepAlive</c> are not reproduced.
/// </summary>
internal static class IstioConnectionPool
{
    /// <summary>The key of a cluster's upstream HTTP protocol options.</summary>
    public const string HttpOptionsKey = "envoy.extensions.upstreams.http.v3.HttpProtocolOptions";

    /// <summary>Istio's default thresholds: no limit, with the remaining capacity tracked.</summary>
    public static CircuitBreakers.Types.Thresholds DefaultThresholds() => new()
    {
        MaxConnections = uint.MaxValue,
        MaxPendingRequests = uint.MaxValue,
        MaxRequests = uint.MaxValue,
        MaxRetries = uint.MaxValue,
        TrackRemaining = true,
    };

    /// <summary>Sets <paramref name="cluster"/>'s circuit breakers, connect timeout and HTTP protocol options for <paramref name="port"/> and <paramref name="pool"/>.</summary>
    public static void Apply(Cluster cluster, IstioPort port, string kind, DestinationRuleConnectionPool? pool, SettingOrigin? origin, TranslationContext context)
    {
        var options = new UpstreamHttpOptions();
        if (port.Protocol.IsUnsupported)
        {
            UseDownstreamProtocol(options);
        }
        else if (port.Protocol.IsHttp2 && kind == "http")
        {
            UseHttp2(options);
        }

        var thresholds = DefaultThresholds();
        if (pool?.Tcp is { } tcp)
        {
            if (IstioServiceChains.Duration(tcp.ConnectTimeout, "connectionPool.tcp.connectTimeout", origin, cluster.Name, context) is { } connect)
            {
                cluster.ConnectTimeout = connect;
            }

            if (tcp.MaxConnections is > 0 and var connections)
            {
                thresholds.MaxConnections = (uint)connections;
            }

            if (IstioServiceChains.Duration(tcp.MaxConnectionDuration, "connectionPool.tcp.maxConnectionDuration", origin, cluster.Name, context) is { } lifetime)
            {
                Common(options).MaxConnectionDuration = lifetime;
            }
        }

        if (pool?.Http is { } http)
        {
            if (http.Http2MaxRequests is > 0 and var requests)
            {
                thresholds.MaxRequests = (uint)requests;
            }

            if (http.Http1MaxPendingRequests is > 0 and var pending)
            {
                thresholds.MaxPendingRequests = (uint)pending;
            }

            if (http.MaxRetries is > 0 and var retries)
            {
                thresholds.MaxRetries = (uint)retries;
            }

            if (IstioServiceChains.Duration(http.IdleTimeout, "connectionPool.http.idleTimeout", origin, cluster.Name, context) is { } idle)
            {
                Common(options).IdleTimeout = idle;
            }

            if (http.MaxRequestsPerConnection is > 0 and var perConnection)
            {
                Common(options).MaxRequestsPerConnection = (uint)perConnection;
            }

            if (http.UseClientProtocol == true)
            {
                UseDownstreamProtocol(options);
            }

            if (http.H2UpgradePolicy == DestinationRuleConnectionPoolHttpH2UpgradePolicy.Upgrade && options.UpstreamProtocolOptionsCase == UpstreamHttpOptions.UpstreamProtocolOptionsOneofCase.None)
            {
                UseHttp2(options);
            }
        }

        cluster.CircuitBreakers = new CircuitBreakers { Thresholds = { thresholds } };
        if (options.CommonHttpProtocolOptions is not null || options.UpstreamProtocolOptionsCase != UpstreamHttpOptions.UpstreamProtocolOptionsOneofCase.None)
        {
            cluster.TypedExtensionProtocolOptions[HttpOptionsKey] = Any.Pack(options);
        }
    }

    private static CoreHttpOptions Common(UpstreamHttpOptions options) => options.CommonHttpProtocolOptions ??= new CoreHttpOptions();

    private static void UseDownstreamProtocol(UpstreamHttpOptions options)
        => options.UseDownstreamProtocolConfig = new UpstreamHttpOptions.Types.UseDownstreamHttpConfig { HttpProtocolOptions = new Http1ProtocolOptions(), Http2ProtocolOptions = new Http2ProtocolOptions() };

    private static void UseHttp2(UpstreamHttpOptions options)
        => options.ExplicitHttpConfig = new UpstreamHttpOptions.Types.ExplicitHttpConfig { Http2ProtocolOptions = new Http2ProtocolOptions() };
}
