using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Envoy.Config.Core.V3;
using Envoy.Extensions.TransportSockets.Tls.V3;
using Envoy.Type.Matcher.V3;
using k8s.Models;
using RulesMesh.Models.GatewayKgatewayDev.V1alpha1;

namespace RulesMesh.Translation.Policy;

/// <summary>The certificate material a BackendConfigPolicy's <c>tls</c> names, read and checked.</summary>
/// <param name="Chain">The client certificate chain, or null.</param>
/// <param name="Key">The client private key, or null.</param>
/// <param name="Root">The CA certificates that verify the server, or null.</param>
internal sealed record BackendTlsMaterial(DataSource? Chain, DataSource? Key, DataSource? Root);

/// <summary>
/// A BackendConfigPolicy's <c>tls</c> as an Envoy <c>UpstreamTlsContext</c> (docs/spec/kgateway-backendconfigpolicy.md §2,
/// TLS): <c>sni</c>, <c>allowRenegotiation</c>, <c>alpnProtocols</c> (no default), <c>parameters</c> as <c>tlsParams</c>,
/// the client certificate unless <c>simpleTLS</c>, and the server's verification: none for <c>insecureSkipVerify</c>, the
/// system trust store (SDS secret <c>SYSTEM_CA_CERT</c>) for <c>wellKnownCACertificates: System</c>, else the root CA,
/// each with the <c>verifySubjectAltNames</c> as exact DNS matchers. Material comes from a Secret in the policy's
/// namespace (<c>tls.crt</c>, <c>tls.key</c>, <c>ca.crt</c>, inline) or from <c>files</c> (file names; unlike kgateway,
/// which parses the path strings as PEM and so always fails, RulesMesh hands the paths to Envoy).
/// </summary>
internal static class BackendConfigTls
{
    /// <summary>The name of Envoy's TLS transport socket.</summary>
    public const string TransportSocketName = "envoy.transport_sockets.tls";

    /// <summary>The SDS secret of the proxy's system trust store.</summary>
    public const string SystemCaSecret = "SYSTEM_CA_CERT";

    /// <summary>The material <paramref name="tls"/> names; null, with <paramref name="problem"/> in words, when it is unusable.</summary>
    public static BackendTlsMaterial? Material(BackendConfigPolicy policy, BackendConfigPolicyTls tls, TranslationContext context, out string problem)
    {
        problem = string.Empty;
        DataSource? chain = null, key = null, root = null;
        string? chainPem = null, keyPem = null;
        if (tls.SecretRef is { } secretRef)
        {
            var ns = policy.Metadata?.NamespaceProperty ?? string.Empty;
            if (context.Store.Get<V1Secret>(ns, secretRef.Name ?? string.Empty) is not { } secret)
            {
                problem = $"failed to extract TLS data: Secret {ns}/{secretRef.Name} not found";
                return null;
            }

            chainPem = Text(secret, "tls.crt");
            keyPem = Text(secret, "tls.key");
            chain = chainPem is null ? null : new DataSource { InlineString = chainPem };
            key = keyPem is null ? null : new DataSource { InlineString = keyPem };
            root = Text(secret, "ca.crt") is { } ca ? new DataSource { InlineString = ca } : null;
        }
        else if (tls.Files is { } files)
        {
            chain = string.IsNullOrEmpty(files.TlsCertificate) ? null : new DataSource { Filename = files.TlsCertificate };
            key = string.IsNullOrEmpty(files.TlsKey) ? null : new DataSource { Filename = files.TlsKey };
            root = string.IsNullOrEmpty(files.RootCA) ? null : new DataSource { Filename = files.RootCA };
        }

        if ((chain is null) != (key is null))
        {
            problem = "invalid TLS config: only one of the certificate and the private key is given";
            return null;
        }

        if (chainPem is not null && keyPem is not null && tls.SimpleTLS != true)
        {
            if (!PairMatches(chainPem, keyPem, out var pairProblem))
            {
                problem = $"invalid certificate and key pair: {pairProblem}";
                return null;
            }

            // kgateway emits the chain re-encoded from the certificates it parsed, not as written.
            if (PemCertificateChain.Reencode(chainPem, out var chainProblem) is not { } reencoded)
            {
                problem = $"invalid certificate and key pair: {chainProblem}";
                return null;
            }

            chain = new DataSource { InlineString = reencoded };
        }

        if (tls.VerifySubjectAltNames is { Count: > 0 } && root is null && tls.WellKnownCACertificates != "System")
        {
            problem = "invalid TLS config: verifySubjectAltNames needs a root CA to verify against";
            return null;
        }

        foreach (var version in new[] { tls.Parameters?.MinVersion?.Value, tls.Parameters?.MaxVersion?.Value })
        {
            if (version is not null && Version(version) is null)
            {
                problem = $"invalid TLS version '{version}'";
                return null;
            }
        }

        return new BackendTlsMaterial(chain, key, root);
    }

