namespace RulesMesh.Engine;

/// <summary>
/// Something items read: another item, a store read or a group. It keeps the items that read it in one field: the
/// reader itself when there is one (most often), a small array when there are a few, a hash set past that; so the
/// graph's edges (about two per item on a large mesh) cost little memory.
/// </summary>
/// <remarks>
/// Hashed by a number the graph gives it (<see cref="Serial"/>) rather than by identity: an object's identity hash is
/// made on first use and written into its header, which cost a full run more than a second over its items.
/// </remarks>
internal abstract class Dependency
{
    // Readers past this many go to a hash set: scanning the array for a duplicate or a removal would cost more.
    private const int ListedReaders = 8;

    // Null, a DerivedItem, a DerivedItem[] filled from the start (null after the last reader), or a HashSet<DerivedItem>.
    private object? _readers;

    /// <summary>Its number in the graph, unique among the dependencies a graph holds; its hash.</summary>
    public int Serial { get; set; }

    /// <summary>The last frame or comparison that met it (<see cref="DependencyGraph"/>), so a repeated read is known without a lookup.</summary>
    public int Mark { get; set; }

    /// <summary>Whether any item reads it.</summary>
    public bool HasReaders => _readers is not null && (_readers is not HashSet<DerivedItem> many || many.Count > 0);

    /// <summary>Records that <paramref name="reader"/> reads it.</summary>
    public void AddReader(DerivedItem reader)
    {
        switch (_readers)
        {
            case null:
                _readers = reader;
                break;
            case DerivedItem single:
                if (!ReferenceEquals(single, reader))
                {
                    _readers = new DerivedItem[] { single, reader };
                }

                break;
            case DerivedItem[] listed:
                AddListed(listed, reader);
                break;
            default:
                ((HashSet<DerivedItem>)_readers).Add(reader);
                break;
        }
    }

    private void AddListed(DerivedItem[] listed, DerivedItem reader)
    {
        var count = 0;
        for (; count < listed.Length && listed[count] is { } present; count++)
        {
            if (ReferenceEquals(present, reader))
            {
                return;
            }
        }

        if (count < listed.Length)
        {
            listed[count] = reader;
        }
        else if (count < ListedReaders)
        {
            var grown = new DerivedItem[count * 2];
            listed.CopyTo(grown, 0);
            grown[count] = reader;
            _readers = grown;
        }
        else
        {
            _readers = new HashSet<DerivedItem>(listed) { reader };
        }
    }

    /// <summary>Removes <paramref name="reader"/>; whether it was there.</summary>
    public bool RemoveReader(DerivedItem reader)
    {
        switch (_readers)
        {
            case DerivedItem single when ReferenceEquals(single, reader):
                _readers = null;
                return true;
            case DerivedItem[] listed:
                return RemoveListed(listed, reader);
            case HashSet<DerivedItem> many:
                return many.Remove(reader);
            default:
                return false;
        }
    }

    /// <summary>Removes <paramref name="reader"/> from the array, the readers after it moving up so they keep their order.</summary>
    private bool RemoveListed(DerivedItem[] listed, DerivedItem reader)
    {
        var at = Array.IndexOf(listed, reader);
        if (at < 0)
        {
            return false;
        }

        var last = at;
        for (; last + 1 < listed.Length && listed[last + 1] is not null; last++)
        {
            listed[last] = listed[last + 1];
        }

        listed[last] = null!;
        if (last == 0)
        {
            _readers = null;
        }

        return true;
    }

    /// <summary>The items that read it, enumerated without allocating; they must not change meanwhile.</summary>
    public ReaderEnumerator Readers => new(_readers);

    public sealed override int GetHashCode() => Serial;

    public sealed override bool Equals(object? obj) => ReferenceEquals(this, obj);

    /// <summary>The readers of a <see cref="Dependency"/>.</summary>
    public struct ReaderEnumerator
    {
        private readonly DerivedItem[]? _listed;
        private readonly bool _hashed;
        private HashSet<DerivedItem>.Enumerator _many;
        private DerivedItem? _single;
        private int _next;

        public ReaderEnumerator(object? readers)
        {
            _single = readers as DerivedItem;
            _listed = readers as DerivedItem[];
            _hashed = readers is HashSet<DerivedItem>;
            _many = _hashed ? ((HashSet<DerivedItem>)readers!).GetEnumerator() : default;
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

            if (_listed is not null)
            {
                Current = _next < _listed.Length ? _listed[_next++] : null!;
                return Current is not null;
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
