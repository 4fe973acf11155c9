using k8s;
using k8s.Models;

namespace RulesMesh.Engine;

/// <summary>One change to the engine's inputs: an object created or replaced (status-only changes included), or deleted.</summary>
public abstract record ResourceChange
{
    private ResourceChange()
    {
    }

    /// <summary>Creates or replaces the object with <paramref name="Object"/>'s group, kind, namespace and name.</summary>
    /// <param name="Object">The object as it now is.</param>
    public sealed record Upsert(IKubernetesObject<V1ObjectMeta> Object) : ResourceChange;

    /// <summary>Deletes the object <paramref name="Key"/> names; nothing when there is none.</summary>
    /// <param name="Key">The object's key.</param>
    public sealed record Delete(ResourceKey Key) : ResourceChange;
}
