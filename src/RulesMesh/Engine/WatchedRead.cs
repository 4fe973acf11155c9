namespace RulesMesh.Engine;

/// <summary>A store read or a group as a dependency: one object per distinct read however many items made it, so each item keeps only references.</summary>
/// <typeparam name="TKey">A <see cref="Store.StoreRead"/> or a <see cref="GroupKey"/>.</typeparam>
internal sealed class WatchedRead<TKey>(TKey key) : Dependency
    where TKey : struct
{
    public TKey Key { get; } = key;

    public override string ToString() => Key.ToString() ?? string.Empty;
}