    /// <summary>The transport socket for <paramref name="tls"/> with its checked <paramref name="material"/>.</summary>
    public static TransportSocket TransportSocket(BackendConfigPolicyTls tls, BackendTlsMaterial material)
    {
        var common = new CommonTlsContext();
        if (tls.AlpnProtocols is { } alpn)
        {
            common.AlpnProtocols.AddRange(alpn);
        }

        if (tls.Parameters is { } parameters)
        {
            var tlsParams = new TlsParameters
            {
                TlsMinimumProtocolVersion = Version(parameters.MinVersion?.Value ?? "AUTO") ?? TlsParameters.Types.TlsProtocol.TlsAuto,
                TlsMaximumProtocolVersion = Version(parameters.MaxVersion?.Value ?? "AUTO") ?? TlsParameters.Types.TlsProtocol.TlsAuto,
            };
            tlsParams.CipherSuites.AddRange(parameters.CipherSuites ?? []);
            tlsParams.EcdhCurves.AddRange(parameters.EcdhCurves ?? []);
            tlsParams.SignatureAlgorithms.AddRange(parameters.SignatureAlgorithms ?? []);
            common.TlsParams = tlsParams;
        }

        if (material.Chain is not null && material.Key is not null && tls.SimpleTLS != true)
        {
            common.TlsCertificates.Add(new TlsCertificate { CertificateChain = material.Chain, PrivateKey = material.Key });
        }

        var sans = (tls.VerifySubjectAltNames ?? []).Select(static name => new SubjectAltNameMatcher
        {
            SanType = SubjectAltNameMatcher.Types.SanType.Dns,
            Matcher = new StringMatcher { Exact = name },
        }).ToList();
        if (tls.InsecureSkipVerify == true)
        {
            common.ValidationContext = new CertificateValidationContext();
        }
        else if (tls.WellKnownCACertificates == "System")
        {
            var defaults = new CertificateValidationContext();
            defaults.MatchTypedSubjectAltNames.AddRange(sans);
            common.CombinedValidationContext = new CommonTlsContext.Types.CombinedCertificateValidationContext
            {
                DefaultValidationContext = defaults,
                ValidationContextSdsSecretConfig = new SdsSecretConfig { Name = SystemCaSecret },
            };
        }
        else if (material.Root is { } root)
        {
            var validation = new CertificateValidationContext { TrustedCa = root };
            validation.MatchTypedSubjectAltNames.AddRange(sans);
            common.ValidationContext = validation;
        }

        var context = new UpstreamTlsContext { CommonTlsContext = common, Sni = tls.Sni ?? string.Empty, AllowRenegotiation = tls.AllowRenegotiation ?? false };
        return new TransportSocket { Name = TransportSocketName, TypedConfig = Google.Protobuf.WellKnownTypes.Any.Pack(context) };
    }

    /// <summary>Envoy's protocol for a policy's TLS version (<c>AUTO</c>, <c>1.0</c> … <c>1.3</c>); null for another value.</summary>
    private static TlsParameters.Types.TlsProtocol? Version(string version) => version switch
    {
        "AUTO" => TlsParameters.Types.TlsProtocol.TlsAuto,
        "1.0" => (TlsParameters.Types.TlsProtocol)1,
        "1.1" => (TlsParameters.Types.TlsProtocol)2,
        "1.2" => (TlsParameters.Types.TlsProtocol)3,
        "1.3" => (TlsParameters.Types.TlsProtocol)4,
        _ => null,
    };

    private static string? Text(V1Secret secret, string key)
        => secret.Data?.TryGetValue(key, out var bytes) == true ? Encoding.UTF8.GetString(bytes)
            : secret.StringData?.TryGetValue(key, out var text) == true ? text
            : null;

    private static bool PairMatches(string chain, string key, out string problem)
    {
        problem = string.Empty;
        try
        {
            using var certificate = X509Certificate2.CreateFromPem(chain, key);
            return true;
        }
        catch (CryptographicException e)
        {
            problem = e.Message;
            return false;
        }
        catch (ArgumentException e)
        {
            problem = e.Message;
            return false;
        }
    }
}
