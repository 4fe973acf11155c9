namespace RulesMesh.Engine;

/// <summary>A status to write back, or one that is gone.</summary>
/// <param name="Kind">The kind of the object.</param>
/// <param name="Key">The object's <c>ns/name</c>.</param>
/// <param name="Status">The new status, or null when the engine no longer reports one.</param>
public sealed record StatusChange(string Kind, string Key, VersionedStatus? Status);
