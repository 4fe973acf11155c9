using System.Runtime.InteropServices;

namespace RulesMesh.Engine;

/// <summary>
/// The derived items and what each read. A change marks the items that read it dirty; dirty items are recomputed stage
/// by stage, and an item whose value came out the same does not disturb its readers. Items nobody reads any more
/// (and that are not outputs) are dropped with their reads.
/// </summary>
internal sealed class DependencyGraph(IncrementalTranslation engine)
{
    private readonly Dictionary<object, DerivedItem> _items = [];
    private readonly Dictionary<object, ItemSet> _watchers = [];

    // Dirty items, one queue per stage, each in the order it was marked: the stage is all the order recomputation
    // needs (an item reads other items through Fresh, whatever their place), and a heap ordered by the full
    // ItemOrder cost a fifth of a full run in string comparisons.
    private readonly Queue<DerivedItem>[] _dirty = [.. Enumerable.Range(0, ItemOrder.StageCount).Select(static _ => new Queue<DerivedItem>())];
    private int _lowestDirtyStage = ItemOrder.StageCount;

    /// <summary>The item with <paramref name="item"/>'s id: the existing one, or <paramref name="item"/> added.</summary>
    public DerivedItem Intern(DerivedItem item)
    {
        if (_items.TryGetValue(item.Id, out var existing))
        {
            return existing;
        }

        _items[item.Id] = item;
        return item;
    }

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

    /// <summary>Stops keeping the item <paramref name="id"/> as an output; dropped unless another item reads it.</summary>
    public void RemoveRoot(object id)
    {
        if (_items.TryGetValue(id, out var item) && item.IsRoot)
        {
            item.IsRoot = false;
            DropIfUnread(item);
        }
    }

    /// <summary>Whether any item has read a store read or group yet (none has while a first batch is being filed).</summary>
    public bool HasWatchers => _watchers.Count > 0;

    /// <summary>Marks every item that read <paramref name="read"/> (a store read or a group) dirty.</summary>
    public void Changed(object read)
    {
        if (_watchers.TryGetValue(read, out var watchers))
        {
            foreach (var watcher in watchers)
            {
                MarkDirty(watcher);
            }
        }
    }

    /// <summary>Recomputes dirty items until none is left.</summary>
    public void Settle()
    {
        while (NextDirty() is { } item)
        {
            if (!item.Removed && item.Dirty)
            {
                Recompute(item);
            }
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
            var stage = item.Order.Stage;
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

        var frame = new ItemFrame(engine);
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
            throw;
        }
        finally
        {
            item.Computing = false;
        }

        item.Value = after;
        item.Computed = true;
        item.Dirty = false;

        // Start reading what this computation read before letting go of what it no longer reads.
        var oldReads = item.Reads;
        item.Reads = frame.Reads;
        foreach (var read in frame.Reads)
        {
            if (oldReads is null || !oldReads.Contains(read))
            {
                Watch(item, read);
            }
        }

        if (oldReads is not null)
        {
            foreach (var read in oldReads)
            {
                if (!frame.Reads.Contains(read))
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

        if (item.HasReaders)
        {
            foreach (var reader in item.Readers)
            {
                MarkDirty(reader);
            }
        }

        engine.ValueChanged(item, hadValue ? before : null, after);
    }

    private void Watch(DerivedItem item, object read)
    {
        if (read is DerivedItem source)
        {
            source.Readers.Add(item);
            return;
        }

        ref var watchers = ref CollectionsMarshal.GetValueRefOrAddDefault(_watchers, read, out _);
        watchers ??= new ItemSet();
        watchers.Add(item);
    }

    private void Unwatch(DerivedItem item, object read)
    {
        if (read is DerivedItem source)
        {
            source.Readers.Remove(item);
            DropIfUnread(source);
            return;
        }

        if (_watchers.TryGetValue(read, out var watchers) && watchers.Remove(item) && watchers.Count == 0)
        {
            _watchers.Remove(read);
        }
    }

    private void DropIfUnread(DerivedItem item)
    {
        if (item.IsRoot || item.HasReaders || item.Removed)
        {
            return;
        }

        item.Removed = true;
        _items.Remove(item.Id);
        if (item.Reads is not null)
        {
            foreach (var read in item.Reads)
            {
                Unwatch(item, read);
            }
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
