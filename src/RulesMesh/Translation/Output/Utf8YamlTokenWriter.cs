using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RulesMesh.Xds;

namespace RulesMesh.Translation.Output;

/// <summary>
/// Writes a JSON tree's tokens as block-style UTF-8 YAML, byte for byte what <see cref="JsonYamlWriter"/> makes
/// YamlDotNet's emitter write for the same tree: block mappings and indentless sequences indented two spaces, empty ones
/// as <c>{}</c> and <c>[]</c>, scalars in the style <see cref="YamlScalarAnalysis"/> picks, keys too long or holding a
/// line break as complex (<c>?</c>) keys.
/// </summary>
/// <remarks>
/// The layout follows the emitter's own bookkeeping (indent, column, whether the line so far is white space or
/// indentation), so that its decisions on line breaks and spaces come out the same. One token of look-ahead decides
/// whether a mapping or sequence is empty. With a <see cref="Stream"/>, the text goes there whenever a buffer's worth is
/// written; without, it stays in the buffer given.
/// </remarks>
internal sealed class Utf8YamlTokenWriter : IJsonTokenWriter
{
    // YamlDotNet's defaults: two-space indentation, keys up to 1,024 characters written simply.
    private const int BestIndent = 2;
    internal const int MaxSimpleKeyLength = 1024;
    private const int FlushThreshold = 64 * 1024;

    // The longest "r" text of a double: "-1.7976931348623157e+308".
    private const int MaxNumberLength = 32;

    // The longest text of an int or a uint: "-2147483648".
    private const int MaxIntegerLength = 11;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly byte[] _newLine = Encoding.UTF8.GetBytes(Environment.NewLine);
    private readonly IBufferWriter<byte> _output;
    private readonly ArrayBufferWriter<byte>? _flushed;
    private readonly Stream? _stream;
    private readonly Stack<int> _indents = new();
    private readonly Stack<Collection> _collections = new();
    private readonly YamlPlainWords _words;
    private int _indent = -1;
    private bool _isWhitespace = true;
    private bool _isIndentation = true;
    private Pending _pending;
    private bool _pendingInMapping;

    /// <summary>A writer into <paramref name="output"/>.</summary>
    public Utf8YamlTokenWriter(IBufferWriter<byte> output)
        : this(output, new YamlPlainWords())
    {
    }

    /// <summary>A writer into <paramref name="output"/>, finding names it writes plain in <paramref name="words"/> (which it adds to).</summary>
    public Utf8YamlTokenWriter(IBufferWriter<byte> output, YamlPlainWords words)
    {
        _output = output;
        _words = words;
    }

    /// <summary>A writer to <paramref name="stream"/>, through a buffer of its own; <see cref="Flush"/> at the end.</summary>
    public Utf8YamlTokenWriter(Stream stream)
    {
        _stream = stream;
        _flushed = new ArrayBufferWriter<byte>(2 * FlushThreshold);
        _output = _flushed;
        _words = new YamlPlainWords();
    }

    /// <summary>The column the text written so far ends at, in UTF-16 characters as the emitter counts them.</summary>
    public int Column { get; private set; }

    private enum Pending
    {
        None,
        Mapping,
        Sequence,
    }

    public void WriteStartObject() => StartCollection(Pending.Mapping);

    public void WriteEndObject() => EndCollection(Pending.Mapping);

    public void WriteStartArray() => StartCollection(Pending.Sequence);

    public void WriteEndArray() => EndCollection(Pending.Sequence);

    public void WritePropertyName(JsonEncodedText name)
    {
        if (_words.Utf8(name.Value) is { } word)
        {
            var mapping = BeginKey();
            mapping.SimpleKey = true;
            WritePlainText(word);
            WriteIndicator(":", needWhitespace: false, whitespace: false, indentation: false);
            mapping.ExpectsValue = true;
        }
        else
        {
            WriteKey(name.Value);
        }
    }

    public void WritePropertyName(string name)
    {
        RefuseLoneSurrogates(name);
        WriteKey(name);
    }

    public void WriteStringValue(JsonEncodedText value)
    {
        if (_words.Utf8(value.Value) is { } word)
        {
            WritePlainValue(word);
        }
        else
        {
            WriteString(value.Value);
        }
    }

    public void WriteStringValue(string value)
    {
        RefuseLoneSurrogates(value);
        WriteString(value);
    }

