using System.Collections.Immutable;

namespace RulesMesh.Engine;

/// <summary>
/// A <see cref="ResourceSet"/> being changed by one step: the names it sets and removes go into mutable builders,
/// so a step that files thousands of resources (a full run files every cluster) does not copy a path of the immutable
/// tree for each one.
/// </summary>
internal sealed class ResourceSetBuilder(ResourceSet start)
{
    private readonly ImmutableSortedDictionary<string, VersionedResource>.Builder[] _byType = [.. Enum.GetValues<XdsResourceType>().Select(type => start[type].ToBuilder())];

    /// <summary>Sets <paramref name="resource"/> (replacing one of the same type and name).</summary>
    public void Set(XdsResourceType type, VersionedResource resource) => _byType[(int)type][resource.Name] = resource;

    /// <summary>Removes the resource of <paramref name="type"/> named <paramref name="name"/>.</summary>
    public void Remove(XdsResourceType type, string name) => _byType[(int)type].Remove(name);

    public ResourceSet ToResourceSet() => ResourceSet.From([.. _byType.Select(static b => b.ToImmutable())]);
}
