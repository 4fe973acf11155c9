using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Envoy.Config.Core.V3;
using RulesMesh.Translation.Backends;

namespace RulesMesh.Translation.Listeners;

/// <summary>
/// Istio's <c>AddrStrToCidrRange</c>: an IP or CIDR string as an Envoy <see cref="CidrRange"/>. A bare IPv4 address
/// gets <c>/32</c>, a bare IPv6 address <c>/128</c>, and a CIDR keeps its prefix length (the address is not masked,
/// as Go's <c>netip.ParsePrefix</c> does not mask it either).
/// </summary>
public static class CidrRanges
{
    /// <summary>
    /// The range <paramref name="text"/> stands for, or null when it is not an IP address or CIDR in Go's strict
    /// syntax (four decimal octets without leading zeros for IPv4; a prefix length within the family's bits).
    /// </summary>
    public static CidrRange? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text.AsSpan() : text.AsSpan(0, slash);
        string prefix;
        uint maxBits;
        if (addressText.Contains(':'))
        {
            if (ParseIPv6(addressText) is not { } v6)
            {
                return null;
            }

            prefix = Format(v6);
            maxBits = 128;
        }
        else
        {
            if (!IpAddresses.IsIPv4(addressText))
            {
                return null;
            }

            // Strict dotted-quad text is already how the address prints.
            prefix = slash < 0 ? text : addressText.ToString();
            maxBits = 32;
        }

        var bits = maxBits;
        if (slash >= 0 && !TryParseBits(text.AsSpan(slash + 1), maxBits, out bits))
        {
            return null;
        }

        return new CidrRange { AddressPrefix = prefix, PrefixLen = bits };
    }

    /// <summary>Whether <paramref name="text"/> is an IP address or CIDR (see <see cref="Parse"/>).</summary>
    public static bool IsValid(string? text) => Parse(text) is not null;

    private static IPAddress? ParseIPv6(ReadOnlySpan<char> text)
        // Zones (fe80::1%eth0) are not addresses a VIP or a policy can name.
        => !text.Contains('%')
            && IPAddress.TryParse(text, out var v6)
            && v6.AddressFamily == AddressFamily.InterNetworkV6
            ? v6
            : null;

    private static bool TryParseBits(ReadOnlySpan<char> text, uint maxBits, out uint bits)
    {
        bits = 0;
        if (text.Length is 0 or > 3 || (text.Length > 1 && text[0] == '0') || text.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        bits = uint.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return bits <= maxBits;
    }

    // Go prints an IPv4-mapped IPv6 address as ::ffff:1.2.3.4, as .NET does; both print IPv6 in RFC 5952 form.
    private static string Format(IPAddress address) => address.ToString();
}