    // An integer's digits (and sign) are always plain.
    public void WriteNumberValue(int value)
    {
        Span<byte> digits = stackalloc byte[MaxIntegerLength];
        value.TryFormat(digits, out var length, provider: CultureInfo.InvariantCulture);
        WritePlainValue(digits[..length]);
    }

    public void WriteNumberValue(uint value)
    {
        Span<byte> digits = stackalloc byte[MaxIntegerLength];
        value.TryFormat(digits, out var length, provider: CultureInfo.InvariantCulture);
        WritePlainValue(digits[..length]);
    }

    public void WriteNumberValue(double value) => WritePlain(value.ToString("r", CultureInfo.InvariantCulture));

    public void WriteNumberValue(float value) => WritePlain(value.ToString("r", CultureInfo.InvariantCulture));

    public void WriteBooleanValue(bool value) => WritePlainValue(value ? "true"u8 : "false"u8);

    public void WriteNullValue() => WritePlainValue("null"u8);

    /// <summary>Writes a string from the data without refusing lone surrogates (as the emitter does: it escapes a lone low one).</summary>
    public void WriteString(string value)
    {
        BeginNode();
        WriteScalar(value, YamlScalarAnalysis.OfString(value));
        EndNode();
    }

    /// <summary>Writes <paramref name="text"/> (a number's or a literal's JSON text) as a plain scalar, quoted only where YAML needs it.</summary>
    public void WritePlain(string text)
    {
        BeginNode();
        WriteScalar(text, YamlScalarAnalysis.OfPlain(text));
        EndNode();
    }

    /// <summary>
    /// Appends items of the sequence just started, written by another writer placed the same way (a sequence at the
    /// same indentation, after a key), that ended at <paramref name="column"/>.
    /// </summary>
    public void WriteSequenceItems(ReadOnlySpan<byte> items, int column)
    {
        OpenPending();
        var sequence = _collections.Peek();
        if (sequence.IsMapping)
        {
            throw new InvalidOperationException("Sequence items belong in a sequence.");
        }

        OpenBlock(sequence);
        _output.Write(items);
        Column = column;
        _isWhitespace = false;
        _isIndentation = false;
        FlushWhenFull();
    }

    /// <summary>Ends the document (the emitter's implicit document end: a line break) and sends what is buffered to the stream.</summary>
    public void EndDocument()
    {
        WriteIndent();
        Flush();
    }

    /// <summary>Sends what is buffered to the stream, if there is one.</summary>
    public void Flush()
    {
        if (_stream is not null && _flushed is not null)
        {
            _stream.Write(_flushed.WrittenSpan);
            _flushed.ResetWrittenCount();
            _stream.Flush();
        }
    }

    private static void RefuseLoneSurrogates(string value)
    {
        // As in JSON, text with a lone surrogate is refused: it has no UTF-8 form (the strict encoding throws).
        if (value.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            StrictUtf8.GetByteCount(value);
        }
    }

    private void StartCollection(Pending kind)
    {
        BeginNode();
        _pending = kind;
    }

    private void EndCollection(Pending kind)
    {
        if (_pending == kind)
        {
            // Empty: the emitter writes it in flow style.
            _pending = Pending.None;
            WriteIndicator(kind == Pending.Mapping ? "{" : "[", needWhitespace: true, whitespace: true, indentation: false);
            WriteIndicator(kind == Pending.Mapping ? "}" : "]", needWhitespace: false, whitespace: false, indentation: false);
        }
        else
        {
            OpenPending();
            var collection = _collections.Pop();
            if (collection.IsMapping != (kind == Pending.Mapping) || (collection.IsMapping && collection.ExpectsValue))
            {
                throw new InvalidOperationException("The end does not match the start.");
            }

            _indent = _indents.Pop();
        }

        EndNode();
    }

    // A mapping or sequence with something in it is a block one: it opens at its first entry.
    private void OpenPending()
    {
        if (_pending != Pending.None)
        {
            _collections.Push(new Collection(_pending == Pending.Mapping, _pendingInMapping));
            _pending = Pending.None;
        }
    }

    private void OpenBlock(Collection collection)
    {
        if (collection.IsOpen)
        {
            return;
        }

        collection.IsOpen = true;

        // A sequence that is a mapping's value after its key on the same line is not indented further.
        IncreaseIndent(isFlow: false, isIndentless: !collection.IsMapping && collection.InMapping && !_isIndentation);
    }

