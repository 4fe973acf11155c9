namespace RulesMesh.Loading;

/// <summary>
/// The Kubernetes name formats, checked on a name's UTF-8 bytes (a name read from the parsed manifest needs no string):
/// a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63), a
/// DNS-1035 label (the same, starting with a letter) and a DNS-1123 subdomain (labels joined by '.', at most 253 in all,
/// with no length limit on a label). Any other byte, non-ASCII included, fails them all.
/// </summary>
public static class DnsNames
{
    /// <summary>What a DNS-1123 label is, in words, for messages.</summary>
    public const string Dns1123LabelRule = "lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters";

    /// <summary>Whether <paramref name="name"/> is a DNS-1123 label.</summary>
    public static bool IsDns1123Label(ReadOnlySpan<byte> name) => name.Length <= 63 && IsLabelText(name);

    /// <summary>Whether <paramref name="name"/> is a DNS-1035 label.</summary>
    public static bool IsDns1035Label(ReadOnlySpan<byte> name) => name.Length <= 63 && IsLabelText(name) && IsLower(name[0]);

    /// <summary>Whether <paramref name="name"/> is a DNS-1123 subdomain.</summary>
    public static bool IsDns1123Subdomain(ReadOnlySpan<byte> name)
    {
        if (name.Length > 253)
        {
            return false;
        }

        foreach (var label in name.Split((byte)'.'))
        {
            if (!IsLabelText(name[label]))
            {
                return false;
            }
        }

        return true;
    }

    // One or more lower-case letters, digits and '-', starting and ending with a letter or digit.
    private static bool IsLabelText(ReadOnlySpan<byte> label)
    {
        if (label.IsEmpty || !IsLowerOrDigit(label[0]) || !IsLowerOrDigit(label[^1]))
        {
            return false;
        }

        foreach (var c in label)
        {
            if (!IsLowerOrDigit(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLower(byte c) => c is >= (byte)'a' and <= (byte)'z';

    private static bool IsLowerOrDigit(byte c) => IsLower(c) || c is >= (byte)'0' and <= (byte)'9';
}
