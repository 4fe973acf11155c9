namespace RulesMesh.Engine;

/// <summary>
/// Compares watched reads by their key, and finds one by a key alone: the graph keeps its watched reads in a hash set
/// this way, each key held once (by its <see cref="WatchedRead{TKey}"/>) rather than again in a dictionary entry.
/// </summary>
/// <typeparam name="TKey">A <see cref="Store.StoreRead"/> or a <see cref="GroupKey"/>.</typeparam>
internal sealed class WatchedReadComparer<TKey> : IEqualityComparer<WatchedRead<TKey>>, IAlternateEqualityComparer<TKey, WatchedRead<TKey>>
    where TKey : struct
{
    public bool Equals(WatchedRead<TKey>? x, WatchedRead<TKey>? y)
        => ReferenceEquals(x, y) || (x is not null && y is not null && EqualityComparer<TKey>.Default.Equals(x.Key, y.Key));

    public int GetHashCode(WatchedRead<TKey> obj) => EqualityComparer<TKey>.Default.GetHashCode(obj.Key);

    public bool Equals(TKey alternate, WatchedRead<TKey> other) => EqualityComparer<TKey>.Default.Equals(alternate, other.Key);

    public int GetHashCode(TKey alternate) => EqualityComparer<TKey>.Default.GetHashCode(alternate);

    public WatchedRead<TKey> Create(TKey alternate) => new(alternate);
}
