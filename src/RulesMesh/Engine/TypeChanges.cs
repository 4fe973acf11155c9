namespace RulesMesh.Engine;

/// <summary>What changed in one resource type for one receiver: the resources to send (new or with a new version) and the names that are gone.</summary>
/// <param name="Type">The resource type.</param>
/// <param name="Upserted">New resources and resources whose version changed, by name.</param>
/// <param name="Removed">Names no longer present, ordinal order.</param>
public sealed record TypeChanges(XdsResourceType Type, IReadOnlyList<VersionedResource> Upserted, IReadOnlyList<string> Removed)
{
    /// <summary>Whether nothing changed.</summary>
    public bool IsEmpty => Upserted.Count == 0 && Removed.Count == 0;
}