    /// <summary>Writes a key from the data without refusing lone surrogates (see <see cref="WriteString"/>).</summary>
    public void WriteKey(string key)
    {
        var mapping = BeginKey();
        mapping.SimpleKey = key.Length <= MaxSimpleKeyLength && !YamlScalarAnalysis.IsMultiline(key);
        if (mapping.SimpleKey)
        {
            WriteScalar(key, YamlScalarAnalysis.OfString(key));
            WriteIndicator(":", needWhitespace: false, whitespace: false, indentation: false);
        }
        else
        {
            WriteIndicator("?", needWhitespace: true, whitespace: false, indentation: true);
            WriteScalar(key, YamlScalarAnalysis.OfString(key));
        }

        mapping.ExpectsValue = true;
    }

    // What the emitter writes before a key: the line break and indentation of a block mapping's entry.
    private Collection BeginKey()
    {
        OpenPending();
        if (_collections.Count == 0 || _collections.Peek() is not { IsMapping: true, ExpectsValue: false } mapping)
        {
            throw new InvalidOperationException("A key belongs in a mapping, before its value.");
        }

        OpenBlock(mapping);
        WriteIndent();
        return mapping;
    }

    // A value known to be plain (a name YamlPlainWords found plain, an integer, a literal), ASCII.
    private void WritePlainValue(ReadOnlySpan<byte> text)
    {
        BeginNode();
        WritePlainText(text);
        EndNode();
    }

    // WriteScalar's plain style, for ASCII text.
    private void WritePlainText(ReadOnlySpan<byte> text)
    {
        if (!_isWhitespace)
        {
            WriteAscii(' ');
        }

        _output.Write(text);
        Column += text.Length;
        _isWhitespace = false;
        _isIndentation = false;
    }

    // What the emitter writes before a node where it stands: a sequence's dash, a complex key's colon.
    private void BeginNode()
    {
        OpenPending();
        if (_collections.Count == 0)
        {
            _pendingInMapping = false;
            return;
        }

        var parent = _collections.Peek();
        OpenBlock(parent);
        if (!parent.IsMapping)
        {
            WriteIndent();
            WriteIndicator("-", needWhitespace: true, whitespace: false, indentation: true);
            _pendingInMapping = false;
            return;
        }

        if (!parent.ExpectsValue)
        {
            throw new InvalidOperationException("A mapping's value needs a key first.");
        }

        if (!parent.SimpleKey)
        {
            WriteIndent();
            WriteIndicator(":", needWhitespace: true, whitespace: false, indentation: true);
        }

        _pendingInMapping = true;
    }

    private void EndNode()
    {
        if (_pending == Pending.None && _collections.Count > 0 && _collections.Peek() is { IsMapping: true } mapping)
        {
            mapping.ExpectsValue = false;
        }

        FlushWhenFull();
    }

    private void IncreaseIndent(bool isFlow, bool isIndentless)
    {
        _indents.Push(_indent);
        if (_indent < 0)
        {
            _indent = isFlow ? BestIndent : 0;
        }
        else if (!isIndentless)
        {
            _indent += BestIndent;
        }
    }

    private void WriteIndent()
    {
        var indent = Math.Max(_indent, 0);
        if (!_isIndentation || Column > indent || (Column == indent && !_isWhitespace))
        {
            _output.Write(_newLine);
            Column = 0;
        }

        if (Column < indent)
        {
            _output.GetSpan(indent - Column)[..(indent - Column)].Fill((byte)' ');
            _output.Advance(indent - Column);
            Column = indent;
        }

        _isWhitespace = true;
        _isIndentation = true;
    }

    private void WriteIndicator(string indicator, bool needWhitespace, bool whitespace, bool indentation)
    {
        if (needWhitespace && !_isWhitespace)
        {
            WriteAscii(' ');
        }

        foreach (var c in indicator)
        {
            WriteAscii(c);
        }

        _isWhitespace = whitespace;
        _isIndentation &= indentation;
    }

    private void WriteAscii(char c)
    {
        _output.GetSpan(1)[0] = (byte)c;
        _output.Advance(1);
        Column++;
    }

    // The emitter's default width never folds a line, so a scalar is written the same as a key or as a value.
    private void WriteScalar(string text, YamlScalarStyle style)
    {
        switch (style)
        {
            case YamlScalarStyle.Plain:
                if (!_isWhitespace)
                {
                    WriteAscii(' ');
                }

                WriteText(text);
                break;
            case YamlScalarStyle.SingleQuoted:
                WriteIndicator("'", needWhitespace: true, whitespace: false, indentation: false);
                WriteSingleQuoted(text);
                WriteIndicator("'", needWhitespace: false, whitespace: false, indentation: false);
                break;
            default:
                WriteIndicator("\"", needWhitespace: true, whitespace: false, indentation: false);
                WriteDoubleQuoted(text);
                WriteIndicator("\"", needWhitespace: false, whitespace: false, indentation: false);
                break;
        }

        _isWhitespace = false;
        _isIndentation = false;
    }

