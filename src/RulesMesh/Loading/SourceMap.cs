using System.Globalization;

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

    /// <summary>
    /// The maps of the <paramref name="count"/> items of the list at <paramref name="listPath"/> (a List's <c>items</c>),
    /// each item's paths made relative to it; made in one pass over the positions.
    /// </summary>
    public IReadOnlyList<SourceMap> Items(string listPath, int count)
    {
        var items = new Dictionary<string, SourcePosition>[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = new Dictionary<string, SourcePosition>(StringComparer.Ordinal)
            {
                [FieldPath.Root] = Locate(string.Create(CultureInfo.InvariantCulture, $"{listPath}[{i}]")),
            };
        }

        var prefix = listPath + "[";
        foreach (var (path, position) in positions)
        {
            if (!path.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var close = path.IndexOf(']', prefix.Length);
            if (close < 0 || close + 1 == path.Length
                || !int.TryParse(path.AsSpan(prefix.Length, close - prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                || index >= count)
            {
                continue;
            }

            // items[3].spec is spec in item 3; items[3][0] would be [0].
            items[index][path[close + 1] == '.' ? path[(close + 2)..] : path[(close + 1)..]] = position;
        }

        return [.. items.Select(static item => new SourceMap(item))];
    }

    /// <summary>The position of <paramref name="fieldPath"/>, when the document has that node.</summary>
    public bool TryGetPosition(string fieldPath, out SourcePosition position)
        => positions.TryGetValue(fieldPath, out position);

    /// <summary>
    /// The position of <paramref name="fieldPath"/> when the document has that node, else (no path, or a field left
    /// out and defaulted) of the document root: for a message about an object's field, which an enclosing node would
    /// misplace.
    /// </summary>
    public SourcePosition FieldOrRoot(string? fieldPath)
        => fieldPath is not null && positions.TryGetValue(fieldPath, out var position) ? position : Root;

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
