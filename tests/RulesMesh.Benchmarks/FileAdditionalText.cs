using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace RulesMesh.Benchmarks;

/// <summary>An AdditionalFiles item read once up front, so the benchmarks time the generator and not the disk.</summary>
internal sealed class FileAdditionalText(string path) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(File.ReadAllText(path));

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}
