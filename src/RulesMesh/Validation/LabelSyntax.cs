using System.Text.RegularExpressions;

namespace RulesMesh.Validation;

/// <summary>
/// Istio's label syntax for the selectors written in its resources (<c>labels.Instance.Validate</c> and
/// <c>IsDNS1123Label</c> of its <c>pkg/config/labels</c>): looser than the API server's for an object's own labels.
/// Letters of either case throughout; a key is an optional dotted DNS prefix and '/', then letters, digits, '-', '_' and
/// '.', starting and ending with a letter or digit; a value is empty or such a name; neither has a length limit. A
/// subset name is a DNS-1123 label of either case, at most 63 characters.
/// </summary>
internal static partial class LabelSyntax
{
    /// <summary>What a key must look like, for messages.</summary>
    public const string KeyRule = "an optional DNS name and '/', then letters, digits, '-', '_' and '.', starting and ending with a letter or digit";

    /// <summary>What a value must look like, for messages.</summary>
    public const string ValueRule = "empty, or letters, digits, '-', '_' and '.', starting and ending with a letter or digit";

    /// <summary>What a subset name must look like, for messages.</summary>
    public const string LabelRule = "letters, digits and '-', starting and ending with a letter or digit, at most 63 characters";

    /// <summary>Whether <paramref name="key"/> is a label key.</summary>
    public static bool IsKey(string key) => Key().IsMatch(key);

    /// <summary>Whether <paramref name="value"/> is a label value.</summary>
    public static bool IsValue(string value) => Value().IsMatch(value);

    /// <summary>Whether <paramref name="name"/> is a DNS-1123 label as Istio reads one (either case).</summary>
    public static bool IsLabel(string name) => name.Length <= 63 && Label().IsMatch(name);

    [GeneratedRegex(@"^([a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?(\.[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?)*/)?(?:[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\z", RegexOptions.CultureInvariant)]
    private static partial Regex Key();

    [GeneratedRegex(@"^((?:[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Value();

    [GeneratedRegex(@"^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Label();
}
