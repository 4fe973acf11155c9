using System.Net;
using System.Text;

namespace RulesMesh.Loading.CelLanguage;

/// <summary>
/// The string functions of CEL and of the Kubernetes strings library that rules use, shared by the rule compiler and
/// the Cel package's environment so both agree. Sizes and indexes count code points, as CEL defines them.
/// </summary>
internal static class CelStrings
{
    /// <summary>The number of code points in <paramref name="text"/>.</summary>
    public static long CodePoints(string text)
    {
        var count = 0L;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    /// <summary>The code points of <paramref name="text"/> from <paramref name="start"/> up to <paramref name="end"/> (the end when null).</summary>
    public static string Substring(string text, long start, long? end)
    {
        var length = CodePoints(text);
        var to = end ?? length;
        if (start < 0 || start > length || to < 0 || to > length)
        {
            throw new CelEvaluationException($"index {(start < 0 || start > length ? start : to)} out of range");
        }

        if (to < start)
        {
            throw new CelEvaluationException("end before start");
        }

        return text[Utf16Offset(text, start)..Utf16Offset(text, to)];
    }

    /// <summary>The code point index of the first <paramref name="part"/> in <paramref name="text"/>, or -1.</summary>
    public static long IndexOf(string text, string part)
    {
        var offset = text.IndexOf(part, StringComparison.Ordinal);
        return offset < 0 ? -1 : CodePoints(text[..offset]);
    }

    /// <summary><paramref name="text"/> with ASCII letters lowered (Kubernetes' lowerAscii).</summary>
    public static string LowerAscii(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = char.IsAsciiLetterUpper(source[i]) ? (char)(source[i] + 32) : source[i];
        }
    });

    /// <summary><paramref name="text"/> with ASCII letters raised (Kubernetes' upperAscii).</summary>
    public static string UpperAscii(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = char.IsAsciiLetterLower(source[i]) ? (char)(source[i] - 32) : source[i];
        }
    });

    /// <summary>
    /// Kubernetes' isIP: the canonical textual forms only, no zone, no leading zeros in IPv4.
    /// </summary>
    public static bool IsIP(string text)
        => IPAddress.TryParse(text, out var address) && !text.Contains('%', StringComparison.Ordinal)
            && (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork || address.ToString() == text);

    /// <summary>The URL <paramref name="text"/> denotes, or null when it is not an absolute URL.</summary>
    public static Uri? TryParseUrl(string text) => Uri.TryCreate(text, UriKind.Absolute, out var url) ? url : null;

    private static int Utf16Offset(string text, long codePoints)
    {
        var offset = 0;
        for (var i = 0L; i < codePoints; i++)
        {
            offset += Rune.GetRuneAt(text, offset) is var rune ? rune.Utf16SequenceLength : 1;
        }

        return offset;
    }
}
