using System.Buffers;
using System.Collections.Frozen;

namespace RulesMesh.Translation.Output;

/// <summary>The choice of <see cref="YamlScalarStyle"/>: JsonYamlWriter's request, then YamlDotNet's Emitter.AnalyzeScalar and SelectScalarStyle (block context, Unicode output).</summary>
internal static class YamlScalarAnalysis
{
    // What a plain word holds after its first letter.
    private static readonly SearchValues<char> PlainWordCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-/");

    // The longest of WordsOfOtherTypes.
    private const int MaxOtherTypeWordLength = 5;

    // YamlDotNet takes these first characters for indicators; '?', ':' and '-' only when white space (or the end) follows.
    private const string LeadingIndicators = "#,[]{}&*!|>\"%@`'";

    // The words JsonYamlWriter.LooksLikeAnotherType matches: the only plain words whose style is not plain.
    private static readonly FrozenSet<string> WordsOfOtherTypes = new[]
    {
        "null", "Null", "NULL", "y", "Y", "n", "N", "true", "True", "TRUE", "false", "False", "FALSE",
        "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The style of the string <paramref name="text"/>, asked as <see cref="JsonYamlWriter"/> asks.</summary>
    public static YamlScalarStyle OfString(string text)
        => IsPlainWord(text) ? YamlScalarStyle.Plain
            : JsonYamlWriter.NeedsEscapes(text) ? YamlScalarStyle.DoubleQuoted
            : JsonYamlWriter.LooksLikeAnotherType(text) ? (SingleQuotedAllowed(text) ? YamlScalarStyle.SingleQuoted : YamlScalarStyle.DoubleQuoted)
            : OfPlain(text);

    /// <summary>The style of text asked plain (numbers, booleans, null, and strings asked in no particular style).</summary>
    public static YamlScalarStyle OfPlain(string text)
    {
        var analysis = Analyze(text);
        return analysis.BlockPlainAllowed ? YamlScalarStyle.Plain
            : analysis.SingleQuotedAllowed && !analysis.HasSingleQuotes ? YamlScalarStyle.SingleQuoted
            : YamlScalarStyle.DoubleQuoted;
    }

    // Most strings of a document, field names and most names, are plain words: a letter, then letters, digits and "_.-/".
    // Such a string needs no escapes, is no indicator, has no white space, and looks like another type only as one of
    // a few words; the full analysis gives it the plain style, so it is not run.
    private static bool IsPlainWord(string text)
    {
        return text.Length > 0 && char.IsAsciiLetter(text[0]) && !text.AsSpan(1).ContainsAnyExcept(PlainWordCharacters)
            && (text.Length > MaxOtherTypeWordLength || !WordsOfOtherTypes.Contains(text));
    }

    /// <summary>Whether <paramref name="key"/> is written plain both as a value and as a simple (not complex) mapping key.</summary>
    public static bool IsSimplePlainKey(string key) => key.Length <= Utf8YamlTokenWriter.MaxSimpleKeyLength && !IsMultiline(key) && OfString(key) == YamlScalarStyle.Plain;

    /// <summary>Whether <paramref name="text"/> holds a line break: a mapping key that does is written as a complex key.</summary>
    public static bool IsMultiline(string text) => text.AsSpan().IndexOfAny("\r\n\u0085\u2028\u2029") >= 0;

    private static bool SingleQuotedAllowed(string text) => Analyze(text).SingleQuotedAllowed;

    private static Analysis Analyze(string text)
    {
        if (text.Length == 0)
        {
            return new Analysis(BlockPlainAllowed: false, SingleQuotedAllowed: true, HasSingleQuotes: false);
        }

        var blockIndicators = text.StartsWith("---", StringComparison.Ordinal) || text.StartsWith("...", StringComparison.Ordinal);
        var leadingQuote = false;
        var leadingWhite = false;
        var trailingWhite = false;
        var breakSpace = false;
        var spaceBreak = false;
        var special = false;
        var multiline = false;
        var singleQuotes = false;
        var previousSpace = false;
        var previousBreak = false;
        var precededByWhite = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var followedByWhite = IsWhiteBreakOrZero(i + 1 < text.Length ? text[i + 1] : '\0');
            if (i == 0)
            {
                if (LeadingIndicators.Contains(c, StringComparison.Ordinal))
                {
                    blockIndicators = true;
                    leadingQuote = c == '\'';
                    singleQuotes |= c == '\'';
                }

                if (c is '?' or ':' && followedByWhite)
                {
                    blockIndicators = true;
                }

                if (c == '-' && followedByWhite)
                {
                    blockIndicators = true;
                }
            }
            else
            {
                if ((c == ':' && followedByWhite) || (c == '#' && precededByWhite))
                {
                    blockIndicators = true;
                }

                singleQuotes |= c == '\'';
            }

            special |= !IsPrintable(c);
            if (c == ' ')
            {
                leadingWhite |= i == 0;
                trailingWhite |= i == text.Length - 1;
                breakSpace |= previousBreak;
                previousSpace = true;
                previousBreak = false;
            }
            else if (IsBreak(c))
            {
                multiline = true;
                leadingWhite |= i == 0;
                trailingWhite |= i == text.Length - 1;
                spaceBreak |= previousSpace;
                previousSpace = false;
                previousBreak = true;
            }
            else
            {
                previousSpace = false;
                previousBreak = false;
            }

            precededByWhite = IsWhiteBreakOrZero(c);
        }

        var singleQuotedAllowed = !breakSpace && !spaceBreak && !special;
        var blockPlainAllowed = singleQuotedAllowed && !leadingWhite && !trailingWhite && !leadingQuote && !multiline && !blockIndicators;
        return new Analysis(blockPlainAllowed, singleQuotedAllowed, singleQuotes);
    }

    private static bool IsWhiteBreakOrZero(char c) => c is ' ' or '\t' or '\0' || IsBreak(c);

    private static bool IsBreak(char c) => c is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029';

    // YamlDotNet's printable characters: tab, line feed, carriage return, ASCII, NEL, and the BMP outside surrogates and
    // U+FFFE/U+FFFF.
    public static bool IsPrintable(char c)
        => c is '\t' or '\n' or '\r' or (>= ' ' and <= '~') or '\u0085' or (>= '\u00A0' and <= '\uD7FF') or (>= '\uE000' and <= '\uFFFD');

    private readonly record struct Analysis(bool BlockPlainAllowed, bool SingleQuotedAllowed, bool HasSingleQuotes);
}
