using System.Collections.Immutable;

namespace RulesMesh.Engine;

/// <summary>An immutable set of versioned xDS resources, by type and then by name (ordinal order).</summary>
public sealed class ResourceSet
{
    private static readonly ImmutableSortedDictionary<string, VersionedResource> NoResources = ImmutableSortedDictionary.Create<string, VersionedResource>(StringComparer.Ordinal);

    private readonly ImmutableSortedDictionary<string, VersionedResource>[] _byType;

    private ResourceSet(ImmutableSortedDictionary<string, VersionedResource>[] byType) => _byType = byType;

    /// <summary>No resources of any type.</summary>
    public static ResourceSet Empty { get; } = new([NoResources, NoResources, NoResources, NoResources]);

    /// <summary>The resources of <paramref name="type"/>, by name.</summary>
    public ImmutableSortedDictionary<string, VersionedResource> this[XdsResourceType type] => _byType[(int)type];

    /// <summary>How many resources there are of every type together.</summary>
    public int Count => _byType.Sum(static t => t.Count);

    /// <summary>This set with <paramref name="resource"/> (replacing one of the same type and name).</summary>
    public ResourceSet With(XdsResourceType type, VersionedResource resource) => Replace(type, this[type].SetItem(resource.Name, resource));

    /// <summary>This set without the resource of <paramref name="type"/> named <paramref name="name"/>.</summary>
    public ResourceSet Without(XdsResourceType type, string name) => Replace(type, this[type].Remove(name));

    /// <summary>A set of the given resources; a later resource of a type and name already given replaces the earlier one.</summary>
    public static ResourceSet Of(IEnumerable<(XdsResourceType Type, VersionedResource Resource)> resources)
    {
        var builders = Enumerable.Range(0, 4).Select(static _ => NoResources.ToBuilder()).ToArray();
        foreach (var (type, resource) in resources)
        {
            builders[(int)type][resource.Name] = resource;
        }

        return new ResourceSet([.. builders.Select(static b => b.ToImmutable())]);
    }

    /// <summary>A set of the resources by type, <see cref="XdsResourceType"/> order.</summary>
    internal static ResourceSet From(ImmutableSortedDictionary<string, VersionedResource>[] byType) => new(byType);

    private ResourceSet Replace(XdsResourceType type, ImmutableSortedDictionary<string, VersionedResource> resources)
    {
        var byType = (ImmutableSortedDictionary<string, VersionedResource>[])_byType.Clone();
        byType[(int)type] = resources;
        return new ResourceSet(byType);
    }
}
