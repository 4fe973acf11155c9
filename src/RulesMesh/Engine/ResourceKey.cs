using k8s;
using k8s.Models;
using RulesMesh.Mesh;
using RulesMesh.Store;

namespace RulesMesh.Engine;

/// <summary>What identifies an input object: API group, kind, namespace ("" when cluster-scoped) and name. The version is not part of it: every version of a kind reads into one type.</summary>
/// <param name="Group">The API group, "" for the core group.</param>
/// <param name="Kind">The kind.</param>
/// <param name="Namespace">The namespace, "" for cluster-scoped kinds.</param>
/// <param name="Name">The name.</param>
public readonly record struct ResourceKey(string Group, string Kind, string Namespace, string Name)
{
    /// <summary>The key of <paramref name="resource"/>, its group and kind read from its <c>apiVersion</c> and <c>kind</c>, a namespaced object without a namespace in <see cref="ResourceStore.DefaultNamespace"/> as <paramref name="namespaced"/> says.</summary>
    public static ResourceKey Of(IKubernetesObject<V1ObjectMeta> resource, bool namespaced)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var apiVersion = resource.ApiVersion ?? string.Empty;
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var ns = resource.Metadata?.NamespaceProperty ?? (namespaced ? ResourceStore.DefaultNamespace : string.Empty);
        return new ResourceKey(slash < 0 ? string.Empty : apiVersion[..slash], resource.Kind ?? string.Empty, ns, resource.Metadata?.Name ?? string.Empty);
    }

    /// <summary>The engine's key of the object <paramref name="key"/> names: the same four parts.</summary>
    public static ResourceKey Of(ObjectKey key) => new(key.Group, key.Kind, key.Namespace, key.Name);

    /// <inheritdoc />
    public override string ToString() => $"{(Group.Length == 0 ? string.Empty : Group + "/")}{Kind} {(Namespace.Length == 0 ? string.Empty : Namespace + "/")}{Name}";
}
