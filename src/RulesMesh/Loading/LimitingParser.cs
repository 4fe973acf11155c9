using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RulesMesh.Loading;

/// <summary>
/// Passes a parser's events on and stops at <see cref="LoaderLimits.MaxDepth"/>: YamlDotNet builds its node tree
/// recursively, so nesting must be refused before the tree is built, not after the stack has overflowed.
/// Notes whether the text uses aliases, so that only those documents pay for counting their expansion, and where the
/// things it reads start, for the errors YamlDotNet gives without a position.
/// </summary>
internal sealed class LimitingParser(IParser parser, int maxDepth) : IParser
{
    // The collections read and not yet ended, innermost first: their count is the depth.
    private readonly Stack<ParsingEvent> openCollections = new();
    private HashSet<string>? anchors;

    /// <summary>True once an alias (<c>*name</c>) was read.</summary>
    public bool SawAlias { get; private set; }

    /// <summary>The start of the innermost flow collection (<c>[</c> or <c>{</c>) read and not yet closed, if any.</summary>
    public ParsingEvent? InnermostOpenFlow => openCollections.FirstOrDefault(IsFlow);

    /// <summary>The first alias read to an anchor not defined before it (YAML allows none), if any.</summary>
    public AnchorAlias? FirstUnknownAlias { get; private set; }

    public ParsingEvent? Current => parser.Current;

    public bool MoveNext()
    {
        if (!parser.MoveNext())
        {
            return false;
        }

        if (parser.Current is NodeEvent { Anchor.IsEmpty: false } anchored)
        {
            (anchors ??= []).Add(anchored.Anchor.Value);
        }

        switch (parser.Current)
        {
            case MappingStart or SequenceStart:
                if (openCollections.Count >= maxDepth)
                {
                    throw new LoaderLimitExceededException(parser.Current.Start, LimitMessages.Depth(maxDepth));
                }

                openCollections.Push(parser.Current);
                break;
            case MappingEnd or SequenceEnd:
                openCollections.TryPop(out _);
                break;
            case AnchorAlias alias:
                SawAlias = true;
                if (anchors?.Contains(alias.Value.Value) != true)
                {
                    FirstUnknownAlias ??= alias;
                }

                break;
        }

        return true;
    }

    private static bool IsFlow(ParsingEvent start) => start is MappingStart { Style: MappingStyle.Flow } or SequenceStart { Style: SequenceStyle.Flow };
}
