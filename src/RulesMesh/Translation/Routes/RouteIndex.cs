using k8s;
using k8s.Models;
using RulesMesh.Mesh;
using RulesMesh.Store;
using V1 = RulesMesh.Models.GatewayNetworkingK8sIo.V1;

namespace RulesMesh.Translation.Routes;

/// <summary>
/// kgateway's <c>RoutesIndex.byParentRef</c>: every HTTPRoute (v1, and v1beta1 read as v1) and GRPCRoute of a translation,
/// keyed by each of its parentRefs as <c>{group, kind, namespace, name}</c> with the Gateway API defaults filled in
/// (group <c>gateway.networking.k8s.io</c>, kind <c>Gateway</c>, the route's namespace; <c>core</c> read as the core group).
/// Port and sectionName are not part of the key. Built once per translation.
/// </summary>
internal sealed class RouteIndex
{
    /// <summary>The Gateway API group, the default group of a parentRef.</summary>
    public const string GatewayApiGroup = "gateway.networking.k8s.io";

    /// <summary>The default kind of a parentRef.</summary>
    public const string GatewayKind = "Gateway";

    private readonly Dictionary<ParentKey, List<ParentedRoute>> _byParent = [];

    private RouteIndex(IEnumerable<IndexedRoute> routes)
    {
        foreach (var route in routes.OrderBy(static r => r, IndexedRoute.ByAge))
        {
            foreach (var parent in route.Parents)
            {
                if (!_byParent.TryGetValue(parent.Key, out var list))
                {
                    list = [];
                    _byParent[parent.Key] = list;
                }

                list.Add(new ParentedRoute(route, parent));
            }
        }
    }

    /// <summary>The index of the routes in <paramref name="context"/>'s store, built once per translation.</summary>
    public static RouteIndex For(TranslationContext context) => context.Index(static c => new RouteIndex(Read(c)));

    /// <summary>An index over <paramref name="routes"/> (another set of route kinds, keyed the same way).</summary>
    public static RouteIndex Of(IEnumerable<IndexedRoute> routes) => new(routes);

    /// <summary>
    /// The routes with a parentRef that keys to <paramref name="key"/>, oldest first, then by namespace and name; a route
    /// with several such parentRefs appears once per parentRef.
    /// </summary>
    public IReadOnlyList<ParentedRoute> RoutesFor(ParentKey key) => _byParent.TryGetValue(key, out var list) ? list : [];

    /// <summary>The core group is written <c>""</c> or <c>core</c>; both mean the same.</summary>
    public static string CanonicalGroup(string? group) => group is null or "core" ? string.Empty : group;

    private static IEnumerable<IndexedRoute> Read(TranslationContext context)
    {
        var seen = new HashSet<ObjectKey>();
        foreach (var route in context.Store.All<V1.HTTPRoute>())
        {
            if (Indexed(route, V1.HTTPRoute.KubeKind, route.Spec.ParentRefs?.Select(static p => (p.Group, p.Kind, p.Namespace, p.Name, p.SectionName, p.Port))) is { } indexed
                && seen.Add(indexed.Key))
            {
                yield return indexed;
            }
        }

        foreach (var route in context.Store.All<V1.GRPCRoute>())
        {
            if (Indexed(route, V1.GRPCRoute.KubeKind, route.Spec.ParentRefs?.Select(static p => (p.Group, p.Kind, p.Namespace, p.Name, p.SectionName, p.Port))) is { } indexed
                && seen.Add(indexed.Key))
            {
                yield return indexed;
            }
        }
    }

    /// <summary><paramref name="route"/> of <paramref name="kind"/> with its parentRefs keyed, the Gateway API defaults filled in.</summary>
    internal static IndexedRoute? Indexed(
        IKubernetesObject<V1ObjectMeta> route,
        string kind,
        IEnumerable<(string? Group, string? Kind, string? Namespace, string Name, string? SectionName, int? Port)>? parentRefs)
    {
        var ns = route.Metadata?.NamespaceProperty is { Length: > 0 } written ? written : ResourceStore.DefaultNamespace;
        var key = new ObjectKey(GatewayApiGroup, kind, ns, route.Metadata?.Name ?? string.Empty);
        var parents = (parentRefs ?? [])
            .Select(p => new IndexedParent(
                new ParentKey(CanonicalGroup(p.Group ?? GatewayApiGroup), p.Kind ?? GatewayKind, p.Namespace ?? ns, p.Name),
                // The status echoes the parentRef as written, but kgateway writes an unset group or kind as "".
                new ParentReference(p.Group ?? string.Empty, p.Kind ?? string.Empty, p.Namespace, p.Name, p.SectionName, p.Port),
                p.Namespace is not null))
            .ToList();
        return new IndexedRoute(route, key, route.Metadata?.CreationTimestamp, parents);
    }
}

/// <summary>A parentRef's index key: group (canonical), kind, namespace (defaulted) and name.</summary>
internal readonly record struct ParentKey(string Group, string Kind, string Namespace, string Name);

/// <summary>One parentRef of an indexed route.</summary>
/// <param name="Key">Its index key.</param>
/// <param name="Written">The parentRef as the status echoes it.</param>
/// <param name="HasNamespace">Whether the parentRef names a namespace (a global key such as Hostname requires it not to).</param>
internal sealed record IndexedParent(ParentKey Key, ParentReference Written, bool HasNamespace);

/// <summary>One route of the index.</summary>
/// <param name="Route">The route, read as v1.</param>
/// <param name="Key">Its kind, namespace and name.</param>
/// <param name="Created">Its creation time, when given.</param>
/// <param name="Parents">Its parentRefs in the order written.</param>
internal sealed record IndexedRoute(IKubernetesObject<V1ObjectMeta> Route, ObjectKey Key, DateTime? Created, IReadOnlyList<IndexedParent> Parents)
{
    /// <summary>kgateway's route order: oldest first (no timestamp counts as the oldest), then namespace, then name, then kind.</summary>
    public static IComparer<IndexedRoute> ByAge { get; } = Comparer<IndexedRoute>.Create(static (a, b) =>
    {
        var byTime = Nullable.Compare(a.Created, b.Created);
        var byNamespace = byTime != 0 ? byTime : string.CompareOrdinal(a.Key.Namespace, b.Key.Namespace);
        var byName = byNamespace != 0 ? byNamespace : string.CompareOrdinal(a.Key.Name, b.Key.Name);
        return byName != 0 ? byName : string.CompareOrdinal(a.Key.Kind, b.Key.Kind);
    });
}

/// <summary>A route found through one of its parentRefs.</summary>
internal sealed record ParentedRoute(IndexedRoute Route, IndexedParent Parent);
