using System.Text;
using RulesMesh.Loading;

namespace RulesMesh.Validation;

/// <summary>
/// Kubernetes' label syntax, as Istio checks a label selector written in its resources (labels.Instance.Validate): a key
/// is an optional DNS-1123 subdomain prefix and '/', then a name of at most 63 letters, digits, '-', '_' and '.',
/// starting and ending with a letter or digit; a value is empty or such a name.
/// </summary>
internal static class LabelSyntax
{
    /// <summary>What <c>a key</c> must look like, for messages.</summary>
    public const string KeyRule = "an optional DNS name and '/', then at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit";

    /// <summary>What a value must look like, for messages.</summary>
    public const string ValueRule = "empty, or at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit";

    /// <summary>Whether <paramref name="key"/> is a label key.</summary>
    public static bool IsKey(string key)
    {
        var slash = key.LastIndexOf('/');
        if (slash >= 0 && (slash == 0 || !DnsNames.IsDns1123Subdomain(Encoding.UTF8.GetBytes(key[..slash]))))
        {
            return false;
        }

        var name = key[(slash + 1)..];
        return name.Length > 0 && IsName(name);
    }

    /// <summary>Whether <paramref name="value"/> is a label value.</summary>
    public static bool IsValue(string value) => value.Length == 0 || IsName(value);

    private static bool IsName(string name)
        => name.Length <= 63
            && char.IsAsciiLetterOrDigit(name[0]) && char.IsAsciiLetterOrDigit(name[^1])
            && name.All(static c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
