using System.Globalization;
using Envoy.Config.Cluster.V3;
using Envoy.Config.Core.V3;
using Envoy.Config.Endpoint.V3;
using Envoy.Extensions.TransportSockets.Tls.V3;
using Envoy.Type.Matcher.V3;
using Google.Protobuf.WellKnownTypes;
using k8s.Models;
using RulesMesh.Models.NetworkingIstioIo.V1;
using RulesMesh.Translation.Backends;
using UpstreamHttpOptions = Envoy.Extensions.Upstreams.Http.V3.HttpProtocolOptions;

namespace RulesMesh.Translation.Istio;

/// <summary>
/// The <c>tlsMode-istio</c> socket match of a waypoint's <c>outbound|…</c> clusters (docs/spec/istio-waypoint-output.md
/// §3, last paragraph: <c>hbone</c>, <c>tlsMode-istio</c> when auto-mTLS applies, then plaintext). The spec names the
/// match without its contents; this follows Istio's <c>cluster_tls.go</c> and <c>buildIstioMutualTLS</c> as understood,
/// not checked against the source:
/// <list type="bullet">
/// <item>auto-mTLS applies unless the destination is a MESH_EXTERNAL ServiceEntry, the cluster is ORIGINAL_DST, or the
/// host's DestinationRule gives the port a TLS setting of its own (PeerAuthentication is not read);</item>
/// <item>the match is <c>{tlsMode: istio}</c>; its socket an UpstreamTlsContext with the waypoint's SDS certificate
/// <c>default</c> and roots <c>ROOTCA</c> over <c>sds-grpc</c>, TLS 1.2 to 1.3, SNI
/// <c>outbound_.&lt;port&gt;_.&lt;subset&gt;_.&lt;host&gt;</c> (no subset for a route target's own cluster), ALPN <c>istio-peer-exchange, istio</c> (plus <c>h2</c>
/// on an HTTP/2 cluster), and the destination's service accounts as exact URI SANs when known (the service accounts of
/// the Pods and WorkloadEntries behind its endpoints, <c>default</c> for a Pod without one, those a ServiceEntry's inline
/// endpoints name, and its <c>subjectAltNames</c>), sorted;</item>
/// <item>EDS marks the plain endpoints that speak Istio mTLS with <c>envoy.transport_socket_match {tlsMode: istio}</c>
/// (<see cref="IstioWaypointEndpoints"/>): labelled <c>security.istio.io/tlsMode: istio</c>, or, without that label,
/// a WorkloadEntry or inline endpoint that names a service account (docs/spec/istio-gatewayapi.md §4.1).</item>
/// </list>
/// </summary>
internal static class IstioAutoMtls
{
    /// <summary>The socket match's name.</summary>
    public const string MatchName = "tlsMode-istio";

    /// <summary>The label value that says a workload speaks Istio mTLS.</summary>
    public const string IstioMode = "istio";

