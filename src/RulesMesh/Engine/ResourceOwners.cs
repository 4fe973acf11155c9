namespace RulesMesh.Engine;

/// <summary>
/// The items that give a resource of one name, each with its version of it, in translation order: the first wins.
/// Nearly every name has one owner, kept in fields; a sorted dictionary is made only for a second.
/// </summary>
/// <typeparam name="T">What each owner gives.</typeparam>
internal sealed class ResourceOwners<T>
{
    private ItemOrder _owner;
    private T? _given;
    private bool _single;
    private SortedDictionary<ItemOrder, T>? _many;

    public int Count => _many?.Count ?? (_single ? 1 : 0);

    /// <summary>What the first owner in translation order gives; there must be one.</summary>
    public T First => _many is not null ? _many.First().Value : _given!;

    /// <summary>Sets what <paramref name="owner"/> gives.</summary>
    public void Set(ItemOrder owner, T given)
    {
        if (_many is not null)
        {
            _many[owner] = given;
        }
        else if (!_single || _owner == owner)
        {
            (_owner, _given, _single) = (owner, given, true);
        }
        else
        {
            _many = new() { [_owner] = _given!, [owner] = given };
            (_owner, _given, _single) = (default, default, false);
        }
    }

    /// <summary>Removes <paramref name="owner"/>; whether it was one.</summary>
    public bool Remove(ItemOrder owner)
    {
        if (_many is not null)
        {
            return _many.Remove(owner);
        }

        if (!_single || _owner != owner)
        {
            return false;
        }

        (_owner, _given, _single) = (default, default, false);
        return true;
    }
}
