using k8s;
using k8s.Models;
using RulesMesh.Loading;

namespace RulesMesh.Store;

/// <summary>
/// An immutable snapshot of typed resources, indexed by model type, by namespace/name, by namespace and by label.
/// Everything the translation reads comes from here; a changed resource changes only the entries of its own keys,
/// which is what lets later incremental updates recompute just what depends on them.
/// </summary>
/// <remarks>
/// A namespaced object whose manifest names no namespace is in <see cref="DefaultNamespace"/>, as kubectl reads it: the
/// store writes that namespace into the object's metadata as it indexes it, so capture, service models and translation
/// all see the same namespace. Cluster-scoped objects (Nodes, Namespaces, GatewayClasses) keep none and are found under "".
/// </remarks>
public sealed class ResourceStore
{
    /// <summary>kubectl's namespace for a namespaced object whose manifest names none.</summary>
    public const string DefaultNamespace = "default";

    private readonly Dictionary<Type, List<IKubernetesObject<V1ObjectMeta>>> byType = [];
    private readonly Dictionary<(Type Type, string Namespace, string Name), IKubernetesObject<V1ObjectMeta>> byName = [];
    private readonly Dictionary<(Type Type, string Namespace), List<IKubernetesObject<V1ObjectMeta>>> byNamespace = [];
    private readonly Dictionary<(Type Type, string Namespace, string Label, string Value), List<IKubernetesObject<V1ObjectMeta>>> byLabel = [];
    private readonly Dictionary<Type, bool> namespacedTypes = [];

    // Typed views, made once per type (and namespace) on first read: rules ask for them per service.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(Type Type, string? Namespace), object> typedLists = new();

    /// <summary>
    /// Indexes <paramref name="resources"/>. A later object with the same type, namespace and name replaces an earlier
    /// one. <paramref name="models"/> says which kinds are namespaced (the built-in models when null).
    /// </summary>
    public ResourceStore(IEnumerable<IKubernetesObject<V1ObjectMeta>> resources, ModelRegistry? models = null)
    {
        foreach (var model in (models ?? ModelRegistry.Default).Models)
        {
            namespacedTypes.TryAdd(model.ClrType, model.Namespaced);
        }

        foreach (var resource in resources)
        {
            Add(resource);
        }
    }

    /// <summary>Indexes what a load produced.</summary>
    public static ResourceStore From(LoadResult load) => new(load.Resources.Select(static r => r.Object));

    /// <summary>Every object, in load order.</summary>
    public IEnumerable<IKubernetesObject<V1ObjectMeta>> Objects => byName.Values;

    /// <summary>Every object of model type <typeparamref name="T"/>, in load order.</summary>
    public IReadOnlyList<T> All<T>()
        where T : IKubernetesObject<V1ObjectMeta>
        => (IReadOnlyList<T>)typedLists.GetOrAdd((typeof(T), null), _ => byType.TryGetValue(typeof(T), out var list) ? list.Cast<T>().ToList() : new List<T>());

    /// <summary>The object of type <typeparamref name="T"/> named <paramref name="name"/> in <paramref name="ns"/>, if any. Cluster-scoped objects use namespace "".</summary>
    public T? Get<T>(string ns, string name)
        where T : class, IKubernetesObject<V1ObjectMeta>
        => byName.TryGetValue((typeof(T), ns, name), out var resource) ? (T)resource : null;

    /// <summary>Every object of type <typeparamref name="T"/> in <paramref name="ns"/>.</summary>
    public IReadOnlyList<T> InNamespace<T>(string ns)
        where T : IKubernetesObject<V1ObjectMeta>
        => (IReadOnlyList<T>)typedLists.GetOrAdd((typeof(T), ns), _ => byNamespace.TryGetValue((typeof(T), ns), out var list) ? list.Cast<T>().ToList() : new List<T>());

    /// <summary>
    /// Every object of type <typeparamref name="T"/> in <paramref name="ns"/> whose labels contain all of
    /// <paramref name="selector"/>. An empty selector selects nothing, as kgateway's selectors do.
    /// </summary>
    public IReadOnlyList<T> Select<T>(string ns, IReadOnlyDictionary<string, string> selector)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        if (selector.Count == 0)
        {
            return [];
        }

        // Start from the smallest label bucket, then check the remaining pairs.
        List<IKubernetesObject<V1ObjectMeta>>? smallest = null;
        foreach (var (label, value) in selector)
        {
            if (!byLabel.TryGetValue((typeof(T), ns, label, value), out var bucket))
            {
                return [];
            }

            if (smallest is null || bucket.Count < smallest.Count)
            {
                smallest = bucket;
            }
        }

        return smallest!
            .Where(resource => selector.All(pair => resource.Metadata.Labels is { } labels && labels.TryGetValue(pair.Key, out var v) && v == pair.Value))
            .Cast<T>()
            .ToList();
    }

    private void Add(IKubernetesObject<V1ObjectMeta> resource)
    {
        var type = resource.GetType();
        if (resource.Metadata is { NamespaceProperty: null } metadata && namespacedTypes.GetValueOrDefault(type))
        {
            metadata.NamespaceProperty = DefaultNamespace;
        }

        var ns = resource.Metadata?.NamespaceProperty ?? string.Empty;
        var name = resource.Metadata?.Name ?? string.Empty;
        if (byName.Remove((type, ns, name), out var replaced))
        {
            Remove(type, ns, replaced);
        }

        byName[(type, ns, name)] = resource;
        Bucket(byType, type).Add(resource);
        Bucket(byNamespace, (type, ns)).Add(resource);
        foreach (var (label, value) in resource.Metadata?.Labels ?? new Dictionary<string, string>())
        {
            Bucket(byLabel, (type, ns, label, value)).Add(resource);
        }
    }

    private void Remove(Type type, string ns, IKubernetesObject<V1ObjectMeta> resource)
    {
        byType[type].Remove(resource);
        byNamespace[(type, ns)].Remove(resource);
        foreach (var (label, value) in resource.Metadata?.Labels ?? new Dictionary<string, string>())
        {
            byLabel[(type, ns, label, value)].Remove(resource);
        }
    }

    private static List<IKubernetesObject<V1ObjectMeta>> Bucket<TKey>(Dictionary<TKey, List<IKubernetesObject<V1ObjectMeta>>> index, TKey key)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list))
        {
            list = [];
            index[key] = list;
        }

        return list;
    }
}
