using RulesMesh.Mesh;

namespace RulesMesh.Engine;

/// <summary>Gateways by namespace, then name, ordinal.</summary>
internal sealed class ProxyOrder : IComparer<NamespacedName>
{
    public static ProxyOrder Instance { get; } = new();

    public int Compare(NamespacedName x, NamespacedName y)
    {
        var byNamespace = string.CompareOrdinal(x.Namespace, y.Namespace);
        return byNamespace != 0 ? byNamespace : string.CompareOrdinal(x.Name, y.Name);
    }
}
