using System.Text;
using RulesMesh.Loading;

namespace RulesMesh.Tests.Loading;

public sealed class YamlDocumentSplitterTests
{
    [Fact]
    public void AStreamIsCutAtEachSeparatorAndDocumentEndLineAndNowhereElse()
    {
        string[] lines =
        [
            "# a comment before the first document",
            "apiVersion: v1",
            "---x: a key, not a separator",
            "---",
            "a: 1",
            "...",
            "%YAML 1.2",
            "---",
            "b: 2",
            "   --- indented, so inside a value",
            "--- # a comment on the separator",
            "c: 3\r",
            "---\r",
            "d: 4",
        ];
        var text = string.Join("\n", lines) + "\n";

        var pieces = YamlDocumentSplitter.Split(Encoding.UTF8.GetBytes(text)).Select(static piece => (piece.Text, piece.LineOffset)).ToList();

        Assert.Equal(
            [
                (Lines(lines, 0, 3), 0),
                (Lines(lines, 3, 3), 3),
                (Lines(lines, 6, 4), 6),
                (Lines(lines, 10, 2), 10),
                (Lines(lines, 12, 2), 12),
            ],
            pieces);
    }

    [Fact]
    public void ASeparatorOnTheFirstLineOrAfterOnlyCommentsStartsNoEmptyPiece()
    {
        var pieces = YamlDocumentSplitter.Split("---\n# only a comment\n---\na: 1\n---\n"u8.ToArray()).Select(static piece => (piece.Text, piece.LineOffset)).ToList();

        Assert.Equal([("---\n# only a comment\n---\na: 1\n", 0), ("---\n", 4)], pieces);
    }

    private static string Lines(string[] lines, int first, int count) => string.Concat(lines.Skip(first).Take(count).Select(static line => line + "\n"));
}
