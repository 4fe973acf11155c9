using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RulesMesh.Loading;

/// <summary>
/// Turns System.Text.Json's messages into words for the person who wrote the manifest: no .NET type names
/// (<c>System.Nullable`1[System.Boolean]</c> becomes "true or false") and no position in the intermediate JSON.
/// </summary>
internal static partial class DeserializationMessages
{
    /// <summary>
    /// The message, with every .NET type name it mentions put into words. <paramref name="value"/>, the value the message
    /// is about when known, tells a whole number too large for its field from a value that is no integer at all.
    /// </summary>
    public static string ForPeople(string message, JsonElement? value = null, (decimal? Least, decimal? Most) fieldBounds = default)
    {
        var index = message.IndexOf(" Path: ", StringComparison.Ordinal);
        var text = index < 0 ? message : message[..index];
        var conversion = ConversionFailure().Match(text);
        if (conversion.Success)
        {
            var type = conversion.Groups["type"].Value;
            return value is { ValueKind: JsonValueKind.Number } number && IntegerRange(type) is var (least, most) && IsWholeNumber(number.GetRawText())
                ? $"{number.GetRawText()} is out of range: expected an integer from {Narrower(fieldBounds.Least, least, Math.Max)} to {Narrower(fieldBounds.Most, most, Math.Min)}."
                : $"expected {Words(type).Singular}.";
        }

        return TypeName().Replace(text, match => Words(match.Value).Singular);
    }

    // The field's own bound (its schema's, or the API server's) where it is within what the model's type can hold.
    private static string Narrower(decimal? field, string type, Func<decimal, decimal, decimal> pick)
        => field is { } bound ? pick(bound, decimal.Parse(type, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture) : type;

    // The bounds of the integer types a model's fields have (System.Nullable`1[System.Int32] is an Int32 too).
    private static (string Least, string Most)? IntegerRange(string typeName) => typeName.TrimEnd(']')[(typeName.TrimEnd(']').LastIndexOf('.') + 1)..] switch
    {
        "Int16" => ("-32768", "32767"),
        "Int32" => ("-2147483648", "2147483647"),
        "Int64" => ("-9223372036854775808", "9223372036854775807"),
        "UInt16" => ("0", "65535"),
        "UInt32" => ("0", "4294967295"),
        "UInt64" => ("0", "18446744073709551615"),
        "Byte" => ("0", "255"),
        "SByte" => ("-128", "127"),
        _ => null,
    };

    private static bool IsWholeNumber(string text) => !text.AsSpan().TrimStart('-').ContainsAnyExceptInRange('0', '9');

    /// <summary>
    /// A quantity KubernetesClient could not read ("The string 'abc' cannot be converted to fraction."): the text as it
    /// was written, and the problem in words; null for other messages.
    /// </summary>
    public static (string Value, string Message)? Quantity(string message)
        => BadQuantity().Match(message) is { Success: true } match
            ? (match.Groups["value"].Value, $"'{match.Groups["value"].Value}' is not a Kubernetes quantity (a number with an optional suffix, such as 500m, 2 or 1Gi).")
            : null;

    /// <summary>
    /// A date-time KubernetesClient could not read ("Unable to parse soon as RFC3339 RFC3339Micro or RFC3339Nano"): the
    /// text as it was written, and the problem in words; null for other messages.
    /// </summary>
    public static (string Value, string Message)? UnreadableDateTime(string message)
        => BadDateTime().Match(message) is { Success: true } match
            ? (match.Groups["value"].Value, $"'{match.Groups["value"].Value}' is not a date-time (RFC 3339, e.g. 2026-01-02T15:04:05Z).")
            : null;

    /// <summary>
    /// System.Text.Json's "unsupported member type … located on type 'T'. Path: $.p" (a converter refused the kind of
    /// value, say a list for an IntOrString) as the JSON path and what T expects in words; null for other messages.
    /// </summary>
    public static (string JsonPath, string Message)? Unsupported(string message)
    {
        var match = UnsupportedMember().Match(message);
        return match.Success ? (match.Groups["path"].Value, $"expected {Words(match.Groups["type"].Value).Singular}.") : null;
    }

    /// <summary>A JSON value kind in words: "a number", "true or false", "a list".</summary>
    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "a mapping",
        JsonValueKind.Null => "null",
        _ => "a string",
    };

    private static (string Singular, string Plural) Words(string typeName)
    {
        var generic = Generic().Match(typeName);
        if (generic.Success)
        {
            var outer = generic.Groups["outer"].Value;
            var arguments = generic.Groups["arguments"].Value;
            if (outer.EndsWith("Nullable", StringComparison.Ordinal))
            {
                return Words(arguments);
            }

            if (outer.Contains("Dictionary", StringComparison.Ordinal))
            {
                var value = Words(arguments[(arguments.IndexOf(',', StringComparison.Ordinal) + 1)..]);
                return ($"a mapping of names to {value.Plural}", $"mappings of names to {value.Plural}");
            }

            var item = Words(arguments);
            return ($"a list of {item.Plural}", $"lists of {item.Plural}");
        }

        // System.Text.Json reads bytes as one base64 string (a Secret's data), not as a list.
        if (typeName is "System.Byte[]" or "Byte[]")
        {
            return ("base64-encoded data", "base64-encoded data");
        }

        if (typeName.EndsWith("[]", StringComparison.Ordinal))
        {
            var item = Words(typeName[..^2]);
            return ($"a list of {item.Plural}", $"lists of {item.Plural}");
        }

        var simple = typeName[(typeName.LastIndexOf('.') + 1)..];
        return simple switch
        {
            "Boolean" => ("true or false", "booleans"),
            "String" => ("a string", "strings"),
            "Int16" or "Int32" or "Int64" or "UInt16" or "UInt32" or "UInt64" or "Byte" or "SByte" => ("an integer", "integers"),
            "Double" or "Single" or "Decimal" => ("a number", "numbers"),
            "DateTime" or "DateTimeOffset" => ("a date and time (RFC 3339)", "dates and times (RFC 3339)"),
            "IntOrString" => ("an integer or a string", "integers or strings"),
            "JsonElement" or "JsonNode" or "Object" => ("a value", "values"),
            // The model's type name is no word of the manifest's: the field path says which mapping.
            _ => ("a mapping", "mappings"),
        };
    }

    [GeneratedRegex(@"could not be converted to (?<type>\S+?)\.?$", RegexOptions.CultureInvariant)]
    private static partial Regex ConversionFailure();

    [GeneratedRegex(@"located on type '(?<type>[^']+)'\. Path: (?<path>\$\S*?) \|", RegexOptions.CultureInvariant)]
    private static partial Regex UnsupportedMember();

    [GeneratedRegex(@"^(?<outer>[\w.]+)`\d+\[(?<arguments>.+)\]$", RegexOptions.CultureInvariant)]
    private static partial Regex Generic();

    [GeneratedRegex(@"\b(System|k8s|RulesMesh)\.[\w.]+(`\d+\[[^\s]*\])?", RegexOptions.CultureInvariant)]
    private static partial Regex TypeName();

    [GeneratedRegex("^The string '(?<value>.*)' cannot be converted to fraction\\.$", RegexOptions.CultureInvariant)]
    private static partial Regex BadQuantity();

    [GeneratedRegex("^Unable to parse (?<value>.*) as RFC3339 RFC3339Micro or RFC3339Nano\\.?$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex BadDateTime();
}
