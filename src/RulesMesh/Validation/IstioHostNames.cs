using System.Net;
using System.Text.RegularExpressions;

namespace RulesMesh.Validation;

/// <summary>
/// Istio's host name checks (pkg/config/validation/agent: ValidateFQDN, ValidateWildcardDomain, as
/// docs/spec/istio-gatewayapi.md §4.3 lists them): a host is DNS-1123 labels joined by dots, at most 255 characters,
/// optionally led by a <c>*.</c> wildcard (or <c>*</c> alone where wildcards are allowed); an IP address is not a host.
/// </summary>
internal static partial class IstioHostNames
{
    /// <summary>Why <paramref name="host"/> is not a valid host (a wildcard prefix allowed), or null when it is.</summary>
    public static string? WildcardDomainProblem(string host)
    {
        if (host.Length == 0)
        {
            return "is empty; a host must be a DNS name";
        }

        if (IPAddress.TryParse(host, out _))
        {
            return "is an IP address; a host must be a DNS name (put IPs in addresses)";
        }

        var name = host.StartsWith("*.", StringComparison.Ordinal) ? host[2..] : host == "*" ? string.Empty : host;
        if (host != "*" && (name.Length == 0 || name.Length > 255 || !name.TrimEnd('.').Split('.').All(static label => label.Length <= 63 && Label().IsMatch(label))))
        {
            return "is not a valid host: DNS labels of letters, digits and '-' joined by dots, optionally after a leading '*.'";
        }

        return null;
    }

    /// <summary>Whether <paramref name="host"/> is a wildcard (<c>*</c> or <c>*.suffix</c>).</summary>
    public static bool IsWildcard(string host) => host.StartsWith('*');

    /// <summary>Whether <paramref name="address"/> is a DNS name Istio would resolve (not an IP, no wildcard).</summary>
    public static bool IsFqdn(string address) => !IsWildcard(address) && WildcardDomainProblem(address) is null;

    /// <summary>Whether <paramref name="address"/> is an IP address or a CIDR block.</summary>
    public static bool IsIPOrCidr(string address)
    {
        var slash = address.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return IPAddress.TryParse(address, out _);
        }

        return IPNetwork.TryParse(address, out _);
    }

    [GeneratedRegex(@"^[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?\z")]
    private static partial Regex Label();
}
