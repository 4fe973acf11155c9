using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace RulesMesh.Generators.Tests.Infrastructure;

/// <summary>An AdditionalFile held in memory, the way the compiler hands schema files to the generator.</summary>
internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}
