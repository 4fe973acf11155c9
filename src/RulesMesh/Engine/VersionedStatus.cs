namespace RulesMesh.Engine;

/// <summary>One object's status as the engine would write it back, with a content hash as version.</summary>
/// <param name="Kind">The kind of the object (Gateway, HTTPRoute, GRPCRoute, BackendConfigPolicy).</param>
/// <param name="Key">The object's <c>ns/name</c>.</param>
/// <param name="Status">The status (the kind's generated status type).</param>
/// <param name="Version">The hash of its JSON form.</param>
public sealed record VersionedStatus(string Kind, string Key, object Status, string Version);
