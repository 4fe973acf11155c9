namespace RulesMesh.Engine;

/// <summary>An item identified by its class and a key (an input object's, a Gateway's name, …), compared without boxing either.</summary>
/// <typeparam name="TKey">The key.</typeparam>
internal abstract class KeyedItem<TKey>(TKey key, int stage) : DerivedItem(stage)
{
    public TKey Key { get; } = key;

    public override bool SameItem(DerivedItem other)
        => other.GetType() == GetType() && EqualityComparer<TKey>.Default.Equals(Key, ((KeyedItem<TKey>)other).Key);

    public override int ItemHash => HashCode.Combine(GetType(), Key);

    public override string ToString() => $"{GetType().Name} {Key}";
}
