using System.Net;
using System.Net.Sockets;

namespace RulesMesh.Translation.Backends;

/// <summary>IP address checks as strict as Go's <c>netip.ParseAddr</c>: dotted-quad IPv4 or IPv6, nothing .NET merely tolerates.</summary>
internal static class IpAddresses
{
    /// <summary>Whether <paramref name="text"/> is an IP address (<see cref="IsIp"/>) without an IPv6 zone (<c>%eth0</c>), as the API server's fields take one.</summary>
    public static bool IsIpWithoutZone(string? text) => text is not null && !text.Contains('%', StringComparison.Ordinal) && IsIp(text);

    /// <summary>Whether <paramref name="text"/> is an IPv4 address in dotted-quad form or an IPv6 address.</summary>
    public static bool IsIp(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (text.Contains(':', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(text, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6;
        }

        return IsIPv4(text);
    }

    /// <summary>Whether <paramref name="text"/> is an IPv4 address in dotted-quad form: four decimal octets of 1–3 digits, no leading zero, each at most 255.</summary>
    public static bool IsIPv4(ReadOnlySpan<char> text)
    {
        // No allocation: the filter chains and endpoints check an address each.
        int parts = 0, digits = 0, value = 0;
        var leadingZero = false;
        foreach (var c in text)
        {
            if (c == '.')
            {
                if (digits == 0 || ++parts > 3)
                {
                    return false;
                }

                digits = 0;
                value = 0;
                continue;
            }

            if (!char.IsAsciiDigit(c) || ++digits > 3 || (digits == 2 && leadingZero))
            {
                return false;
            }

            leadingZero = digits == 1 && c == '0';
            value = (value * 10) + (c - '0');
            if (value > 255)
            {
                return false;
            }
        }

        return parts == 3 && digits > 0;
    }
}
