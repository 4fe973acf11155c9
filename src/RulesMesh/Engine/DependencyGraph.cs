using RulesMesh.Store;

namespace RulesMesh.Engine;

/// <summary>
/// The derived items and what each read. A change marks the items that read it dirty; dirty items are recomputed stage
/// by stage, and an item whose value came out the same does not disturb its readers. Items nobody reads any more
/// (and that are not outputs) are dropped with their reads.
/// </summary>
internal sealed class DependencyGraph(IncrementalTranslation engine)
{
    private readonly HashSet<DerivedItem> _items = new(SameItemComparer.Instance);
    private readonly WatchedReads<StoreRead> _storeReads = new();
    private readonly WatchedReads<GroupKey> _groups = new();
    private int _serials;
    private int _marks;

    // Store reads and groups that lost their last reader, let go of only when a settle ends: a computation holds the
    // dependencies it read and becomes their reader only when it finishes, so one a nested recomputation stopped reading
    // meanwhile must still be the graph's when that computation attaches to it.
    private readonly List<Dependency> _unread = [];

    // The read lists of ended computations, for the next ones.
    private readonly Stack<ReadList> _spareReads = [];

    // Dirty items, one queue per stage, each in the order it was marked: the stage is all the order recomputation
    // needs (an item reads other items through Fresh, whatever their place), and a heap ordered by the full
    // ItemOrder cost a fifth of a full run in string comparisons.
    private readonly Queue<DerivedItem>[] _dirty = [.. Enumerable.Range(0, ItemOrder.StageCount).Select(static _ => new Queue<DerivedItem>())];
    private int _lowestDirtyStage = ItemOrder.StageCount;

    /// <summary>The item with <paramref name="item"/>'s id: the existing one, or <paramref name="item"/> added.</summary>
    public DerivedItem Intern(DerivedItem item)
    {
        if (_items.TryGetValue(item, out var existing))
        {
            return existing;
        }

        _items.Add(item);
        item.Serial = ++_serials;
        return item;
    }

    /// <summary>The dependency standing for <paramref name="read"/>, made on its first read.</summary>
    public Dependency Watched(StoreRead read) => _storeReads.Find(read) ?? _storeReads.Add(read, ++_serials);

    /// <summary>The dependency standing for <paramref name="group"/>, made on its first read.</summary>
    public Dependency Watched(GroupKey group) => _groups.Find(group) ?? _groups.Add(group, ++_serials);

    // Items a first batch makes per input object, about: a model item each, a workload item per Pod or WorkloadEntry,
    // five or six per service (capture, backends, clusters, a chain per waypoint, derived values). Measured on the 10k
    // mesh: 325,316 items for 139,810 objects (2.3). Sized so, the item set of a mesh like it is never copied into a
    // larger one, each copy a large array the GC must clear; a mesh of mostly services still grows it once or twice.
    private const int ItemsPerObject = 3;

    /// <summary>
    /// Makes room for a first batch of <paramref name="objects"/> input objects: each has at least a model item, which
    /// reads it, so the items and store reads would otherwise grow step by step to that size.
    /// </summary>
    public void Reserve(int objects)
    {
        _items.EnsureCapacity(objects * ItemsPerObject);
        if (engine.WatchesStore)
        {
            _storeReads.Reserve(objects);
        }
    }

    /// <summary>A mark no dependency carries yet: a frame's, or one comparison's of an item's old and new reads.</summary>
    public int NextMark() => ++_marks;

    /// <summary>Keeps <paramref name="item"/> (or the item of its id) as an output, computed in the next <see cref="Settle"/> if it never was.</summary>
    public void AddRoot(DerivedItem item)
    {
        var root = Intern(item);
        root.IsRoot = true;
        if (!root.Computed)
        {
            MarkDirty(root);
        }
    }

    /// <summary>Stops keeping the item standing for what <paramref name="probe"/> does as an output; dropped unless another item reads it.</summary>
    public void RemoveRoot(DerivedItem probe)
    {
        if (_items.TryGetValue(probe, out var item) && item.IsRoot)
        {
            item.IsRoot = false;
            DropIfUnread(item);
        }
    }

    /// <summary>Whether any item has read a store read or group yet (none has while a first batch is being filed).</summary>
    public bool HasWatchers => _storeReads.Count > 0 || _groups.Count > 0;

    /// <summary>Marks every item that made <paramref name="read"/> dirty.</summary>
    public void Changed(StoreRead read)
    {
        if (_storeReads.Find(read) is { } watched)
        {
            MarkReadersDirty(watched);
        }
    }

    /// <summary>Marks every item that read <paramref name="group"/> dirty.</summary>
    public void Changed(GroupKey group)
    {
        if (_groups.Find(group) is { } watched)
        {
            MarkReadersDirty(watched);
        }
    }

    private void MarkReadersDirty(Dependency read)
    {
        foreach (var reader in read.Readers)
        {
            MarkDirty(reader);
        }
    }

