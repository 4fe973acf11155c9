using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using k8s;
using k8s.Models;
using RulesMesh.Loading;

namespace RulesMesh.Store;

/// <summary>The indexes behind a <see cref="ResourceStore"/> and its tracked views; each bucket keeps the order objects were first added.</summary>
/// <remarks>
/// Buckets are sorted lists by that order: a new object always comes last, which a sorted list appends without the
/// tree nodes and rebalancing of a sorted dictionary (loading a mesh adds each of its objects to three buckets or more).
/// The lists of every object and of every object of a type are not kept: they would hold each object once more in
/// buckets as large as the store (whose removals shift the whole list), and are read seldom, so they are put together
/// from the entries by name and the namespace buckets when read.
/// </remarks>
internal sealed class StoreIndexes
{
    // Each entry keeps the label pairs it was filed under: a caller may change an object's labels in place before upserting it again.
    private readonly Dictionary<(Type Type, string Namespace, string Name), (long Order, IKubernetesObject<V1ObjectMeta> Object, KeyValuePair<string, string>[] Labels)> _byName = [];
    private readonly Dictionary<(Type Type, string Namespace), SortedList<long, IKubernetesObject<V1ObjectMeta>>> _byTypeAndNamespace = [];
    private readonly Dictionary<(Type Type, string Namespace, string Label, string Value), SortedList<long, IKubernetesObject<V1ObjectMeta>>> _byLabel = [];
    private readonly Dictionary<Type, bool> _namespaced = [];
    private readonly Dictionary<Type, (string Group, string Kind)> _kinds = [];

    // Typed lists, made on first read after a change of their type (and namespace): rules ask for them per service.
    private readonly ConcurrentDictionary<(Type Type, string? Namespace), object> _typedLists = new();
    private long _nextOrder;

    public StoreIndexes(ModelRegistry models)
    {
        foreach (var model in models.Models)
        {
            _namespaced.TryAdd(model.ClrType, model.Namespaced);
            _kinds.TryAdd(model.ClrType, (model.Group, model.Kind));
        }
    }

    /// <summary>Every object, in the order first added: a list made for this read.</summary>
    public IEnumerable<IKubernetesObject<V1ObjectMeta>> All
    {
        get
        {
            var orders = new long[_byName.Count];
            var objects = new IKubernetesObject<V1ObjectMeta>[orders.Length];
            var i = 0;
            foreach (var entry in _byName.Values)
            {
                orders[i] = entry.Order;
                objects[i++] = entry.Object;
            }

            Array.Sort(orders, objects);
            return objects;
        }
    }

    public bool IsNamespaced(Type type) => _namespaced.GetValueOrDefault(type, true);

    /// <summary>The group and kind of the model read into <paramref name="type"/>, when one is known.</summary>
    public bool TryGetKind(Type type, out (string Group, string Kind) kind) => _kinds.TryGetValue(type, out kind);

    /// <summary>Makes room for <paramref name="objects"/> objects by name, so a large first batch does not grow the index step by step.</summary>
    public void Reserve(int objects) => _byName.EnsureCapacity(objects);

    public IKubernetesObject<V1ObjectMeta>? Get(Type type, string ns, string name)
        => _byName.TryGetValue((type, ns, name), out var entry) ? entry.Object : null;

    public IReadOnlyList<T> OfType<T>(string? ns)
        => (IReadOnlyList<T>)_typedLists.GetOrAdd((typeof(T), ns), key => key.Namespace is { } inNamespace ? InBucket<T>(key.Type, inNamespace) : (IReadOnlyList<T>)EveryNamespace<T>(key.Type));

    private List<T> InBucket<T>(Type type, string ns)
        => _byTypeAndNamespace.TryGetValue((type, ns), out var bucket) ? bucket.Values.Cast<T>().ToList() : [];

    /// <summary>Every object of <paramref name="type"/>, in the order first added: its namespaces' buckets merged by that order.</summary>
    private T[] EveryNamespace<T>(Type type)
    {
        var count = 0;
        foreach (var ((bucketType, _), bucket) in _byTypeAndNamespace)
        {
            count += bucketType == type ? bucket.Count : 0;
        }

        var orders = new long[count];
        var objects = new T[count];
        var i = 0;
        foreach (var ((bucketType, _), bucket) in _byTypeAndNamespace)
        {
            if (bucketType != type)
            {
                continue;
            }

            bucket.Keys.CopyTo(orders, i);
            foreach (var resource in bucket.Values)
            {
                objects[i++] = (T)resource;
            }
        }

        Array.Sort(orders, objects);
        return objects;
    }

