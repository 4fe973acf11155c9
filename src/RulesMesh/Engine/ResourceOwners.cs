namespace RulesMesh.Engine;

/// <summary>
/// The items that give a resource of one name, each with its version of it, in translation order (<see cref="DerivedItem.Order"/>):
/// the first wins. Nearly every name has one owner, kept in fields as the item itself (its order made only when a
/// second owner comes); a sorted dictionary is made only for a second.
/// </summary>
/// <typeparam name="T">What each owner gives.</typeparam>
internal sealed class ResourceOwners<T>
{
    private DerivedItem? _owner;
    private T? _given;
    private SortedDictionary<ItemOrder, T>? _many;

    public int Count => _many?.Count ?? (_owner is null ? 0 : 1);

    /// <summary>What the first owner in translation order gives; there must be one.</summary>
    public T First => _many is not null ? _many.First().Value : _given!;

    /// <summary>What every owner gives, in translation order.</summary>
    public IEnumerable<T> All => _many is not null ? _many.Values : _owner is null ? [] : [_given!];

    /// <summary>Every owner's place in translation order (which names the object it is about) with what it gives.</summary>
    public IEnumerable<KeyValuePair<ItemOrder, T>> Owners => _many is not null ? _many : _owner is null ? [] : [new(_owner.Order, _given!)];

    /// <summary>Sets what <paramref name="owner"/> gives.</summary>
    public void Set(DerivedItem owner, T given)
    {
        if (_many is not null)
        {
            _many[owner.Order] = given;
        }
        else if (_owner is null || SameOwner(_owner, owner))
        {
            (_owner, _given) = (owner, given);
        }
        else
        {
            _many = new() { [_owner.Order] = _given!, [owner.Order] = given };
            (_owner, _given) = (null, default);
        }
    }

    /// <summary>Removes <paramref name="owner"/>; whether it was one.</summary>
    public bool Remove(DerivedItem owner)
    {
        if (_many is not null)
        {
            return _many.Remove(owner.Order);
        }

        if (_owner is null || !SameOwner(_owner, owner))
        {
            return false;
        }

        (_owner, _given) = (null, default);
        return true;
    }

    // The owners are the graph's items, one per order; the order is compared only for another object.
    private static bool SameOwner(DerivedItem kept, DerivedItem owner) => ReferenceEquals(kept, owner) || kept.Order == owner.Order;
}