    /// <summary>Recomputes dirty items until none is left.</summary>
    public void Settle()
    {
        try
        {
            while (NextDirty() is { } item)
            {
                if (!item.Removed && item.Dirty)
                {
                    Recompute(item);
                }
            }
        }
        finally
        {
            ForgetUnread();
        }
    }

    /// <summary>The next dirty item of the earliest stage that has one (a recomputation may dirty an earlier stage).</summary>
    private DerivedItem? NextDirty()
    {
        for (; _lowestDirtyStage < _dirty.Length; _lowestDirtyStage++)
        {
            if (_dirty[_lowestDirtyStage].TryDequeue(out var item))
            {
                return item;
            }
        }

        return null;
    }

    /// <summary><paramref name="item"/>'s current version, computed first if it is new or dirty.</summary>
    public DerivedItem Fresh(DerivedItem item)
    {
        var interned = Intern(item);
        if (!interned.Computed || interned.Dirty)
        {
            Recompute(interned);
        }

        return interned;
    }

    private void MarkDirty(DerivedItem item)
    {
        if (!item.Dirty)
        {
            item.Dirty = true;
            var stage = item.Stage;
            _dirty[stage].Enqueue(item);
            _lowestDirtyStage = Math.Min(_lowestDirtyStage, stage);
        }
    }

    private void Recompute(DerivedItem item)
    {
        if (item.Computing)
        {
            throw new InvalidOperationException($"{item} depends on itself.");
        }

        var readList = _spareReads.TryPop(out var spare) ? spare : new ReadList();
        var frame = new ItemFrame(engine, readList);
        var before = item.Value;
        var hadValue = item.Computed;
        item.Computing = true;
        object? after;
        try
        {
            after = item.Compute(frame);
        }
        catch
        {
            // Queued again, so the next step retries it instead of leaving it dirty and unqueued for good.
            item.Dirty = false;
            MarkDirty(item);
            foreach (var read in EndReads(frame, readList))
            {
                _unread.Add(read);
            }
            throw;
        }
        finally
        {
            item.Computing = false;
        }

        item.Value = after;
        item.Computed = true;
        item.Dirty = false;

        // Start reading what this computation read before letting go of what it no longer reads; marks tell the two
        // lists apart without a set.
        var oldReads = item.Reads;
        var reads = EndReads(frame, readList);
        item.Reads = reads;
        if (!oldReads.Known)
        {
            foreach (var read in reads)
            {
                read.AddReader(item);
            }
        }
        else
        {
            var oldMark = NextMark();
            foreach (var read in oldReads)
            {
                read.Mark = oldMark;
            }

            foreach (var read in reads)
            {
                if (read.Mark != oldMark)
                {
                    read.AddReader(item);
                }
            }

            var keptMark = NextMark();
            foreach (var read in reads)
            {
                read.Mark = keptMark;
            }

            foreach (var read in oldReads)
            {
                if (read.Mark != keptMark)
                {
                    Unwatch(item, read);
                }
            }
        }

        var emissions = frame.Emissions;
        if (!emissions.SameAs(item.Emissions))
        {
            var old = item.Emissions;
            item.Emissions = emissions;
            engine.EmissionsChanged(item, old, emissions);
        }

        if (hadValue && item.SameValue(before, after))
        {
            return;
        }

        MarkReadersDirty(item);
        engine.ValueChanged(item, hadValue ? before : null, after);
    }

    private ItemReads EndReads(ItemFrame frame, ReadList readList)
    {
        var reads = frame.EndReads();
        readList.Clear();
        _spareReads.Push(readList);
        return reads;
    }

    private void Unwatch(DerivedItem item, Dependency read)
    {
        var removed = read.RemoveReader(item);
        if (read is DerivedItem source)
        {
            DropIfUnread(source);
        }
        else if (removed && !read.HasReaders)
        {
            _unread.Add(read);
        }
    }

    /// <summary>Lets go of the store reads and groups no item reads any more.</summary>
    private void ForgetUnread()
    {
        foreach (var read in _unread)
        {
            if (read.HasReaders)
            {
                continue;
            }

            switch (read)
            {
                case WatchedRead<StoreRead> store:
                    _storeReads.Remove(store);
                    break;
                case WatchedRead<GroupKey> group:
                    _groups.Remove(group);
                    break;
            }
        }

        _unread.Clear();
    }

    private void DropIfUnread(DerivedItem item)
    {
        if (item.IsRoot || item.HasReaders || item.Removed)
        {
            return;
        }

        item.Removed = true;
        _items.Remove(item);
        foreach (var read in item.Reads)
        {
            Unwatch(item, read);
        }

        if (!item.Emissions.IsEmpty)
        {
            engine.EmissionsChanged(item, item.Emissions, ItemEmissions.None);
        }

        if (item.Computed)
        {
            engine.ValueChanged(item, item.Value, null);
        }
    }
}
