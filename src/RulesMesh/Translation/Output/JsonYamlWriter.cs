using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RulesMesh.Translation.Output;

/// <summary>
/// Writes a JSON tree as block-style YAML that reads back as the same JSON. Strings that a YAML 1.1 or 1.2 reader would
/// take for another type (<c>"5000"</c>, <c>"010"</c>, <c>"yes"</c>, <c>"null"</c>, <c>""</c>) are single-quoted; strings
/// with characters that a plain, single-quoted or block scalar cannot carry unchanged (control characters, DEL, NEL,
/// line and paragraph separators, a carriage return, leading or trailing white space) are double-quoted with escapes.
/// </summary>
public static partial class JsonYamlWriter
{
    /// <summary>The YAML text of <paramref name="node"/>.</summary>
    public static string Write(JsonNode? node)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        var emitter = new Emitter(text);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        Emit(emitter, node);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    /// <summary>Emits <paramref name="node"/> as one YAML node.</summary>
    private static void Emit(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                emitter.Emit(new MappingStart(null, null, isImplicit: true, MappingStyle.Block));
                foreach (var (key, value) in obj)
                {
                    EmitString(emitter, key);
                    Emit(emitter, value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonArray array:
                emitter.Emit(new SequenceStart(null, null, isImplicit: true, SequenceStyle.Block));
                foreach (var item in array)
                {
                    Emit(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case null:
                emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                EmitString(emitter, value.GetValue<string>());
                break;
            case JsonValue value:
                emitter.Emit(new Scalar(null, null, value.ToJsonString(), ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));
                break;
        }
    }

    /// <summary>Emits <paramref name="text"/> as a scalar that reads back as that string.</summary>
    private static void EmitString(IEmitter emitter, string text)
    {
        var style = NeedsEscapes(text) ? ScalarStyle.DoubleQuoted
            : LooksLikeAnotherType(text) ? ScalarStyle.SingleQuoted
            : ScalarStyle.Any;
        emitter.Emit(new Scalar(null, null, text, style, isPlainImplicit: true, isQuotedImplicit: true));
    }

    // Line breaks are normalised or folded by readers of block, plain and single-quoted scalars, white space at either end
    // is trimmed from plain ones, and control characters are not printable in YAML at all: only escapes keep them.
    internal static bool NeedsEscapes(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        if (text[0] == ' ' || text[^1] == ' ')
        {
            return true;
        }

        foreach (var c in text)
        {
            if (!IsPrintable(c))
            {
                return true;
            }
        }

        return false;
    }

    // YAML 1.2 §5.1 printable characters, minus every line break and tab (C0, DEL, C1 including NEL, LS, PS and the BOM
    // are escaped); surrogate pairs are printable.
    private static bool IsPrintable(char c)
        => c is (>= ' ' and <= '~') or (>= '\u00A0' and < '\u2028') or (> '\u2029' and < '\uFEFF') or (> '\uFEFF' and <= '\uFFFD');

    internal static bool LooksLikeAnotherType(string text)
        => text.Length == 0 || (OtherTypesStart.Contains(text[0], StringComparison.Ordinal) && MayMatchNonString(text) && NonString().IsMatch(text));

    // The first characters NonString can match: most strings are told apart without running it.
    private const string OtherTypesStart = "~nNyYtTfFoO<=-+.0123456789";

    // Besides dates, what NonString matches when it starts like a number holds these characters only (a final line
    // break its '$' allows) and at most one '.'.
    private static readonly SearchValues<char> NumberCharacters = SearchValues.Create("0123456789_.+-:eExoabcdfABCDFiInN\n");

    // Addresses ("10.0.0.1") and durations ("5s") start like numbers: told apart here, as running NonString on each
    // of them cost more than the rest of writing a YAML document's strings.
    private static bool MayMatchNonString(string text)
    {
        var span = text.AsSpan();
        var dateLike = span.Length >= 5 && char.IsAsciiDigit(span[0]) && char.IsAsciiDigit(span[1]) && char.IsAsciiDigit(span[2])
            && char.IsAsciiDigit(span[3]) && span[4] == '-';
        return dateLike || !(char.IsAsciiDigit(span[0]) || span[0] is '-' or '+' or '.')
            || (!span.ContainsAnyExcept(NumberCharacters) && span.Count('.') <= 1);
    }

    // The YAML 1.2 core schema and the YAML 1.1 types (y/n, octal 010, sexagesimal 1:30, 1_000, 0b101, dates, the merge
    // key and = value key), which Kubernetes' and Python's readers still apply.
    [GeneratedRegex(@"^(~|null|Null|NULL|y|Y|n|N|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|<<|=|[-+]?(\.[0-9_]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?|[-+]?0x[0-9a-fA-F_]+|[-+]?0o[0-7_]+|[-+]?0b[01_]+|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?)$")]
    internal static partial Regex NonString();
}
