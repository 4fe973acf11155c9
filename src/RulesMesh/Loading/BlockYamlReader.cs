using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RulesMesh.Loading;

/// <summary>
/// Reads the plainest YAML, the block style tools such as kubectl and Helm write, straight from the text to JSON: block
/// mappings with simple keys, block lists, one-line plain and quoted scalars, comments. It is several times faster than
/// a general YAML parser and covers nearly every manifest in practice; it gives up (<see cref="PlainDocumentReader.Outcome.NeedsFullReader"/>)
/// on anything else, including anything it is unsure of, so that a general reader decides: flow collections, block and
/// multi-line scalars, anchors, aliases, tags, directives, escapes in double quotes, keys that are not simple names,
/// duplicate keys, tabs and control characters, YAML 1.1 readings, nesting beyond the depth limit, malformed text.
/// It reads the document's UTF-8 bytes and writes them as they are; every character it looks at is ASCII. A ref struct:
/// one reader per document, on the stack rather than the heap.
/// </summary>
internal ref struct BlockYamlReader
{
    // Bytes after which this reader cannot be sure how YAML reads the text: tabs, carriage returns, other control
    // characters; and, in a text that is not all ASCII, the characters YAML 1.1 parsers take for line breaks (NEL, LS,
    // PS) or a stray byte order mark.
    private static readonly SearchValues<byte> UnsureAscii = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000B\u000C\u000D\u000E\u000F"u8 +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F"u8);

    // Every character of the plain scalars the resolver reads as numbers, nulls, infinities or NaNs, in any YAML version.
    private static readonly SearchValues<byte> NumberCharacters = SearchValues.Create("0123456789+-.~_:eEoOxXabcdefABCDEFiInNaAlLtTuUrRsSyY"u8);

    // A plain scalar may not start with one of these (YAML's indicators); '-' is checked on its own.
    private static readonly SearchValues<byte> Indicators = SearchValues.Create("?:,[]{}#&*!|>'\"%@`"u8);

    // The most keys one mapping may have here: duplicate keys are found by comparing with each earlier one.
    private const int MaxKeys = 64;

    // The longest word YAML reads as anything but a string (false, FALSE).
    private const int LongestWord = 5;

    private readonly ReadOnlySpan<byte> text;
    private readonly int end;
    private readonly int maxDepth;
    private readonly Utf8JsonWriter writer;

    // The keys of every mapping being read, outermost first; each mapping drops its own when it ends.
    private readonly List<(int Start, int Length)> keys;
    private int depth;

    // The current content line: where it starts, where its content starts (after the indent, or after "- "), and where it ends.
    private int lineStart;
    private int contentStart;
    private int lineEnd;
    private int nextLineStart;
    private int lineNumber;
    private bool atEnd;

    private BlockYamlReader(ReadOnlySpan<byte> piece, int maxDepth, Utf8JsonWriter writer, List<(int Start, int Length)> keys)
    {
        text = piece;
        end = piece.Length;
        nextLineStart = 0;
        this.maxDepth = maxDepth;
        this.writer = writer;
        this.keys = keys;
    }

    private int Indent => contentStart - lineStart;

    /// <summary>Writes the document in <paramref name="piece"/> to <paramref name="writer"/> as JSON.</summary>
    /// <param name="piece">One piece of a stream, as cut by <see cref="YamlDocumentSplitter"/>.</param>
    /// <param name="maxDepth">The most levels of mappings and lists allowed (<see cref="LoaderLimits.MaxDepth"/>).</param>
    /// <param name="writer">
    /// Writes the JSON text when the outcome is <see cref="PlainDocumentReader.Outcome.Document"/>, flushed; its options
    /// must allow <paramref name="maxDepth"/> and the root. One per thread, reset per document, saves allocating one each time.
    /// </param>
    /// <param name="rootLine">The 1-based line, within <paramref name="piece"/>, of the document's first key.</param>
    /// <param name="keys">A list this reader may use for the keys of the mappings it is in (left empty); one per thread saves allocating it per document.</param>
    public static PlainDocumentReader.Outcome Read(YamlDocumentSplitter.Chunk piece, int maxDepth, Utf8JsonWriter writer, out int rootLine, List<(int Start, int Length)> keys)
    {
        rootLine = 0;
        var utf8 = piece.Utf8.Span;
        if (IsUnsure(utf8))
        {
            return PlainDocumentReader.Outcome.NeedsFullReader;
        }

        keys.Clear();
        var reader = new BlockYamlReader(utf8, maxDepth, writer, keys);
        try
        {
            return reader.ReadDocument(out rootLine);
        }
        catch (Exception exception) when (exception is YamlException or InvalidOperationException)
        {
            // A scalar with no JSON form, or JSON the writer refuses: the full reader reports it in its words.
            return PlainDocumentReader.Outcome.NeedsFullReader;
        }
    }

    private PlainDocumentReader.Outcome ReadDocument(out int rootLine)
    {
        rootLine = 0;
        if (!MoveToContent(isFirst: true))
        {
            return PlainDocumentReader.Outcome.NeedsFullReader;
        }

        if (atEnd)
        {
            return PlainDocumentReader.Outcome.Empty;
        }

        rootLine = lineNumber;
        if (IsDash() || !ReadMapping(Indent) || !atEnd)
        {
            return PlainDocumentReader.Outcome.NeedsFullReader;
        }

        writer.Flush();
        return PlainDocumentReader.Outcome.Document;
    }

    private static bool IsUnsure(ReadOnlySpan<byte> utf8)
        => utf8.ContainsAny(UnsureAscii)
           || (utf8.ContainsAnyExceptInRange((byte)0, (byte)0x7F)
               && (utf8.IndexOf("\u0085"u8) >= 0 || utf8.IndexOf("\u2028"u8) >= 0 || utf8.IndexOf("\u2029"u8) >= 0 || utf8.IndexOf("\uFEFF"u8) >= 0));

    /// <summary>Moves to the next line with content, skipping blank lines and comments; false when this reader cannot go on.</summary>
    private bool MoveToContent(bool isFirst = false)
    {
        while (nextLineStart < end)
        {
            lineNumber++;
            lineStart = nextLineStart;
            var newline = text[lineStart..end].IndexOf((byte)'\n');
            lineEnd = newline < 0 ? end : lineStart + newline;
            nextLineStart = newline < 0 ? end : lineEnd + 1;
            contentStart = lineStart;
            while (contentStart < lineEnd && text[contentStart] == ' ')
            {
                contentStart++;
            }

            if (contentStart == lineEnd || text[contentStart] == '#')
            {
                continue;
            }

            if (contentStart == lineStart && IsMarkerLine())
            {
                // The separator that starts the piece, alone on its line, is all this reader accepts of markers and directives.
                if (isFirst && text[lineStart..lineEnd].StartsWith("---"u8) && IsBlankOrComment(lineStart + 3))
                {
                    continue;
                }

                return false;
            }

            return true;
        }

        atEnd = true;
        return true;
    }

    private readonly bool IsMarkerLine()
        => text[lineStart] == '%'
           || (lineEnd - lineStart >= 3
               && (text.Slice(lineStart, 3).SequenceEqual("---"u8) || text.Slice(lineStart, 3).SequenceEqual("..."u8))
               && (lineEnd - lineStart == 3 || text[lineStart + 3] == ' '));

    private readonly bool IsBlankOrComment(int position)
    {
        var rest = text[position..lineEnd].TrimStart((byte)' ');
        return rest.IsEmpty || rest[0] == '#';
    }

    private readonly bool IsDash() => text[contentStart] == '-' && (contentStart + 1 == lineEnd || text[contentStart + 1] == ' ');

    private bool Enter()
    {
        depth++;
        return depth <= maxDepth;
    }

    /// <summary>A block mapping whose keys sit at <paramref name="indent"/>, starting at the current line.</summary>
    private bool ReadMapping(int indent)
    {
        if (!Enter())
        {
            return false;
        }

        writer.WriteStartObject();
        var firstKey = keys.Count;
        while (!atEnd && Indent >= indent)
        {
            if (Indent > indent || IsDash() || !TryReadKey(out var keyEnd) || !IsNewKey(firstKey, keyEnd))
            {
                return false;
            }

            writer.WritePropertyName(text[contentStart..keyEnd]);
            var value = SkipSpaces(keyEnd + 1);
            if (value == lineEnd || text[value] == '#')
            {
                if (!MoveToContent() || !ReadNestedValue(indent, sequenceMayAlign: true))
                {
                    return false;
                }
            }
            else if (!ReadScalar(value) || !MoveToContent())
            {
                return false;
            }
        }

        writer.WriteEndObject();
        keys.RemoveRange(firstKey, keys.Count - firstKey);
        depth--;
        return true;
    }

    /// <summary>
    /// A block list whose dashes sit at <paramref name="indent"/>, starting at the current line. When it is aligned with
    /// its parent's keys (<paramref name="alignedWithKeys"/>), a key at its indent ends it; otherwise that is malformed.
    /// </summary>
    private bool ReadSequence(int indent, bool alignedWithKeys)
    {
        if (!Enter())
        {
            return false;
        }

        writer.WriteStartArray();
        while (!atEnd && Indent >= indent)
        {
            if (Indent > indent)
            {
                return false;
            }

            if (!IsDash())
            {
                if (alignedWithKeys)
                {
                    break;
                }

                return false;
            }

            var item = SkipSpaces(contentStart + 1);
            if (item == lineEnd || text[item] == '#')
            {
                if (!MoveToContent() || !ReadNestedValue(indent, sequenceMayAlign: false))
                {
                    return false;
                }

                continue;
            }

            // "- key: value" opens a mapping whose keys line up with this first one; "- - x" a list inside the list.
            contentStart = item;
            if (IsDash())
            {
                if (!ReadSequence(Indent, alignedWithKeys: false))
                {
                    return false;
                }
            }
            else if (TryReadKey(out _))
            {
                if (!ReadMapping(Indent))
                {
                    return false;
                }
            }
            else if (!ReadScalar(item) || !MoveToContent())
            {
                return false;
            }
        }

        writer.WriteEndArray();
        depth--;
        return true;
    }

    /// <summary>The value of a key or dash with nothing after it on its line: a block below it, or null.</summary>
    private bool ReadNestedValue(int parentIndent, bool sequenceMayAlign)
    {
        if (!atEnd && Indent > parentIndent)
        {
            return IsDash() ? ReadSequence(Indent, alignedWithKeys: false) : ReadMapping(Indent);
        }

        if (!atEnd && sequenceMayAlign && Indent == parentIndent && IsDash())
        {
            return ReadSequence(Indent, alignedWithKeys: true);
        }

        writer.WriteNullValue();
        return true;
    }

    /// <summary>
    /// A simple key at the content start: letters, digits, '_', '.', '/' and '-', starting with a letter, '_' or '/',
    /// not a word YAML reads as a boolean or null, followed by ':' and a space or the line's end.
    /// </summary>
    private readonly bool TryReadKey(out int keyEnd)
    {
        keyEnd = contentStart;
        var first = (char)text[contentStart];
        if (!(char.IsAsciiLetter(first) || first is '_' or '/'))
        {
            return false;
        }

        while (keyEnd < lineEnd && (char.IsAsciiLetterOrDigit((char)text[keyEnd]) || (char)text[keyEnd] is '_' or '.' or '/' or '-'))
        {
            keyEnd++;
        }

        if (keyEnd == lineEnd || text[keyEnd] != ':' || (keyEnd + 1 < lineEnd && text[keyEnd + 1] != ' '))
        {
            return false;
        }

        return !IsBooleanOrNull(Word(text[contentStart..keyEnd], stackalloc char[LongestWord]));
    }

    /// <summary>Whether the key at the content start differs from this mapping's earlier keys (from <paramref name="firstKey"/> on).</summary>
    private readonly bool IsNewKey(int firstKey, int keyEnd)
    {
        var key = text[contentStart..keyEnd];
        for (var index = firstKey; index < keys.Count; index++)
        {
            var (start, length) = keys[index];
            if (key.SequenceEqual(text.Slice(start, length)))
            {
                return false;
            }
        }

        keys.Add((contentStart, key.Length));
        return keys.Count - firstKey <= MaxKeys;
    }

    /// <summary>A one-line scalar starting at <paramref name="start"/> and running to the line's end or a comment.</summary>
    private bool ReadScalar(int start)
    {
        return (char)text[start] switch
        {
            '\'' => ReadSingleQuoted(start),
            '"' => ReadDoubleQuoted(start),
            _ => ReadPlain(start),
        };
    }

    private bool ReadSingleQuoted(int start)
    {
        // '' stands for a quote; a value without one is written as it stands.
        var position = start + 1;
        var doubledQuotes = false;
        while (position < lineEnd)
        {
            if (text[position++] != '\'')
            {
                continue;
            }

            if (position < lineEnd && text[position] == '\'')
            {
                doubledQuotes = true;
                position++;
                continue;
            }

            var value = text[(start + 1)..(position - 1)];
            if (doubledQuotes)
            {
                writer.WriteStringValue(Encoding.UTF8.GetString(value).Replace("''", "'", StringComparison.Ordinal));
            }
            else
            {
                writer.WriteStringValue(value);
            }

            return IsBlankOrComment(position) && (position == lineEnd || text[position] == ' ');
        }

        return false;
    }

    private bool ReadDoubleQuoted(int start)
    {
        var end = text[(start + 1)..lineEnd].IndexOfAny((byte)'"', (byte)'\\');
        if (end < 0 || text[start + 1 + end] == '\\')
        {
            return false;
        }

        var position = start + 2 + end;
        writer.WriteStringValue(text.Slice(start + 1, end));
        return IsBlankOrComment(position) && (position == lineEnd || text[position] == ' ');
    }

    private bool ReadPlain(int start)
    {
        var first = (char)text[start];
        if (Indicators.Contains(text[start]) || (first == '-' && (start + 1 == lineEnd || text[start + 1] == ' ')))
        {
            return false;
        }

        var line = text[start..lineEnd];
        var comment = line.IndexOf(" #"u8);
        var value = (comment < 0 ? line : line[..comment]).TrimEnd((byte)' ');
        if (value.IndexOf(": "u8) >= 0 || value[^1] == ':')
        {
            return false;
        }

        if (char.IsAsciiLetter(first) || first is not ('~' or '+' or '-' or '.') && !char.IsAsciiDigit(first))
        {
            // No number starts with a letter; of the words, only booleans and nulls are read as anything but a string.
            var word = Word(value, stackalloc char[LongestWord]);
            if (IsYaml11Word(word))
            {
                return false;
            }

            switch (word)
            {
                case "true" or "True" or "TRUE":
                    writer.WriteBooleanValue(true);
                    return true;
                case "false" or "False" or "FALSE":
                    writer.WriteBooleanValue(false);
                    return true;
                case "null" or "Null" or "NULL":
                    writer.WriteNullValue();
                    return true;
                default:
                    writer.WriteStringValue(value);
                    return true;
            }
        }

        if (IsPlainString(value))
        {
            // Addresses and versions (10.0.0.1, 1.2.3): no number, null or YAML 1.1 reading has their characters.
            writer.WriteStringValue(value);
            return true;
        }

        if (IsPlainDecimal(value))
        {
            // Ports and counts, the commonest numbers: what the resolver makes of them, without building its scalar.
            writer.WriteNumberValue(long.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture));
            return true;
        }

        // Other numbers, '~' and the like: resolved exactly as the full reader resolves them.
        var scalar = new Scalar(AnchorName.Empty, TagName.Empty, Encoding.UTF8.GetString(value), ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false, Mark.Empty, Mark.Empty);
        if (YamlScalarResolver.KubernetesReading(scalar.Value, scalar.Style, scalar.Tag) is not null)
        {
            return false;
        }

        if (YamlScalarResolver.Resolve(scalar) is { } resolved)
        {
            resolved.WriteTo(writer);
        }
        else
        {
            writer.WriteNullValue();
        }

        return true;
    }

    private readonly int SkipSpaces(int position)
    {
        while (position < lineEnd && text[position] == ' ')
        {
            position++;
        }

        return position;
    }

    /// <summary>
    /// <paramref name="utf8"/> as chars in <paramref name="chars"/> when it is short enough to be one of YAML's words
    /// (booleans, nulls), else empty: the words are ASCII, so each byte is compared as the char it would be.
    /// </summary>
    private static ReadOnlySpan<char> Word(ReadOnlySpan<byte> utf8, Span<char> chars)
    {
        if (utf8.Length > chars.Length)
        {
            return [];
        }

        for (var index = 0; index < utf8.Length; index++)
        {
            chars[index] = (char)utf8[index];
        }

        return chars[..utf8.Length];
    }

    // A plain scalar that starts as a number may ('~', '+', '-', '.' or a digit) but that the resolver can only read as a
    // string: it holds a character none of its numbers, nulls, infinities or NaNs has, or more than one '.', which no
    // number has (a float has at most one, ".inf" and ".nan" one).
    private static bool IsPlainString(ReadOnlySpan<byte> value)
        => value.ContainsAnyExcept(NumberCharacters) || value.Count((byte)'.') > 1;

    // Up to 18 digits always fit a long; a leading zero may be a YAML 1.1 octal number, which the resolver warns about.
    private static bool IsPlainDecimal(ReadOnlySpan<byte> value)
        => value.Length is > 0 and <= 18 && (value[0] != '0' || value.Length == 1) && !value.ContainsAnyExceptInRange((byte)'0', (byte)'9');

    private static bool IsBooleanOrNull(ReadOnlySpan<char> word)
        => word is "true" or "True" or "TRUE" or "false" or "False" or "FALSE" or "null" or "Null" or "NULL";

    // Kubernetes' YAML 1.1 reader takes these for booleans; the full reader warns about them.
    private static bool IsYaml11Word(ReadOnlySpan<char> word)
        => word is "y" or "Y" or "yes" or "Yes" or "YES" or "n" or "N" or "no" or "No" or "NO" or "on" or "On" or "ON" or "off" or "Off" or "OFF";
}
