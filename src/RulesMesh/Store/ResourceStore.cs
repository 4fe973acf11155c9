using k8s;
using k8s.Models;
using RulesMesh.Loading;
using RulesMesh.Mesh;

namespace RulesMesh.Store;

/// <summary>
/// Typed resources, indexed by model type, by namespace/name, by namespace and by label, each list in the order the
/// objects were first added. Everything translation reads comes from here. A view made by <see cref="Tracking"/> tells
/// a tracker about every read, which is how the engine knows what each derived item depends on; the engine alone
/// changes a store (<see cref="Upsert"/>, <see cref="Delete"/>), between its steps.
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

    private readonly StoreIndexes _indexes;
    private readonly IStoreReadTracker? _tracker;

    /// <summary>
    /// Indexes <paramref name="resources"/>. A later object with the same type, namespace and name replaces an earlier
    /// one (keeping its place). <paramref name="models"/> says which kinds are namespaced (the built-in models when null).
    /// </summary>
    public ResourceStore(IEnumerable<IKubernetesObject<V1ObjectMeta>> resources, ModelRegistry? models = null)
    {
        _indexes = new StoreIndexes(models ?? ModelRegistry.Default);
        foreach (var resource in resources)
        {
            _indexes.UpsertUnwatched(resource);
        }
    }

    private ResourceStore(StoreIndexes indexes, IStoreReadTracker tracker)
    {
        _indexes = indexes;
        _tracker = tracker;
    }

    /// <summary>Indexes what a load produced.</summary>
    public static ResourceStore From(LoadResult load) => new(load.Resources.Select(static r => r.Object));

    /// <summary>Every object, in the order first added.</summary>
    public IEnumerable<IKubernetesObject<V1ObjectMeta>> Objects
    {
        get
        {
            _tracker?.Read(StoreRead.Everything);
            return _indexes.All;
        }
    }

    /// <summary>The same objects, every read through the view reported to <paramref name="tracker"/>.</summary>
    public ResourceStore Tracking(IStoreReadTracker tracker) => new(_indexes, tracker);

    /// <summary>Every object of model type <typeparamref name="T"/>, in the order first added.</summary>
    public IReadOnlyList<T> All<T>()
        where T : IKubernetesObject<V1ObjectMeta>
    {
        _tracker?.Read(StoreRead.Kind(typeof(T)));
        return _indexes.OfType<T>(null);
    }

    /// <summary>The object of type <typeparamref name="T"/> named <paramref name="name"/> in <paramref name="ns"/>, if any. Cluster-scoped objects use namespace "".</summary>
    public T? Get<T>(string ns, string name)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        _tracker?.Read(StoreRead.Object(typeof(T), ns, name));
        return _indexes.Get(typeof(T), ns, name) as T;
    }

    /// <summary>Every object of type <typeparamref name="T"/> in <paramref name="ns"/>.</summary>
    public IReadOnlyList<T> InNamespace<T>(string ns)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        _tracker?.Read(StoreRead.InNamespace(typeof(T), ns));
        return _indexes.OfType<T>(ns);
    }

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

        // Depending on one of the pairs is enough: an object can enter or leave the result only if it had or has them all.
        var (label, value) = selector.First();
        _tracker?.Read(StoreRead.Labelled(typeof(T), ns, label, value));
        return _indexes.Select<T>(ns, selector);
    }

    /// <summary>The object of model type <paramref name="type"/> named <paramref name="name"/> in <paramref name="ns"/>, if any.</summary>
    internal IKubernetesObject<V1ObjectMeta>? GetObject(Type type, string ns, string name)
    {
        _tracker?.Read(StoreRead.Object(type, ns, name));
        return _indexes.Get(type, ns, name);
    }

    /// <summary>Adds <paramref name="resource"/> or replaces the object of its type, namespace and name (keeping its place); returns the reads it changes.</summary>
    internal IReadOnlyList<StoreRead> Upsert(IKubernetesObject<V1ObjectMeta> resource) => _indexes.Upsert(resource);

    /// <summary>Adds or replaces <paramref name="resource"/> without naming the reads it affects, for when nobody watches reads.</summary>
    internal void UpsertUnwatched(IKubernetesObject<V1ObjectMeta> resource) => _indexes.UpsertUnwatched(resource);

    /// <summary>Removes the object of <paramref name="type"/> named <paramref name="name"/> in <paramref name="ns"/>; returns the reads it changes (none when there was no such object).</summary>
    internal IReadOnlyList<StoreRead> Delete(Type type, string ns, string name) => _indexes.Delete(type, ns, name);

    /// <summary>Makes room for <paramref name="objects"/> objects, before a large batch is added.</summary>
    internal void Reserve(int objects) => _indexes.Reserve(objects);

    /// <summary>
    /// The key of <paramref name="resource"/> as the loader and the engine write it: its model's group and kind (those of
    /// its <c>apiVersion</c> and <c>kind</c> for a type no model reads into), its namespace as the store files it.
    /// </summary>
    public ObjectKey KeyOf(IKubernetesObject<V1ObjectMeta> resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var type = resource.GetType();
        if (!_indexes.TryGetKind(type, out var kind))
        {
            // A type no model reads into: its apiVersion's group and its kind, as the loader keys it.
            var apiVersion = resource.ApiVersion ?? string.Empty;
            var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
            return new ObjectKey(slash < 0 ? string.Empty : apiVersion[..slash], resource.Kind ?? string.Empty, resource.Metadata?.NamespaceProperty ?? DefaultNamespace, resource.Metadata?.Name ?? string.Empty);
        }

        var ns = IsNamespaced(type) ? resource.Metadata?.NamespaceProperty ?? DefaultNamespace : string.Empty;
        return new ObjectKey(kind.Group, kind.Kind, ns, resource.Metadata?.Name ?? string.Empty);
    }

    /// <summary>
    /// The key the store files <paramref name="resource"/> under: its model's group and kind (the same in every version),
    /// a namespaced object without a namespace in <see cref="DefaultNamespace"/>.
    /// </summary>
    public static ObjectKey KeyOf(LoadedResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var model = resource.Model;
        var metadata = resource.Object.Metadata;
        var ns = model.Namespaced ? metadata?.NamespaceProperty ?? DefaultNamespace : string.Empty;
        return new ObjectKey(model.Group, model.Kind, ns, metadata?.Name ?? string.Empty);
    }

    /// <summary>Whether objects of <paramref name="type"/> are namespaced.</summary>
    internal bool IsNamespaced(Type type) => _indexes.IsNamespaced(type);
}
