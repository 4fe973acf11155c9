namespace RulesMesh.Engine;

/// <summary>
/// The graph's watched reads of one kind, found by key: a hash set of the reads themselves, each key held once (in its
/// <see cref="WatchedRead{TKey}"/>) where a dictionary would hold it again in its entry.
/// </summary>
/// <typeparam name="TKey">A <see cref="Store.StoreRead"/> or a <see cref="GroupKey"/>.</typeparam>
internal sealed class WatchedReads<TKey>
    where TKey : struct
{
    private readonly HashSet<WatchedRead<TKey>> _reads;
    private readonly HashSet<WatchedRead<TKey>>.AlternateLookup<TKey> _byKey;

    public WatchedReads()
    {
        _reads = new HashSet<WatchedRead<TKey>>(new WatchedReadComparer<TKey>());
        _byKey = _reads.GetAlternateLookup<TKey>();
    }

    public int Count => _reads.Count;

    /// <summary>The watched read of <paramref name="key"/>, if it is watched.</summary>
    public WatchedRead<TKey>? Find(TKey key) => _byKey.TryGetValue(key, out var watched) ? watched : null;

    /// <summary>Starts watching <paramref name="key"/> (not watched yet) as the dependency numbered <paramref name="serial"/>.</summary>
    public WatchedRead<TKey> Add(TKey key, int serial)
    {
        var watched = new WatchedRead<TKey>(key) { Serial = serial };
        _reads.Add(watched);
        return watched;
    }

    public void Remove(WatchedRead<TKey> watched) => _reads.Remove(watched);

    /// <summary>Makes room for <paramref name="count"/> reads, so a first batch does not grow the set step by step.</summary>
    public void Reserve(int count) => _reads.EnsureCapacity(count);
}
