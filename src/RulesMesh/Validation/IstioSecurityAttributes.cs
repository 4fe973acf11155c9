using System.Globalization;
using RulesMesh.Translation.Listeners;

namespace RulesMesh.Validation;

/// <summary>
/// Istio's checks of the values an AuthorizationPolicy matches on (<c>pkg/config/security</c>: ValidateIPs,
/// ValidatePorts, ValidateAttribute and its <c>validateMapKey</c>). Each returns why a value is refused, or null.
/// </summary>
internal static class IstioSecurityAttributes
{
    /// <summary>Why <paramref name="value"/> is not an IP address or CIDR block, or null when it is one.</summary>
    public static string? IpProblem(string value)
        // Go's netip parsing, as CidrRanges reads it: strict dotted-quad IPv4 or IPv6, a prefix within the family's bits.
        => CidrRanges.IsValid(value)
            ? null
            : value.Contains('/', StringComparison.Ordinal)
                ? $"'{value}' is not a valid CIDR block (an IPv4 or IPv6 address, '/', and a prefix length within the address's bits)"
                : $"'{value}' is not a valid IP address";

    /// <summary>Why <paramref name="value"/> is not a port number, or null when it is one.</summary>
    public static string? PortProblem(string value)
        // strconv.ParseInt(value, 10, 32), then 0..65535: a sign is read, spaces are not.
        => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535
            ? null
            : $"'{value}' is not a port number (0 to 65535)";

    /// <summary>Why <paramref name="value"/> is refused as a value of the known condition key <paramref name="key"/>, or null.</summary>
    public static string? ValueProblem(string key, string value) => key switch
    {
        "source.ip" or "remote.ip" or "destination.ip" => IpProblem(value),
        "destination.port" => PortProblem(value),
        _ => null,
    };

    /// <summary>Why <paramref name="key"/> is not a condition key Istio knows, or null when it is.</summary>
    public static string? KeyProblem(string key)
    {
        if (key is "source.ip" or "remote.ip" or "destination.ip" or "destination.port" or "source.namespace" or "source.principal"
            or "request.auth.principal" or "request.auth.audiences" or "request.auth.presenter" or "connection.sni")
        {
            return null;
        }

        // Istio matches these by prefix alone, so request.headersX[a] passes here (and is warned about in translation).
        if (key.StartsWith("request.headers", StringComparison.Ordinal) || key.StartsWith("request.auth.claims", StringComparison.Ordinal))
        {
            var open = key.IndexOf('[', StringComparison.Ordinal);
            return key.EndsWith(']') && open > 0 && open < key.Length - 2
                ? null
                : $"'{key}' is not of the form name[key], such as request.headers[x-user] or request.auth.claims[groups]";
        }

        return key.StartsWith("experimental.envoy.filters.", StringComparison.Ordinal)
            ? null
            : $"'{key}' is not an attribute Istio knows (request.headers[...], source.ip, remote.ip, source.namespace, source.principal, "
                + "request.auth.principal, request.auth.audiences, request.auth.presenter, request.auth.claims[...], destination.ip, "
                + "destination.port, connection.sni, experimental.envoy.filters.*)";
    }
}
