using System.Net;
using System.Net.Sockets;

namespace RulesMesh.Xds.Constraints;

/// <summary>The string formats protoc-gen-validate knows by name, as its validators read them.</summary>
internal static class WellKnownStrings
{
    /// <summary>
    /// At most 253 characters without a trailing dot; labels of 1 to 63 letters, digits and hyphens, neither first nor
    /// last a hyphen.
    /// </summary>
    public static bool IsHostname(string value)
    {
        var name = value.EndsWith('.') ? value[..^1] : value;
        if (name.Length is 0 or > 253)
        {
            return false;
        }

        foreach (var label in name.Split('.'))
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-' || !label.All(static c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An IP address in text, of <paramref name="family"/> when one is named.</summary>
    public static bool IsIp(string value, AddressFamily? family)
        => value.Length > 0 && !value.Contains('%', StringComparison.Ordinal) && IPAddress.TryParse(value, out var address)
            && (value.Contains(':', StringComparison.Ordinal) ? address.AddressFamily == AddressFamily.InterNetworkV6 : IsDottedQuad(value))
            && (family is null || address.AddressFamily == family);

    /// <summary>A local part, one @ and a host name (protoc-gen-validate's check, without display names).</summary>
    public static bool IsEmail(string value)
    {
        var at = value.LastIndexOf('@');
        return at > 0 && at <= 64 && value.Length <= 254 && IsHostname(value[(at + 1)..]);
    }

    // IPAddress.TryParse takes "1", "1.2" and hex or octal parts as IPv4; the validators take only four decimal parts.
    private static bool IsDottedQuad(string value)
    {
        var parts = value.Split('.');
        return parts.Length == 4 && parts.All(static p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit) && int.Parse(p, System.Globalization.CultureInfo.InvariantCulture) <= 255);
    }
}
