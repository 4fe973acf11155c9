using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Envoy.Config.Core.V3;

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
        var addressText = slash < 0 ? text : text[..slash];
        if (ParseAddress(addressText) is not { } address)
        {
            return null;
        }

        var maxBits = address.AddressFamily == AddressFamily.InterNetworkV6 ? 128u : 32u;
        var bits = maxBits;
        if (slash >= 0 && !TryParseBits(text[(slash + 1)..], maxBits, out bits))
        {
            return null;
        }

        return new CidrRange { AddressPrefix = Format(address), PrefixLen = bits };
    }

    /// <summary>Whether <paramref name="text"/> is an IP address or CIDR (see <see cref="Parse"/>).</summary>
    public static bool IsValid(string? text) => Parse(text) is not null;

    private static IPAddress? ParseAddress(string text)
    {
        if (text.Contains(':', StringComparison.Ordinal))
        {
            // Zones (fe80::1%eth0) are not addresses a VIP or a policy can name.
            return !text.Contains('%', StringComparison.Ordinal)
                && IPAddress.TryParse(text, out var v6)
                && v6.AddressFamily == AddressFamily.InterNetworkV6
                ? v6
                : null;
        }

        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return null;
        }

        var bytes = new byte[4];
        for (var i = 0; i < 4; i++)
        {
            var part = parts[i];
            if (part.Length is 0 or > 3 || (part.Length > 1 && part[0] == '0') || !part.All(char.IsAsciiDigit))
            {
                return null;
            }

            var value = int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture);
            if (value > 255)
            {
                return null;
            }

            bytes[i] = (byte)value;
        }

        return new IPAddress(bytes);
    }

    private static bool TryParseBits(string text, uint maxBits, out uint bits)
    {
        bits = 0;
        if (text.Length is 0 or > 3 || (text.Length > 1 && text[0] == '0') || !text.All(char.IsAsciiDigit))
        {
            return false;
        }

        bits = uint.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return bits <= maxBits;
    }

    // Go prints an IPv4-mapped IPv6 address as ::ffff:1.2.3.4, as .NET does; both print IPv6 in RFC 5952 form.
    private static string Format(IPAddress address) => address.ToString();
}
