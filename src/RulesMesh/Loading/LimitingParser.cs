using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RulesMesh.Loading;

/// <summary>
/// Passes a parser's events on and stops at <see cref="LoaderLimits.MaxDepth"/>: YamlDotNet builds its node tree
/// recursively, so nesting must be refused before the tree is built, not after the stack has overflowed.
/// Notes whether the text uses aliases, so that only those documents pay for counting their expansion.
/// </summary>
internal sealed class LimitingParser(YamlErrorLocator parser, int maxDepth) : IParser
{
    /// <summary>True once an alias (<c>*name</c>) was read.</summary>
    public bool SawAlias { get; private set; }

    public ParsingEvent? Current => parser.Current;

    public bool MoveNext()
    {
        if (!parser.MoveNext())
        {
            return false;
        }

        if (parser.Current is MappingStart or SequenceStart && parser.Depth > maxDepth)
        {
            throw new LoaderLimitExceededException(parser.Current.Start, LimitMessages.Depth(maxDepth));
        }

        SawAlias |= parser.Current is AnchorAlias;
        return true;
    }
}