    private void WriteText(ReadOnlySpan<char> text)
    {
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        var written = Encoding.UTF8.GetBytes(text, _output.GetSpan(length));
        _output.Advance(written);
        Column += text.Length;
    }

    private void WriteSingleQuoted(string text)
    {
        var rest = text.AsSpan();
        for (var quote = rest.IndexOf('\''); quote >= 0; quote = rest.IndexOf('\''))
        {
            WriteText(rest[..(quote + 1)]);
            WriteAscii('\'');
            rest = rest[(quote + 1)..];
        }

        WriteText(rest);
    }

    // The emitter's escapes: its printable characters other than line breaks, '"' and '\' stay as they are.
    private void WriteDoubleQuoted(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (YamlScalarAnalysis.IsPrintable(c) && c is not ('"' or '\\' or '\n' or '\r' or '\u0085' or '\u2028' or '\u2029'))
            {
                continue;
            }

            WriteText(text.AsSpan(start, i - start));
            WriteAscii('\\');
            switch (c)
            {
                case '\0': WriteAscii('0'); break;
                case '\a': WriteAscii('a'); break;
                case '\b': WriteAscii('b'); break;
                case '\t': WriteAscii('t'); break;
                case '\n': WriteAscii('n'); break;
                case '\v': WriteAscii('v'); break;
                case '\f': WriteAscii('f'); break;
                case '\r': WriteAscii('r'); break;
                case '\u001b': WriteAscii('e'); break;
                case '"': WriteAscii('"'); break;
                case '\\': WriteAscii('\\'); break;
                case '\u0085': WriteAscii('N'); break;
                case '\u2028': WriteAscii('L'); break;
                case '\u2029': WriteAscii('P'); break;
                case <= '\u00FF':
                    WriteAscii('x');
                    WriteHex(c, 2);
                    break;
                case >= '\uD800' and <= '\uDBFF':
                    if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                    {
                        throw new InvalidOperationException("While writing a quoted scalar, found an orphaned high surrogate.");
                    }

                    WriteAscii('U');
                    WriteHex(char.ConvertToUtf32(c, text[i + 1]), 8);
                    i++;
                    break;
                default:
                    WriteAscii('u');
                    WriteHex(c, 4);
                    break;
            }

            start = i + 1;
        }

        WriteText(text.AsSpan(start));
    }

    private void WriteHex(int value, int digits)
    {
        var span = _output.GetSpan(digits);
        value.TryFormat(span, out _, digits == 2 ? "X2" : digits == 4 ? "X4" : "X8", CultureInfo.InvariantCulture);
        _output.Advance(digits);
        Column += digits;
    }

    private void FlushWhenFull()
    {
        if (_flushed is { WrittenCount: > FlushThreshold })
        {
            Flush();
        }
    }

    /// <summary>Writes <paramref name="node"/> as <see cref="JsonYamlWriter"/> emits it: strings may carry any text, other values are their JSON text.</summary>
    public void WriteNode(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                WriteStartObject();
                foreach (var (key, value) in obj)
                {
                    WriteKey(key);
                    WriteNode(value);
                }

                WriteEndObject();
                break;
            case JsonArray array:
                WriteStartArray();
                foreach (var item in array)
                {
                    WriteNode(item);
                }

                WriteEndArray();
                break;
            case null:
                WriteNullValue();
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                WriteString(value.GetValue<string>());
                break;
            case JsonValue value:
                WritePlain(value.ToJsonString());
                break;
        }
    }

    /// <summary>A block mapping or sequence being written.</summary>
    private sealed class Collection(bool isMapping, bool inMapping)
    {
        public bool IsMapping { get; } = isMapping;

        /// <summary>Whether it is a mapping's value (sequences there are not indented further).</summary>
        public bool InMapping { get; } = inMapping;

        /// <summary>Whether its first entry has opened it (and its indentation).</summary>
        public bool IsOpen { get; set; }

        /// <summary>For a mapping, whether a key awaits its value.</summary>
        public bool ExpectsValue { get; set; }

        /// <summary>For a mapping, whether the pending key was written as a simple key.</summary>
        public bool SimpleKey { get; set; }
    }
}
