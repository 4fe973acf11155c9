using RulesMesh.Mesh;

namespace RulesMesh.Translation.Proxyless;

/// <summary>
/// The service a proxyless listener and route configuration come from, as far as choosing among services that give the
/// same <c>&lt;host&gt;:&lt;port&gt;</c> needs it. Istio resolves a host per client namespace: the service in the
/// client's own namespace wins, else the oldest (<c>creationTimestamp</c>), else the smallest namespace, then name.
/// </summary>
/// <param name="Namespace">The service's namespace.</param>
/// <param name="Name">The service's name.</param>
/// <param name="Created">Its <c>metadata.creationTimestamp</c>, if written (none counts as oldest, as elsewhere).</param>
public sealed record ProxylessOwner(string Namespace, string Name, DateTime? Created)
{
    /// <summary>The owner of <paramref name="service"/>'s resources.</summary>
    public static ProxylessOwner Of(MeshService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return new ProxylessOwner(service.Namespace, service.Name, service.Source.Metadata?.CreationTimestamp);
    }

    /// <summary>Negative when this owner is preferred over <paramref name="other"/> by a client in <paramref name="clientNamespace"/>.</summary>
    public int CompareFor(ProxylessOwner other, string clientNamespace)
    {
        ArgumentNullException.ThrowIfNull(other);
        var local = (other.Namespace == clientNamespace).CompareTo(Namespace == clientNamespace);
        if (local != 0)
        {
            return local;
        }

        var byAge = (Created ?? DateTime.MinValue).CompareTo(other.Created ?? DateTime.MinValue);
        if (byAge != 0)
        {
            return byAge;
        }

        var byNamespace = string.CompareOrdinal(Namespace, other.Namespace);
        return byNamespace != 0 ? byNamespace : string.CompareOrdinal(Name, other.Name);
    }
}