    /// <summary>
    /// The <c>tlsMode-istio</c> match of <paramref name="backend"/>'s outbound <paramref name="cluster"/> (of
    /// <paramref name="subset"/> of the host's DestinationRule <paramref name="rule"/> when given), or null when
    /// auto-mTLS does not apply.
    /// </summary>
    public static Cluster.Types.TransportSocketMatch? Match(BackendObject backend, Cluster cluster, ClusterLoadAssignment? endpoints, DestinationRule? rule, DestinationRuleSubset? subset, TranslationContext context)
    {
        var entry = backend.Service.Source as ServiceEntry;
        // A ServiceEntry's location defaults to MESH_EXTERNAL.
        if ((entry is not null && entry.Spec?.Location != ServiceEntryLocation.MeshInternal) || cluster.Type == Cluster.Types.DiscoveryType.OriginalDst)
        {
            return null;
        }

        if (IstioTrafficPolicy.For(rule, subset, backend.Port.Port).Tls is not null)
        {
            return null;
        }

        var sni = string.Create(CultureInfo.InvariantCulture, $"outbound_.{backend.Port.Port}_.{subset?.Name}_.{backend.Host}");
        var accounts = ServiceAccounts(endpoints, context).Concat(InlineServiceAccounts(entry)).Concat(entry?.Spec?.SubjectAltNames ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return new Cluster.Types.TransportSocketMatch
        {
            Name = MatchName,
            Match = new Struct { Fields = { ["tlsMode"] = Value.ForString(IstioMode) } },
            TransportSocket = Socket(sni, accounts, IsHttp2(cluster)),
        };
    }

    private static TransportSocket Socket(string sni, IEnumerable<string> subjectAltNames, bool http2)
    {
        var validation = new CertificateValidationContext();
        validation.MatchTypedSubjectAltNames.AddRange(subjectAltNames.Select(static san => new SubjectAltNameMatcher
        {
            SanType = SubjectAltNameMatcher.Types.SanType.Uri,
            Matcher = new StringMatcher { Exact = san },
        }));
        var common = new CommonTlsContext
        {
            TlsParams = new TlsParameters
            {
                TlsMinimumProtocolVersion = TlsParameters.Types.TlsProtocol.Tlsv12,
                TlsMaximumProtocolVersion = TlsParameters.Types.TlsProtocol.Tlsv13,
            },
            AlpnProtocols = { "istio-peer-exchange", "istio" },
            TlsCertificateSdsSecretConfigs = { IstioWaypointTls.Sds(IstioWaypointTls.CertificateSecret) },
            CombinedValidationContext = new CommonTlsContext.Types.CombinedCertificateValidationContext
            {
                DefaultValidationContext = validation,
                ValidationContextSdsSecretConfig = IstioWaypointTls.Sds(IstioWaypointTls.RootSecret),
            },
        };
        if (http2)
        {
            common.AlpnProtocols.Add("h2");
        }

        return new TransportSocket { Name = IstioUpstreamSockets.TlsName, TypedConfig = Any.Pack(new UpstreamTlsContext { CommonTlsContext = common, Sni = sni }) };
    }

    private static bool IsHttp2(Cluster cluster)
        => cluster.TypedExtensionProtocolOptions.TryGetValue(IstioConnectionPool.HttpOptionsKey, out var packed)
            && packed.Unpack<UpstreamHttpOptions>().ExplicitHttpConfig?.Http2ProtocolOptions is not null;

    /// <summary>
    /// The SPIFFE identity of each service account a ServiceEntry's inline endpoints name, in the entry's namespace
    /// (docs/spec/istio-gatewayapi.md §4.1: <c>serviceAccount</c> "also adds a SPIFFE SAN").
    /// </summary>
    private static IEnumerable<string> InlineServiceAccounts(ServiceEntry? entry)
        => (entry?.Spec?.Endpoints ?? [])
            .Where(static endpoint => !string.IsNullOrEmpty(endpoint.ServiceAccount))
            .Select(endpoint => $"spiffe://{IstioWaypointTls.TrustDomain}/ns/{entry!.Metadata?.NamespaceProperty}/sa/{endpoint.ServiceAccount}");

    /// <summary><c>spiffe://&lt;trust domain&gt;/ns/&lt;ns&gt;/sa/&lt;account&gt;</c> of each known workload behind <paramref name="endpoints"/>.</summary>
    private static IEnumerable<string> ServiceAccounts(ClusterLoadAssignment? endpoints, TranslationContext context)
    {
        if (endpoints is null)
        {
            yield break;
        }

        var workloads = IstioWorkloadIndex.For(context);
        foreach (var endpoint in endpoints.Endpoints.SelectMany(static g => g.LbEndpoints))
        {
            var address = endpoint.Endpoint?.Address?.SocketAddress?.Address
                ?? (endpoint.Metadata?.FilterMetadata.GetValueOrDefault(IstioWaypointNames.OriginalDstMetadata)?.Fields.GetValueOrDefault("local")?.StringValue is { } local ? local[..local.LastIndexOf(':')] : null);
            if (address is null || workloads.At(address) is not { } workload)
            {
                continue;
            }

            var account = workload.Kind == "Pod"
                ? context.Store.Get<V1Pod>(workload.Namespace, workload.Name)?.Spec?.ServiceAccountName is { Length: > 0 } named ? named : "default"
                : context.Store.Get<WorkloadEntry>(workload.Namespace, workload.Name)?.Spec?.ServiceAccount;
            if (!string.IsNullOrEmpty(account))
            {
                yield return $"spiffe://{IstioWaypointTls.TrustDomain}/ns/{workload.Namespace}/sa/{account}";
            }
        }
    }
}
