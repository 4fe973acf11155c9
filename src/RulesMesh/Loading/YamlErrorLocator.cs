#nullable enable
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RulesMesh.Loading
{
    /// <summary>
    /// Passes a parser's events on, remembering what it needs to place the errors YamlDotNet reports without a position
    /// (at the start of the text): an alias to an anchor not defined before it, a tab used as indentation, a flow
    /// collection never closed. Compiled into the model generator as well, which reads CRD files with the same library.
    /// </summary>
    internal sealed class YamlErrorLocator : IParser
    {
        private readonly IParser parser;

        // The collections read and not yet ended, innermost first.
        private readonly System.Collections.Generic.Stack<ParsingEvent> openCollections = new System.Collections.Generic.Stack<ParsingEvent>();
        private System.Collections.Generic.HashSet<string>? anchors;
        private AnchorAlias? firstUnknownAlias;

        public YamlErrorLocator(IParser parser) => this.parser = parser;

        public ParsingEvent? Current => parser.Current;

        /// <summary>How many collections are open: the depth of the event just read (a collection's start counts itself).</summary>
        public int Depth => openCollections.Count;

        public bool MoveNext()
        {
            if (!parser.MoveNext())
            {
                return false;
            }

            switch (parser.Current)
            {
                case MappingStart or SequenceStart:
                    openCollections.Push(parser.Current);
                    break;
                case MappingEnd or SequenceEnd when openCollections.Count > 0:
                    openCollections.Pop();
                    break;
                case AnchorAlias alias when anchors is null || !anchors.Contains(alias.Value.Value):
                    firstUnknownAlias ??= alias;
                    break;
            }

            if (parser.Current is NodeEvent { Anchor.IsEmpty: false } anchored)
            {
                (anchors ??= new System.Collections.Generic.HashSet<string>(System.StringComparer.Ordinal)).Add(anchored.Anchor.Value);
            }

            return true;
        }

        /// <summary>
        /// Where <paramref name="exception"/>, thrown while reading <paramref name="text"/> through this parser, happened,
        /// and what to say of it; null when there is nothing better to say than the exception's own position and message.
        /// </summary>
        public (Mark Start, string Message)? Describe(System.Exception exception, string text)
        {
            switch (exception)
            {
                case AnchorNotFoundException when firstUnknownAlias is { } alias:
                    return (alias.Start, $"the alias '*{alias.Value.Value}' names no anchor ('&{alias.Value.Value}') defined before it.");
                // Only once the parser is past the start of the text: an error at 1:1 may really be there.
                case YamlException yaml when yaml.Start.Equals(Mark.Empty) && parser.Current is { End.Index: > 0 }:
                    return (TabIndentationFrom(text, parser.Current.End) ?? parser.Current.End, yaml.Message);
                case System.InvalidOperationException when InnermostOpenFlow() is { } open:
                    // YamlDotNet's scanner throws this, without a position or a useful message, for a flow collection left open.
                    return (open.Start, $"malformed YAML: perhaps this '{(open is MappingStart ? '{' : '[')}' is never closed.");
                default:
                    return null;
            }
        }

        private ParsingEvent? InnermostOpenFlow()
        {
            foreach (var open in openCollections)
            {
                if (open is MappingStart { Style: MappingStyle.Flow } or SequenceStart { Style: SequenceStyle.Flow })
                {
                    return open;
                }
            }

            return null;
        }

        // The first tab in the indentation of a line from the line of `from` on (YAML indents with spaces only).
        private static Mark? TabIndentationFrom(string text, Mark from)
        {
            var line = 1;
            for (var lineStart = 0; lineStart < text.Length; line++)
            {
                if (line >= from.Line)
                {
                    var indent = lineStart;
                    while (indent < text.Length && text[indent] == ' ')
                    {
                        indent++;
                    }

                    if (indent < text.Length && text[indent] == '\t')
                    {
                        return new Mark(indent, line, indent - lineStart + 1);
                    }
                }

                var end = text.IndexOf('\n', lineStart);
                lineStart = end < 0 ? text.Length : end + 1;
            }

            return null;
        }
    }
}