    public IReadOnlyList<T> Select<T>(string ns, IReadOnlyDictionary<string, string> selector)
    {
        // Start from the smallest label bucket, then check the remaining pairs.
        SortedList<long, IKubernetesObject<V1ObjectMeta>>? smallest = null;
        foreach (var (label, value) in selector)
        {
            if (!_byLabel.TryGetValue((typeof(T), ns, label, value), out var bucket))
            {
                return [];
            }

            if (smallest is null || bucket.Count < smallest.Count)
            {
                smallest = bucket;
            }
        }

        var candidates = smallest!.Values;
        var selected = new List<T>(candidates.Count);
        foreach (var resource in candidates)
        {
            if (HasAll(resource, selector))
            {
                selected.Add((T)resource);
            }
        }

        return selected;
    }

    private static bool HasAll(IKubernetesObject<V1ObjectMeta> resource, IReadOnlyDictionary<string, string> selector)
    {
        if (resource.Metadata.Labels is not { } labels)
        {
            return false;
        }

        foreach (var (label, value) in selector)
        {
            if (!labels.TryGetValue(label, out var actual) || actual != value)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Adds or replaces <paramref name="resource"/>; returns the reads its change affects.</summary>
    public IReadOnlyList<StoreRead> Upsert(IKubernetesObject<V1ObjectMeta> resource)
    {
        var changed = new List<StoreRead>();
        Upsert(resource, changed);
        return changed;
    }

    /// <summary>Adds or replaces <paramref name="resource"/> without naming the reads it affects, for when nobody watches reads.</summary>
    public void UpsertUnwatched(IKubernetesObject<V1ObjectMeta> resource) => Upsert(resource, changed: null);

    private void Upsert(IKubernetesObject<V1ObjectMeta> resource, List<StoreRead>? changed)
    {
        var type = resource.GetType();
        if (resource.Metadata is { NamespaceProperty: null } metadata && _namespaced.GetValueOrDefault(type))
        {
            metadata.NamespaceProperty = ResourceStore.DefaultNamespace;
        }

        var ns = resource.Metadata?.NamespaceProperty ?? string.Empty;
        var name = resource.Metadata?.Name ?? string.Empty;
        long order;
        ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_byName, (type, ns, name), out var exists);
        if (exists)
        {
            // Same type, namespace and order: the buckets by name and kind are overwritten below; only labels may move.
            order = entry.Order;
            UnindexLabels(type, ns, order, entry.Labels, changed);
        }
        else
        {
            order = _nextOrder++;
        }

        var labels = resource.Metadata?.Labels is { Count: > 0 } given ? given.ToArray() : [];
        entry = (order, resource, labels);
        Bucket(_byTypeAndNamespace, (type, ns))[order] = resource;
        foreach (var (label, value) in labels)
        {
            Bucket(_byLabel, (type, ns, label, value))[order] = resource;
            changed?.Add(StoreRead.Labelled(type, ns, label, value));
        }

        Changed(type, ns, name, changed);
    }

    public IReadOnlyList<StoreRead> Delete(Type type, string ns, string name)
    {
        if (!_byName.Remove((type, ns, name), out var removed))
        {
            return [];
        }

        var changed = new List<StoreRead>();
        Unindex(type, ns, removed.Order, removed.Labels, changed);
        Changed(type, ns, name, changed);
        return changed;
    }

    private void Unindex(Type type, string ns, long order, KeyValuePair<string, string>[] labels, List<StoreRead> changed)
    {
        _byTypeAndNamespace[(type, ns)].Remove(order);
        UnindexLabels(type, ns, order, labels, changed);
    }

    private void UnindexLabels(Type type, string ns, long order, KeyValuePair<string, string>[] labels, List<StoreRead>? changed)
    {
        foreach (var (label, value) in labels)
        {
            _byLabel[(type, ns, label, value)].Remove(order);
            changed?.Add(StoreRead.Labelled(type, ns, label, value));
        }
    }

    private void Changed(Type type, string ns, string name, List<StoreRead>? changed)
    {
        Forget((type, null));
        Forget((type, ns));
        if (changed is null)
        {
            return;
        }

        changed.Add(StoreRead.Object(type, ns, name));
        changed.Add(StoreRead.InNamespace(type, ns));
        changed.Add(StoreRead.Kind(type));
        changed.Add(StoreRead.Everything);
    }

    /// <summary>Drops a typed list made before a change; looked up first, as a removal takes a lock even when there is nothing to remove.</summary>
    private void Forget((Type Type, string? Namespace) key)
    {
        if (_typedLists.ContainsKey(key))
        {
            _typedLists.TryRemove(key, out _);
        }
    }

    private static SortedList<long, IKubernetesObject<V1ObjectMeta>> Bucket<TKey>(Dictionary<TKey, SortedList<long, IKubernetesObject<V1ObjectMeta>>> index, TKey key)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var bucket))
        {
            bucket = [];
            index[key] = bucket;
        }

        return bucket;
    }
}
