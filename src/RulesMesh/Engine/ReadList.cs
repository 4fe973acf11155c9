namespace RulesMesh.Engine;

/// <summary>
/// What one computation read, each once, in the order first read. The graph reuses a list once its computation has
/// ended (computations nest, so a few lists serve a whole run): most computations read a handful of dependencies,
/// and a list of its own for each was a large share of a run's short-lived objects.
/// </summary>
internal sealed class ReadList
{
    // A list of more reads than this keeps a set of them beside it, for the reads met again after a nested
    // computation overwrote their marks.
    private const int ScannedReads = 8;

    private readonly List<Dependency> _reads = [];
    private readonly HashSet<Dependency> _readSet = [];

    /// <summary>What was read, kept for the item.</summary>
    public ItemReads ToReads() => ItemReads.Of(_reads);

    /// <summary>Records <paramref name="read"/> unless it is listed already.</summary>
    public void Add(Dependency read)
    {
        if (_reads.Count > ScannedReads)
        {
            if (_readSet.Add(read))
            {
                _reads.Add(read);
            }

            return;
        }

        if (!_reads.Contains(read))
        {
            _reads.Add(read);
            if (_reads.Count > ScannedReads)
            {
                _readSet.UnionWith(_reads);
            }
        }
    }

    /// <summary>Empties it for the next computation.</summary>
    public void Clear()
    {
        if (_reads.Count > ScannedReads)
        {
            _readSet.Clear();
        }

        _reads.Clear();
    }
}
