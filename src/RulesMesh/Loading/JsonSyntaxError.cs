using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RulesMesh.Loading;

/// <summary>
/// Why a JSON object of a stream cannot be read, and where: a line and column of the source (1-based, columns in
/// characters, as an editor shows them), worded for JSON input rather than YAML.
/// </summary>
internal sealed record JsonSyntaxError(string Message, SourcePosition Position)
{
    /// <summary>The error as a load diagnostic of <paramref name="sourceName"/>.</summary>
    public LoadDiagnostic ToDiagnostic(string sourceName) => LoadDiagnostic.Error(Message, sourceName, Position);

    /// <summary>
    /// The error System.Text.Json gives, at byte <paramref name="offset"/> of <paramref name="text"/> (a piece whose first
    /// line is line <paramref name="lineOffset"/> + 1), without the byte position it appends (the diagnostic has its own).
    /// </summary>
    public static JsonSyntaxError From(JsonException exception, ReadOnlySpan<byte> text, int offset, int lineOffset)
    {
        var message = exception.Message;
        var positionSuffix = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (positionSuffix >= 0)
        {
            message = message[..positionSuffix];
        }

        // System.Text.Json speaks to the programmer about its reader options; the writer of the file needs the rule.
        message = message
            .Replace(" which is not supported in this mode. Change the reader options.", ", which JSON does not allow.", StringComparison.Ordinal)
            .Replace(" Change the reader options.", string.Empty, StringComparison.Ordinal);

        // Said when a value is still open at the end of the text.
        if (message.StartsWith("Expected depth to be zero", StringComparison.Ordinal))
        {
            message = "an object or list is not closed before the end of the text.";
        }

        return new JsonSyntaxError($"Cannot read this JSON object: {message}", PositionAt(text, offset, lineOffset));
    }

    /// <summary>An object whose <c>{</c> or <c>[</c> is never closed before <paramref name="nextLine"/> (1-based; null: the end of the text).</summary>
    public static JsonSyntaxError NotClosed(ReadOnlySpan<byte> text, int start, int lineOffset, int? nextLine)
    {
        var before = nextLine is { } line
            ? string.Create(CultureInfo.InvariantCulture, $"before the next object, at line {line}; the objects after it are read from there")
            : "before the end of the text";
        return new JsonSyntaxError($"Cannot read the JSON object that starts here: a '}}' or ']' is missing {before}.", PositionAt(text, start, lineOffset));
    }

    /// <summary>The line and column of byte <paramref name="offset"/> of <paramref name="text"/>, at most the end of its last line.</summary>
    public static SourcePosition PositionAt(ReadOnlySpan<byte> text, int offset, int lineOffset)
    {
        offset = Math.Clamp(offset, 0, text.Length);
        var before = text[..offset];
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        return new SourcePosition(lineOffset + before.Count((byte)'\n') + 1, Encoding.UTF8.GetCharCount(before[lineStart..]) + 1);
    }
}
