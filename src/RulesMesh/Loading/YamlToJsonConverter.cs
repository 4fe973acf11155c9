using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RulesMesh.Loading;

/// <summary>
/// Converts one parsed YAML document to JSON and records where every node came from.
/// Aliases are expanded (JSON has no references) and merge keys (<c>&lt;&lt;: *base</c>) are
/// applied, as Kubernetes' YAML reader does. Nodes reached through an alias are located at the
/// anchored text, where their content is written. Expansion is bounded: by depth always, by node count
/// (<see cref="LoaderLimits.MaxAliasNodes"/>) when the document has aliases.
/// </summary>
internal sealed class YamlToJsonConverter
{
    private const string MergeKey = "<<";

    private readonly int lineOffset;
    private readonly int maxDepth;
    private readonly int maxNodes;
    private readonly List<(SourcePosition Position, string Message)> warnings = [];
    private int nodes;
    private readonly Dictionary<string, SourcePosition> positions = new(StringComparer.Ordinal);

    // Collections being converted right now: meeting one again means an alias refers to its own ancestor.
    private readonly HashSet<YamlNode> inProgress = new(ReferenceEqualityComparer.Instance);

    /// <param name="lineOffset">Lines before the text the parser saw, so positions refer to the whole file.</param>
    /// <param name="limits">The depth and alias expansion allowed.</param>
    /// <param name="hasAliases">Whether the document uses aliases: only then can its node count exceed its text's size.</param>
    public YamlToJsonConverter(int lineOffset, LoaderLimits limits, bool hasAliases)
    {
        this.lineOffset = lineOffset;
        maxDepth = limits.MaxDepth;
        maxNodes = hasAliases ? limits.MaxAliasNodes : int.MaxValue;
    }

    /// <summary>Converts <paramref name="root"/>; <see cref="SourceMap"/> then locates its nodes.</summary>
    /// <exception cref="YamlException">The document has no JSON form, or goes beyond a limit.</exception>
    public JsonNode? Convert(YamlNode root) => Convert(root, FieldPath.Root, depth: 0);

    /// <summary>The positions recorded by <see cref="Convert(YamlNode)"/>.</summary>
    public SourceMap SourceMap => new(positions);

    /// <summary>Scalars Kubernetes reads differently (YAML 1.1), found by <see cref="Convert(YamlNode)"/>.</summary>
    public IReadOnlyList<(SourcePosition Position, string Message)> Warnings => warnings;

    private JsonNode? Convert(YamlNode node, string path, int depth)
    {
        if (++nodes > maxNodes)
        {
            throw new LoaderLimitExceededException(node.Start, LimitMessages.AliasNodes(maxNodes));
        }

        positions.TryAdd(path, PositionOf(node));
        if (node is YamlScalarNode scalar)
        {
            if (YamlScalarResolver.KubernetesReading(scalar) is { } reading)
            {
                warnings.Add((PositionOf(node), reading));
            }

            return YamlScalarResolver.Resolve(scalar);
        }

        // An alias can place a deep node deeper still: the parser's check saw only the written nesting.
        if (depth >= maxDepth)
        {
            throw new LoaderLimitExceededException(node.Start, LimitMessages.Depth(maxDepth));
        }

        return node switch
        {
            YamlSequenceNode sequence => Guarded(sequence, () => ConvertSequence(sequence, path, depth + 1)),
            YamlMappingNode mapping => Guarded(mapping, () => ConvertMapping(mapping, path, depth + 1)),
            _ => throw new YamlException(node.Start, node.End, $"Unexpected YAML node {node.NodeType}."),
        };
    }

    private JsonArray ConvertSequence(YamlSequenceNode sequence, string path, int depth)
    {
        var array = new JsonArray();
        foreach (var item in sequence.Children)
        {
            array.Add(Convert(item, FieldPath.Index(path, array.Count), depth));
        }

        return array;
    }

    private JsonObject ConvertMapping(YamlMappingNode mapping, string path, int depth)
    {
        var result = new JsonObject();
        AddMembers(result, mapping, path, depth, fromMerge: false);
        return result;
    }

    /// <summary>
    /// Adds the members of <paramref name="mapping"/> that <paramref name="target"/> lacks: a mapping's
    /// own keys win over merged ones, and an earlier merged mapping wins over a later one.
    /// </summary>
    private void AddMembers(JsonObject target, YamlMappingNode mapping, string path, int depth, bool fromMerge)
    {
        var merged = new List<YamlNode>();
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            if (IsMergeKey(keyNode))
            {
                merged.Add(valueNode);
                continue;
            }

            var key = KeyText(keyNode);
            if (target.ContainsKey(key))
            {
                // Distinct YAML keys can still name the same JSON member, e.g. 1 and 0x1.
                if (!fromMerge)
                {
                    throw new YamlException(keyNode.Start, keyNode.End, $"Duplicate key '{key}'.");
                }

                continue;
            }

            var memberPath = FieldPath.Property(path, key);
            positions.TryAdd(memberPath, PositionOf(keyNode));
            target[key] = Convert(valueNode, memberPath, depth);
        }

        foreach (var source in merged)
        {
            MergeFrom(target, source, path, depth);
        }
    }

    private void MergeFrom(JsonObject target, YamlNode source, string path, int depth)
    {
        var mappings = source switch
        {
            YamlMappingNode mapping => [mapping],
            YamlSequenceNode sequence when sequence.Children.All(static item => item is YamlMappingNode) => sequence.Children.Cast<YamlMappingNode>().ToList(),
            _ => throw new YamlException(source.Start, source.End, "A merge key (<<) needs a mapping or a list of mappings."),
        };

        foreach (var mapping in mappings)
        {
            Guarded(mapping, () =>
            {
                AddMembers(target, mapping, path, depth, fromMerge: true);
                return target;
            });
        }
    }

    private T Guarded<T>(YamlNode collection, Func<T> convert)
    {
        if (!inProgress.Add(collection))
        {
            throw new YamlException(collection.Start, collection.End, "An alias refers to a node that contains it; JSON cannot hold a cycle.");
        }

        try
        {
            return convert();
        }
        finally
        {
            inProgress.Remove(collection);
        }
    }

    private static bool IsMergeKey(YamlNode key)
        => key is YamlScalarNode { Style: ScalarStyle.Plain, Value: MergeKey } scalar && scalar.Tag.IsEmpty;

    /// <summary>JSON member names are strings; a number, boolean or null key becomes its JSON text, as in Kubernetes.</summary>
    private static string KeyText(YamlNode key)
    {
        if (key is not YamlScalarNode scalar)
        {
            throw new YamlException(key.Start, key.End, "A mapping key must be a scalar to become a JSON member name.");
        }

        var value = YamlScalarResolver.Resolve(scalar);
        return value switch
        {
            null => "null",
            JsonValue text when text.TryGetValue<string>(out var name) => name,
            _ => value.ToJsonString(),
        };
    }

    private SourcePosition PositionOf(YamlNode node) => new((int)node.Start.Line + lineOffset, (int)node.Start.Column);
}
