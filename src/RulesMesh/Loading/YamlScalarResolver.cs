using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace RulesMesh.Loading;

/// <summary>
/// Gives a YAML scalar its JSON value by the YAML 1.2 core schema: plain scalars may be null,
/// booleans or numbers; quoted and block scalars are always strings. YAML 1.1 words such as
/// <c>yes</c> or <c>on</c> stay strings.
/// </summary>
internal static partial class YamlScalarResolver
{
    private const string NullTag = "tag:yaml.org,2002:null";
    private const string BoolTag = "tag:yaml.org,2002:bool";
    private const string IntTag = "tag:yaml.org,2002:int";
    private const string FloatTag = "tag:yaml.org,2002:float";
    private const string StringTag = "tag:yaml.org,2002:str";

    /// <summary>The JSON value of <paramref name="scalar"/>; null for a YAML null.</summary>
    /// <exception cref="YamlException">The scalar has no JSON form, or contradicts its tag.</exception>
    public static JsonNode? Resolve(YamlScalarNode scalar) => Resolve(new Scalar(scalar.Anchor, scalar.Tag, scalar.Value ?? string.Empty, scalar.Style, isPlainImplicit: false, isQuotedImplicit: false, scalar.Start, scalar.End));

    /// <summary>The JSON value of the scalar a parser reported; null for a YAML null.</summary>
    /// <exception cref="YamlException">The scalar has no JSON form, or contradicts its tag.</exception>
    public static JsonNode? Resolve(Scalar scalar)
    {
        var text = scalar.Value;
        var tag = scalar.Tag;
        if (tag.IsEmpty)
        {
            return scalar.Style == ScalarStyle.Plain ? ResolvePlain(text, scalar) : JsonValue.Create(text);
        }

        if (tag.IsNonSpecific || tag.Value == StringTag)
        {
            return JsonValue.Create(text);
        }

        return tag.Value switch
        {
            NullTag => Expect(text, scalar, "!!null", static node => node is null),
            BoolTag => Expect(text, scalar, "!!bool", static node => node?.GetValueKind() is JsonValueKind.True or JsonValueKind.False),
            IntTag or FloatTag => Expect(text, scalar, tag.Value == IntTag ? "!!int" : "!!float", static node => node?.GetValueKind() == JsonValueKind.Number),

            // An application tag (!something) means nothing to Kubernetes: the value reads as if untagged.
            _ => scalar.Style == ScalarStyle.Plain ? ResolvePlain(text, scalar) : JsonValue.Create(text),
        };
    }

    /// <summary>
    /// What Kubernetes' YAML 1.1 reader makes of a plain scalar that YAML 1.2 reads differently, as a warning;
    /// null when both read it alike. kubectl reads <c>010</c> as the octal number 8 and <c>yes</c>/<c>no</c>,
    /// <c>on</c>/<c>off</c>, <c>y</c>/<c>n</c> as booleans (refused in a string field).
    /// </summary>
    public static string? KubernetesReading(YamlScalarNode scalar) => KubernetesReading(scalar.Value, scalar.Style, scalar.Tag);

    /// <summary>As <see cref="KubernetesReading(YamlScalarNode)"/>, for the parts of a scalar a parser reported.</summary>
    public static string? KubernetesReading(string? value, ScalarStyle style, TagName tag)
    {
        if (style != ScalarStyle.Plain || !tag.IsEmpty || value is not { Length: > 0 and <= 20 } text)
        {
            return null;
        }

        if (Yaml11Boolean(text) is { } boolean)
        {
            return $"Kubernetes reads {text} as the boolean {(boolean ? "true" : "false")} (YAML 1.1), not the string \"{text}\" read here; quote it to keep the string everywhere.";
        }

        // Leading zeros only change the value from 08 on; 007 is 7 either way.
        if (LegacyOctalInteger().IsMatch(text))
        {
            var digits = text.TrimStart('-', '+');
            var octal = Convert.ToInt64(digits, 8);
            var @decimal = long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
            if (octal != @decimal)
            {
                var sign = text[0] == '-' ? "-" : string.Empty;
                return string.Create(CultureInfo.InvariantCulture, $"Kubernetes reads {text} as the octal number {sign}{octal} (YAML 1.1), not {sign}{@decimal} as read here; write the number without leading zeros, or quote it if a string is meant.");
            }
        }

        return null;
    }

    private static bool? Yaml11Boolean(string text) => text switch
    {
        "y" or "Y" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" => true,
        "n" or "N" or "no" or "No" or "NO" or "off" or "Off" or "OFF" => false,
        _ => null,
    };

    private static JsonNode? Expect(string text, Scalar scalar, string tagName, Func<JsonNode?, bool> matches)
    {
        var node = ResolvePlain(text, scalar);
        return matches(node) ? node : throw new YamlException(scalar.Start, scalar.End, $"'{text}' is not a valid {tagName} value.");
    }

    private static JsonNode? ResolvePlain(string text, Scalar scalar)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (DecimalInteger().IsMatch(text))
        {
            return Integer(BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        }

        if (OctalInteger().IsMatch(text))
        {
            var value = BigInteger.Zero;
            foreach (var digit in text.AsSpan(2))
            {
                value = (value * 8) + (digit - '0');
            }

            return Integer(value);
        }

        if (HexadecimalInteger().IsMatch(text))
        {
            // The leading zero keeps BigInteger from reading a high first digit as a sign.
            return Integer(BigInteger.Parse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
        }

        if (FloatingPoint().IsMatch(text))
        {
            var value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            return double.IsFinite(value) ? JsonValue.Create(value) : throw NotRepresentable(text, scalar);
        }

        if (InfinityOrNaN().IsMatch(text))
        {
            // Kubernetes fails the same way: JSON has no infinity or NaN.
            throw NotRepresentable(text, scalar);
        }

        return JsonValue.Create(text);
    }

    /// <summary>Like Kubernetes: a 64-bit integer when it fits, otherwise a float.</summary>
    private static JsonValue Integer(BigInteger value)
    {
        if (value >= long.MinValue && value <= long.MaxValue)
        {
            return JsonValue.Create((long)value);
        }

        return value >= ulong.MinValue && value <= ulong.MaxValue ? JsonValue.Create((ulong)value) : JsonValue.Create((double)value);
    }

    private static YamlException NotRepresentable(string text, Scalar scalar)
        => new(scalar.Start, scalar.End, $"'{text}' is a YAML float that JSON cannot represent; quote it if a string is meant.");

    [GeneratedRegex(@"\A[-+]?[0-9]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalInteger();

    [GeneratedRegex(@"\A0o[0-7]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex OctalInteger();

    [GeneratedRegex(@"\A[-+]?0[0-7]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex LegacyOctalInteger();

    [GeneratedRegex(@"\A0x[0-9a-fA-F]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex HexadecimalInteger();

    [GeneratedRegex(@"\A[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex FloatingPoint();

    [GeneratedRegex(@"\A([-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))\z", RegexOptions.CultureInvariant)]
    private static partial Regex InfinityOrNaN();
}
