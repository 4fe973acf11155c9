using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace RulesMesh.Translation.Policy;

/// <summary>
/// A client certificate chain as kgateway emits it (docs/spec/kgateway-backendconfigpolicy.md §2, TLS: "the re-encoded
/// chain is what gets emitted"; client-go's <c>ParseCertsPEM</c> then <c>EncodeCertificates</c>): every PEM
/// <c>CERTIFICATE</c> block without headers, parsed as an X.509 certificate and written again as canonical PEM (64
/// characters a line, <c>\n</c> line ends); text between blocks and blocks of other types are dropped.
/// </summary>
internal static class PemCertificateChain
{
    private const string CertificateLabel = "CERTIFICATE";

    /// <summary>The canonical chain of <paramref name="pem"/>; null, with <paramref name="problem"/> in words, when a block is not a certificate or none is found.</summary>
    public static string? Reencode(string pem, out string problem)
    {
        var chain = new StringBuilder(pem.Length);
        var rest = pem.AsSpan();
        // PemEncoding finds only well-formed blocks: one with RFC 1421 headers is skipped, as ParseCertsPEM skips it.
        while (PemEncoding.TryFind(rest, out var fields))
        {
            if (rest[fields.Label].SequenceEqual(CertificateLabel))
            {
                var der = Convert.FromBase64String(rest[fields.Base64Data].ToString());
                try
                {
                    using var certificate = X509CertificateLoader.LoadCertificate(der);
                }
                catch (CryptographicException e)
                {
                    problem = $"x509: malformed certificate: {e.Message}";
                    return null;
                }

                chain.Append(PemEncoding.Write(CertificateLabel, der)).Append('\n');
            }

            rest = rest[fields.Location.End..];
        }

        if (chain.Length == 0)
        {
            problem = "data does not contain any valid RSA or ECDSA certificates";
            return null;
        }

        problem = string.Empty;
        return chain.ToString();
    }
}
