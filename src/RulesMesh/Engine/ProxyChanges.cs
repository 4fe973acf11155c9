namespace RulesMesh.Engine;

/// <summary>What changed for one receiver, per resource type (clusters, endpoints, listeners, routes: the order to push them in).</summary>
/// <param name="Types">One entry per type that changed.</param>
public sealed record ProxyChanges(IReadOnlyList<TypeChanges> Types)
{
    /// <summary>The changes of <paramref name="type"/>, or null when it did not change.</summary>
    public TypeChanges? this[XdsResourceType type] => Types.FirstOrDefault(t => t.Type == type);
}
