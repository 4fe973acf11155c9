namespace RulesMesh.Loading;

/// <summary>
/// Where each node of a document came from. Object members are located at their key
/// (the line a person reads as "the field"), array items at the item itself.
/// </summary>
public sealed class SourceMap
{
    private readonly IReadOnlyDictionary<string, SourcePosition> positions;

    /// <summary>Wraps positions keyed by <see cref="FieldPath"/>; must contain the root path.</summary>
    public SourceMap(IReadOnlyDictionary<string, SourcePosition> positions)
    {
        if (!positions.ContainsKey(FieldPath.Root))
        {
            throw new ArgumentException("A source map needs the position of the document root.", nameof(positions));
        }

        this.positions = positions;
    }

    /// <summary>Every located field path and its position.</summary>
    public IReadOnlyDictionary<string, SourcePosition> Positions => positions;

    /// <summary>The position of the document root.</summary>
    public SourcePosition Root => positions[FieldPath.Root];

    /// <summary>The map of the node at <paramref name="fieldPath"/> (a List's item), its paths made relative to that node.</summary>
    public SourceMap Under(string fieldPath)
    {
        var under = new Dictionary<string, SourcePosition>(StringComparer.Ordinal) { [FieldPath.Root] = Locate(fieldPath) };
        foreach (var (path, position) in positions)
        {
            if (path.Length > fieldPath.Length && path.StartsWith(fieldPath, StringComparison.Ordinal) && path[fieldPath.Length] is '.' or '[')
            {
                under[path[fieldPath.Length] == '.' ? path[(fieldPath.Length + 1)..] : path[fieldPath.Length..]] = position;
            }
        }

        return new SourceMap(under);
    }

    /// <summary>The position of <paramref name="fieldPath"/>, when the document has that node.</summary>
    public bool TryGetPosition(string fieldPath, out SourcePosition position)
        => positions.TryGetValue(fieldPath, out position);

    /// <summary>
    /// The position of <paramref name="fieldPath"/> or, when the document lacks that node
    /// (an error about a missing or defaulted field), of its closest enclosing node.
    /// Accepts System.Text.Json paths too.
    /// </summary>
    public SourcePosition Locate(string fieldPath)
    {
        var candidates = FieldPath.Ancestors(fieldPath);
        for (var i = candidates.Count - 1; i >= 0; i--)
        {
            if (positions.TryGetValue(candidates[i], out var position))
            {
                return position;
            }
        }

        return Root;
    }
}
