using Envoy.Config.Core.V3;
using Envoy.Extensions.TransportSockets.ProxyProtocol.V3;
using Envoy.Extensions.TransportSockets.RawBuffer.V3;
using Envoy.Extensions.TransportSockets.Tls.V3;
using Envoy.Type.Matcher.V3;
using Google.Protobuf.WellKnownTypes;
using RulesMesh.Models.NetworkingIstioIo.V1;

namespace RulesMesh.Translation.Istio;

/// <summary>
/// What an <c>inbound-vip</c> cluster's <c>internal_upstream</c> socket wraps (docs/spec/istio-waypoint-output.md §3):
/// <c>raw_buffer</c>, or the DestinationRule's SIMPLE or MUTUAL TLS origination (ISTIO_MUTUAL and DISABLE leave
/// <c>raw_buffer</c>), and around either the DestinationRule's PROXY protocol.
/// </summary>
/// <remarks>
/// The spec gives the nesting, not the TLS context's fields. RulesMesh fills them from the DestinationRule by Istio's
/// SDS naming as understood (not checked against Istio's source): the certificate <c>kubernetes://&lt;credentialName&gt;</c> (roots <c>…-cacert</c>) over ADS, or the files
/// as <c>file-cert:&lt;cert&gt;~&lt;key&gt;</c> and <c>file-root:&lt;ca&gt;</c> from the agent; <c>sni</c>; the
/// <c>subjectAltNames</c> as exact typed matches (URI for <c>spiffe://</c> names, DNS otherwise: Envoy's untyped SAN list is
/// deprecated). Without roots, or with <c>insecureSkipVerify</c>, nothing is verified.
/// </remarks>
internal static class IstioUpstreamSockets
{
    // Plaintext has one configuration: serialised once, each socket gets its own Any around the bytes.
    private static readonly PackedConfig PackedRawBuffer = PackedConfig.Of(new RawBuffer());

    /// <summary>The TLS transport socket's name.</summary>
    public const string TlsName = "envoy.transport_sockets.tls";

    /// <summary>The PROXY protocol transport socket's name.</summary>
    public const string ProxyProtocolName = "envoy.transport_sockets.upstream_proxy_protocol";

    /// <summary>The plaintext transport socket's name, as istiod names it inside <c>internal_upstream</c>.</summary>
    public const string RawBufferName = "raw_buffer";

    /// <summary>The socket <c>internal_upstream</c> wraps for <paramref name="policy"/>.</summary>
    public static TransportSocket Inner(IstioTrafficPolicy policy)
    {
        var socket = policy.Tls is { Mode: { } mode } tls && (mode == DestinationRuleTlsMode.Simple || mode == DestinationRuleTlsMode.Mutual)
            ? Tls(tls, mutual: mode == DestinationRuleTlsMode.Mutual)
            : RawBuffer();
        if (policy.ProxyProtocol is not { } proxy)
        {
            return socket;
        }

        var version = proxy.Version == DestinationRuleTrafficPolicyProxyProtocolVersion.V2 ? ProxyProtocolConfig.Types.Version.V2 : ProxyProtocolConfig.Types.Version.V1;
        return new TransportSocket
        {
            Name = ProxyProtocolName,
            TypedConfig = Any.Pack(new ProxyProtocolUpstreamTransport { Config = new ProxyProtocolConfig { Version = version }, TransportSocket = socket }),
        };
    }

    /// <summary>Plaintext.</summary>
    public static TransportSocket RawBuffer() => new() { Name = RawBufferName, TypedConfig = PackedRawBuffer.ToAny() };

    private static TransportSocket Tls(DestinationRuleTls tls, bool mutual)
    {
        var common = new CommonTlsContext();
        var credential = string.IsNullOrEmpty(tls.CredentialName) ? null : tls.CredentialName;
        if (mutual)
        {
            if (credential is not null)
            {
                common.TlsCertificateSdsSecretConfigs.Add(Ads($"kubernetes://{credential}"));
            }
            else if (!string.IsNullOrEmpty(tls.ClientCertificate) && !string.IsNullOrEmpty(tls.PrivateKey))
            {
                common.TlsCertificateSdsSecretConfigs.Add(IstioWaypointTls.Sds($"file-cert:{tls.ClientCertificate}~{tls.PrivateKey}"));
            }
        }

        var roots = credential is not null ? Ads($"kubernetes://{credential}-cacert")
            : string.IsNullOrEmpty(tls.CaCertificates) ? null
            : IstioWaypointTls.Sds($"file-root:{tls.CaCertificates}");
        if (roots is null || tls.InsecureSkipVerify == true)
        {
            common.ValidationContext = new CertificateValidationContext();
        }
        else
        {
            var validation = new CertificateValidationContext();
            validation.MatchTypedSubjectAltNames.AddRange((tls.SubjectAltNames ?? []).Select(static san => new SubjectAltNameMatcher
            {
                SanType = san.StartsWith("spiffe://", StringComparison.Ordinal) ? SubjectAltNameMatcher.Types.SanType.Uri : SubjectAltNameMatcher.Types.SanType.Dns,
                Matcher = new StringMatcher { Exact = san },
            }));
            common.CombinedValidationContext = new CommonTlsContext.Types.CombinedCertificateValidationContext { DefaultValidationContext = validation, ValidationContextSdsSecretConfig = roots };
        }

        var context = new UpstreamTlsContext { CommonTlsContext = common };
        if (!string.IsNullOrEmpty(tls.Sni))
        {
            context.Sni = tls.Sni;
        }

        return new TransportSocket { Name = TlsName, TypedConfig = Any.Pack(context) };
    }

    /// <summary>A secret istiod serves itself (a Kubernetes credential), over ADS.</summary>
    private static SdsSecretConfig Ads(string name) => new()
    {
        Name = name,
        SdsConfig = new ConfigSource { Ads = new AggregatedConfigSource(), ResourceApiVersion = ApiVersion.V3 },
    };
}
