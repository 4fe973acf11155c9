using System.Text;

namespace RulesMesh.Loading;

/// <summary>A source's text, and the same text as UTF-8 (without a byte order mark), which documents read from it point into.</summary>
internal sealed record SourceContent(string Text, ReadOnlyMemory<byte> Utf8)
{
    /// <summary>The content of a text already in memory.</summary>
    public static SourceContent Of(string text) => new(text, Encoding.UTF8.GetBytes(text));
}
