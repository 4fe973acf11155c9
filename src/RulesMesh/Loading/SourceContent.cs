using System.Text;

namespace RulesMesh.Loading;

/// <summary>
/// A source's text as UTF-8 (without a byte order mark), which the loader reads and its documents point into. The
/// text as a string is made only when asked for: a file is loaded from its bytes alone.
/// </summary>
internal sealed class SourceContent(ReadOnlyMemory<byte> utf8, string? text = null)
{
    /// <summary>The UTF-8 bytes.</summary>
    public ReadOnlyMemory<byte> Utf8 => utf8;

    /// <summary>The text, decoded when it did not come as a string.</summary>
    public string Text => text ?? Encoding.UTF8.GetString(utf8.Span);

    /// <summary>The content of a text already in memory.</summary>
    public static SourceContent Of(string text) => new(Encoding.UTF8.GetBytes(text), text);
}
