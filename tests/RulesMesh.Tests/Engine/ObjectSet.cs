using k8s;
using k8s.Models;
using RulesMesh.Engine;

namespace RulesMesh.Tests.Engine;

/// <summary>
/// The test's own record of the engine's inputs: the objects in the order the engine keeps them (first added first, a
/// replaced object keeps its place, a deleted and recreated one goes last), and the objects deleted so far.
/// </summary>
internal sealed class ObjectSet(Func<IKubernetesObject<V1ObjectMeta>, ResourceKey> keyOf)
{
    private readonly List<(ResourceKey Key, IKubernetesObject<V1ObjectMeta> Object)> _objects = [];
    private readonly List<IKubernetesObject<V1ObjectMeta>> _deleted = [];

    /// <summary>The objects, in the engine's order.</summary>
    public IEnumerable<IKubernetesObject<V1ObjectMeta>> Objects => _objects.Select(static o => o.Object);

    /// <summary>Objects deleted so far, oldest first (each kept once, by key, with its last content).</summary>
    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Deleted => _deleted;

    /// <summary>The key of <paramref name="resource"/>.</summary>
    public ResourceKey KeyOf(IKubernetesObject<V1ObjectMeta> resource) => keyOf(resource);

    /// <summary>The objects of <paramref name="kind"/>, in order.</summary>
    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> OfKind(string kind) => [.. _objects.Where(o => o.Key.Kind == kind).Select(static o => o.Object)];

    /// <summary>Records <paramref name="changes"/> as the engine applies them.</summary>
    public void Apply(IEnumerable<ResourceChange> changes)
    {
        foreach (var change in changes)
        {
            switch (change)
            {
                case ResourceChange.Upsert upsert:
                    var key = keyOf(upsert.Object);
                    var at = _objects.FindIndex(o => o.Key == key);
                    if (at >= 0)
                    {
                        _objects[at] = (key, upsert.Object);
                    }
                    else
                    {
                        _objects.Add((key, upsert.Object));
                    }

                    _deleted.RemoveAll(d => keyOf(d) == key);
                    break;
                case ResourceChange.Delete delete:
                    var index = _objects.FindIndex(o => o.Key == delete.Key);
                    if (index >= 0)
                    {
                        _deleted.RemoveAll(d => keyOf(d) == delete.Key);
                        _deleted.Add(_objects[index].Object);
                        _objects.RemoveAt(index);
                    }

                    break;
            }
        }
    }
}
