namespace RulesMesh.Engine;

/// <summary>
/// Something items read: another item, a store read or a group. It keeps the items that read it, which most often is
/// one: that one is kept in a field and a hash set is made only for a second, so the graph's edges (about two per item
/// on a large mesh) cost little memory.
/// </summary>
/// <remarks>
/// Hashed by a number the graph gives it (<see cref="Serial"/>) rather than by identity: an object's identity hash is
/// made on first use and written into its header, which cost a full run more than a second over its items.
/// </remarks>
internal abstract class Dependency
{
    private DerivedItem? _single;
    private HashSet<DerivedItem>? _many;

    /// <summary>Its number in the graph, unique among the dependencies a graph holds; its hash.</summary>
    public int Serial { get; set; }

    /// <summary>The last frame or comparison that met it (<see cref="DependencyGraph"/>), so a repeated read is known without a lookup.</summary>
    public int Mark { get; set; }

    /// <summary>How many items read it.</summary>
    public int ReaderCount => _many?.Count ?? (_single is null ? 0 : 1);

    /// <summary>Whether any item reads it.</summary>
    public bool HasReaders => _single is not null || _many is { Count: > 0 };

    /// <summary>Records that <paramref name="reader"/> reads it.</summary>
    public void AddReader(DerivedItem reader)
    {
        if (_many is not null)
        {
            _many.Add(reader);
        }
        else if (_single is null)
        {
            _single = reader;
        }
        else if (!ReferenceEquals(_single, reader))
        {
            _many = [_single, reader];
            _single = null;
        }
    }

    /// <summary>Removes <paramref name="reader"/>; whether it was there.</summary>
    public bool RemoveReader(DerivedItem reader)
    {
        if (_many is not null)
        {
            return _many.Remove(reader);
        }

        if (!ReferenceEquals(_single, reader))
        {
            return false;
        }

        _single = null;
        return true;
    }

    /// <summary>The items that read it, enumerated without allocating; they must not change meanwhile.</summary>
    public ReaderEnumerator Readers => new(_single, _many);

    public sealed override int GetHashCode() => Serial;

    public sealed override bool Equals(object? obj) => ReferenceEquals(this, obj);

    /// <summary>The readers of a <see cref="Dependency"/>.</summary>
    public struct ReaderEnumerator
    {
        private readonly bool _hashed;
        private HashSet<DerivedItem>.Enumerator _many;
        private DerivedItem? _single;

        public ReaderEnumerator(DerivedItem? single, HashSet<DerivedItem>? many)
        {
            _hashed = many is not null;
            _many = many?.GetEnumerator() ?? default;
            _single = single;
            Current = null!;
        }

        public DerivedItem Current { get; private set; }

        public readonly ReaderEnumerator GetEnumerator() => this;

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
