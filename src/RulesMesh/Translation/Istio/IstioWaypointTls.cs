using Envoy.Config.Core.V3;
using Envoy.Extensions.TransportSockets.Tls.V3;
using Envoy.Type.Matcher.V3;
using Google.Protobuf.WellKnownTypes;

namespace RulesMesh.Translation.Istio;

/// <summary>
/// The HBONE mTLS material of a waypoint, configured by name only (docs/spec/istio-waypoint-output.md §2.1, §3, §7): the
/// certificate is SDS secret <c>default</c> and the roots SDS secret <c>ROOTCA</c>, both from the agent's <c>sds-grpc</c>
/// cluster, which only a real mesh serves.
/// </summary>
internal static class IstioWaypointTls
{
    /// <summary>The SDS secret of the waypoint's own certificate.</summary>
    public const string CertificateSecret = "default";

    /// <summary>The SDS secret of the mesh's root certificates.</summary>
    public const string RootSecret = "ROOTCA";

    /// <summary>The bootstrap cluster serving SDS (istio-agent's UDS).</summary>
    public const string SdsCluster = "sds-grpc";

    /// <summary>The transport socket's name.</summary>
    public const string TransportSocketName = "tls";

    /// <summary>The trust domain istiod assumes (no aliases).</summary>
    public const string TrustDomain = "cluster.local";

    /// <summary><c>connect_terminate</c>'s transport socket: a client certificate is required.</summary>
    public static TransportSocket Downstream() => new()
    {
        Name = TransportSocketName,
        TypedConfig = Any.Pack(new DownstreamTlsContext
        {
            RequireClientCertificate = true,
            CommonTlsContext = Common([$"spiffe://{TrustDomain}/"]),
        }),
    };

    /// <summary>The <c>connect_originate</c> cluster's transport socket: peers of the trust domain and the waypoint's namespace.</summary>
    public static TransportSocket Upstream(string waypointNamespace) => new()
    {
        Name = TransportSocketName,
        TypedConfig = Any.Pack(new UpstreamTlsContext
        {
            CommonTlsContext = Common([$"spiffe://{TrustDomain}/", $"spiffe://{TrustDomain}/ns/{waypointNamespace}/sa/"]),
        }),
    };

    private static CommonTlsContext Common(IEnumerable<string> sanPrefixes)
    {
        var validation = new CertificateValidationContext();
        validation.MatchTypedSubjectAltNames.AddRange(sanPrefixes.Select(static prefix => new SubjectAltNameMatcher
        {
            SanType = SubjectAltNameMatcher.Types.SanType.Uri,
            Matcher = new StringMatcher { Prefix = prefix },
        }));
        return new CommonTlsContext
        {
            TlsParams = new TlsParameters
            {
                TlsMinimumProtocolVersion = TlsParameters.Types.TlsProtocol.Tlsv13,
                TlsMaximumProtocolVersion = TlsParameters.Types.TlsProtocol.Tlsv13,
            },
            AlpnProtocols = { "h2" },
            TlsCertificateSdsSecretConfigs = { Sds(CertificateSecret) },
            CombinedValidationContext = new CommonTlsContext.Types.CombinedCertificateValidationContext
            {
                DefaultValidationContext = validation,
                ValidationContextSdsSecretConfig = Sds(RootSecret),
            },
        };
    }

    /// <summary>An SDS secret served by the agent over <c>sds-grpc</c>.</summary>
    public static SdsSecretConfig Sds(string name) => new()
    {
        Name = name,
        SdsConfig = new ConfigSource
        {
            ApiConfigSource = new ApiConfigSource
            {
                ApiType = ApiConfigSource.Types.ApiType.Grpc,
                SetNodeOnFirstMessageOnly = true,
                TransportApiVersion = ApiVersion.V3,
                GrpcServices = { new GrpcService { EnvoyGrpc = new GrpcService.Types.EnvoyGrpc { ClusterName = SdsCluster } } },
            },
            InitialFetchTimeout = new Duration(),
            ResourceApiVersion = ApiVersion.V3,
        },
    };
}
