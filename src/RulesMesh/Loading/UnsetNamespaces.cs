namespace RulesMesh.Loading;

/// <summary>
/// Settles the namespace of objects whose manifest names none. kubectl and the API server read an empty
/// <c>metadata.namespace</c> as an absent one, so <c>""</c> is cleared like null: a namespaced object then takes the
/// load's default namespace (<c>kubectl apply -n</c>) when one is given, else stays unset (the store's <c>default</c>);
/// a cluster-scoped one keeps no namespace.
/// </summary>
internal static class UnsetNamespaces
{
    /// <summary>Gives each of <paramref name="resources"/> with a null or empty namespace <paramref name="defaultNamespace"/>, or none.</summary>
    public static void Settle(List<LoadedResource> resources, string? defaultNamespace)
    {
        foreach (var resource in resources)
        {
            if (resource.Object.Metadata is { NamespaceProperty: null or "" } metadata)
            {
                metadata.NamespaceProperty = resource.Model.Namespaced ? defaultNamespace : null;
            }
        }
    }
}
