using System.Text;
using Envoy.Config.Core.V3;
using Envoy.Extensions.TransportSockets.Tls.V3;
using Envoy.Type.Matcher.V3;
using Google.Protobuf.WellKnownTypes;
using k8s.Models;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using RulesMesh.Rules;
using RulesMesh.Translation.Backends;

namespace RulesMesh.Translation.Policy;

/// <summary>
/// kgateway's BackendTLSPolicy (docs/spec/kgateway-waypoint.md §3.6, golden se-hostname-ref-polattach): a policy in the backend's namespace whose
/// <c>targetRefs</c> name the Service, the ServiceEntry, or (for a ServiceEntry) the backend's own host as
/// <c>networking.istio.io/Hostname</c> — with a <c>sectionName</c>, only that port — gives the cluster an
/// <c>envoy.transport_sockets.tls</c> UpstreamTlsContext: <c>sni</c> the policy's <c>validation.hostname</c>,
/// <c>tlsParams: {}</c>, and a validation context trusting the <c>ca.crt</c> of every ConfigMap in
/// <c>caCertificateRefs</c> (concatenated, inline) or, for <c>wellKnownCACertificates: System</c>, the system bundle
/// file, and matching the <c>subjectAltNames</c> (Hostname as DNS, URI as URI, exactly) or else the hostname as a DNS SAN.
/// When several policies target one backend, one naming the port wins, then the oldest, then namespace/name.
/// <para>
/// Differences from kgateway, by design: a Hostname target applies only to the cluster of that host, not to every host's
/// cluster of the entry (kgateway attaches through aliases, and every backend of an entry carries all its hosts as
/// aliases). A policy whose CA certificates cannot be resolved (a missing ConfigMap or key, an unsupported kind, no CA at
/// all) fails closed: the cluster keeps no endpoints, so traffic fails instead of going out unverified, and a warning
/// names the policy.
/// </para>
/// </summary>
[Rule("kgateway.policy.backend-tls", Order = 320,
    Description = "A BackendTLSPolicy targeting a Service, a ServiceEntry or one of its hosts as Hostname makes the cluster originate TLS with the policy's SNI, CA and subject alt names.")]
[AppliesTo("networking.istio.io", "ServiceEntry")]
[AppliesTo("", "Service")]
public sealed class KgatewayBackendTlsPolicy : IBackendPolicyRule
{
    /// <summary>The name of Envoy's TLS transport socket.</summary>
    public const string TransportSocketName = "envoy.transport_sockets.tls";

    /// <summary>The ConfigMap key holding the CA bundle.</summary>
    public const string CaCertificateKey = "ca.crt";

    /// <summary>The trust bundle file for <c>wellKnownCACertificates: System</c>.</summary>
    public const string SystemCaBundle = "/etc/ssl/certs/ca-certificates.crt";

    private const string HostnameKind = ServiceEntryBackends.HostnameKind;

    /// <inheritdoc />
    public void ApplyBackendPolicy(BackendPolicyRequest request, TranslationContext context)
    {
        if (Find(request.Backend, context) is not { } policy)
        {
            return;
        }

        var subject = $"{BackendTLSPolicy.KubeKind} {policy.Metadata?.NamespaceProperty}/{policy.Metadata?.Name}";
        if (ValidationContext(policy, context, out var problem) is not { } validation)
        {
            context.Warn(new TranslationWarning(subject, $"{problem}; cluster {request.Cluster.Name} gets no endpoints rather than unverified TLS") { Resource = context.KeyOf(policy) });
            request.Close(problem);
            return;
        }

        var tls = new UpstreamTlsContext
        {
            CommonTlsContext = new CommonTlsContext { TlsParams = new TlsParameters(), ValidationContext = validation },
            Sni = policy.Spec.Validation.Hostname ?? string.Empty,
        };
        var socket = new TransportSocket { Name = TransportSocketName, TypedConfig = Any.Pack(tls) };
        request.Cluster.TransportSocket = InternalUpstreamSockets.Within(request.Cluster.TransportSocket, inner => BackendConfigPolicySettings.InsideProxyProtocol(inner, socket));
    }

    /// <summary>The BackendTLSPolicy that applies to <paramref name="backend"/> when it has no errors, else null (a BackendConfigPolicy's <c>tls</c> is then marked overridden).</summary>
    internal static BackendTLSPolicy? ErrorFree(BackendObject backend, TranslationContext context)
        => Find(backend, context) is { } policy && ValidationContext(policy, context, out _) is not null ? policy : null;

