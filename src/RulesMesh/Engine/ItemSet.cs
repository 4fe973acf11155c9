namespace RulesMesh.Engine;

/// <summary>
/// A set of items that most often holds one: the readers of an item, the watchers of a store read or group. One item
/// is kept in a field and a hash set is made only for a second, so the graph's edges (about two per item on a large
/// mesh) cost little memory and the full run allocates little for them.
/// </summary>
internal sealed class ItemSet
{
    private DerivedItem? _single;
    private HashSet<DerivedItem>? _many;

    public int Count => _many?.Count ?? (_single is null ? 0 : 1);

    public void Add(DerivedItem item)
    {
        if (_many is not null)
        {
            _many.Add(item);
        }
        else if (_single is null)
        {
            _single = item;
        }
        else if (!ReferenceEquals(_single, item))
        {
            _many = [_single, item];
            _single = null;
        }
    }

    /// <summary>Removes <paramref name="item"/>; whether it was there.</summary>
    public bool Remove(DerivedItem item)
    {
        if (_many is not null)
        {
            return _many.Remove(item);
        }

        if (!ReferenceEquals(_single, item))
        {
            return false;
        }

        _single = null;
        return true;
    }

    /// <summary>Enumerates the items without allocating; the set must not change meanwhile.</summary>
    public Enumerator GetEnumerator() => new(_single, _many);

    /// <summary>The items of an <see cref="ItemSet"/>.</summary>
    public struct Enumerator
    {
        private readonly bool _hashed;
        private HashSet<DerivedItem>.Enumerator _many;
        private DerivedItem? _single;

        public Enumerator(DerivedItem? single, HashSet<DerivedItem>? many)
        {
            _hashed = many is not null;
            _many = many?.GetEnumerator() ?? default;
            _single = single;
            Current = null!;
        }

        public DerivedItem Current { get; private set; }

        public bool MoveNext()
        {
            if (_hashed)
            {
                var moved = _many.MoveNext();
                Current = moved ? _many.Current : null!;
                return moved;
            }

            if (_single is null)
            {
                return false;
            }

            Current = _single;
            _single = null;
            return true;
        }
    }
}