    private static BackendTLSPolicy? Find(BackendObject backend, TranslationContext context)
    {
        var index = context.Index(static c => Build(c));
        if (index.Count == 0)
        {
            return null;
        }

        var key = backend.Key;
        var ns = key.Namespace;
        IEnumerable<(BackendTLSPolicy Policy, string? SectionName)> candidates = index.GetValueOrDefault((ns, key.Group, key.Kind, key.Name)) ?? [];
        if (ServiceEntrySpecs.IsServiceEntry(key))
        {
            candidates = candidates.Concat(index.GetValueOrDefault((ns, key.Group, HostnameKind, backend.Host)) ?? []);
        }

        var portName = backend.Port.Name;
        return candidates
            .Where(c => c.SectionName is null || (c.SectionName == portName && portName.Length > 0))
            .OrderBy(static c => c.SectionName is null ? 1 : 0)
            .ThenBy(static c => c.Policy.Metadata?.CreationTimestamp ?? DateTime.MinValue)
            .ThenBy(static c => c.Policy.Metadata?.Name, StringComparer.Ordinal)
            .Select(static c => c.Policy)
            .FirstOrDefault();
    }

    private static PoliciesByTarget Build(TranslationContext context)
    {
        var index = new PoliciesByTarget();
        foreach (var policy in context.Store.All<BackendTLSPolicy>())
        {
            var ns = policy.Metadata?.NamespaceProperty ?? string.Empty;
            foreach (var target in policy.Spec?.TargetRefs ?? [])
            {
                var key = (ns, target.Group ?? string.Empty, target.Kind ?? string.Empty, target.Name ?? string.Empty);
                if (!index.TryGetValue(key, out var list))
                {
                    list = [];
                    index[key] = list;
                }

                list.Add((policy, string.IsNullOrEmpty(target.SectionName) ? null : target.SectionName));
            }
        }

        return index;
    }

    private static CertificateValidationContext? ValidationContext(BackendTLSPolicy policy, TranslationContext context, out string problem)
    {
        problem = string.Empty;
        var validation = policy.Spec.Validation;
        var result = new CertificateValidationContext();
        if (validation.CaCertificateRefs is { Count: > 0 } refs)
        {
            var bundle = new StringBuilder();
            foreach (var reference in refs)
            {
                if (!string.IsNullOrEmpty(reference.Group) || reference.Kind != V1ConfigMap.KubeKind)
                {
                    problem = $"validation.caCertificateRefs names {reference.Kind} {reference.Name}, but only core ConfigMaps are supported";
                    return null;
                }

                var ns = policy.Metadata?.NamespaceProperty ?? string.Empty;
                if (context.Store.Get<V1ConfigMap>(ns, reference.Name)?.Data is not { } data || !data.TryGetValue(CaCertificateKey, out var pem) || string.IsNullOrWhiteSpace(pem))
                {
                    problem = $"validation.caCertificateRefs names ConfigMap {ns}/{reference.Name}, which does not exist or has no '{CaCertificateKey}'";
                    return null;
                }

                // Envoy refuses a cluster whose trusted CA it cannot load: a bundle with no certificate fails closed here.
                if (PemCertificateChain.Reencode(pem, out var pemProblem) is null)
                {
                    problem = $"validation.caCertificateRefs names ConfigMap {ns}/{reference.Name}, whose '{CaCertificateKey}' is not a CA certificate bundle ({pemProblem})";
                    return null;
                }

                if (bundle.Length > 0 && bundle[^1] != '\n')
                {
                    bundle.Append('\n');
                }

                bundle.Append(pem);
            }

            result.TrustedCa = new DataSource { InlineString = bundle.ToString() };
        }
        else if (validation.WellKnownCACertificates == "System")
        {
            result.TrustedCa = new DataSource { Filename = SystemCaBundle };
        }
        else
        {
            problem = "validation names neither caCertificateRefs nor wellKnownCACertificates: System";
            return null;
        }

        if (validation.SubjectAltNames is { Count: > 0 } names)
        {
            foreach (var name in names)
            {
                var (type, value) = name.Type == BackendTLSPolicyValidationSubjectAltNameType.Uri
                    ? (SubjectAltNameMatcher.Types.SanType.Uri, name.Uri)
                    : (SubjectAltNameMatcher.Types.SanType.Dns, name.Hostname);
                if (!string.IsNullOrEmpty(value))
                {
                    result.MatchTypedSubjectAltNames.Add(new SubjectAltNameMatcher { SanType = type, Matcher = new StringMatcher { Exact = value } });
                }
            }
        }
        else if (!string.IsNullOrEmpty(validation.Hostname))
        {
            result.MatchTypedSubjectAltNames.Add(new SubjectAltNameMatcher { SanType = SubjectAltNameMatcher.Types.SanType.Dns, Matcher = new StringMatcher { Exact = validation.Hostname } });
        }

        return result;
    }

    /// <summary>Every BackendTLSPolicy of a translation by <c>(namespace, group, kind, name)</c> of each targetRef, with its sectionName.</summary>
    private sealed class PoliciesByTarget : Dictionary<(string Namespace, string Group, string Kind, string Name), List<(BackendTLSPolicy Policy, string? SectionName)>>;
}
