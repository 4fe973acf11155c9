using RulesMesh.Engine;

namespace RulesMesh.Server.Xds;

/// <summary>An incremental response awaiting its ACK or NACK.</summary>
/// <param name="Version">Its <c>system_version_info</c>.</param>
/// <param name="Sent">The resources it carried, by name.</param>
/// <param name="Previous">For each name it carried or removed, what the proxy held before (version and content, null for nothing): restored on a NACK.</param>
internal sealed record DeltaPending(string Version, IReadOnlyDictionary<string, VersionedResource> Sent, IReadOnlyDictionary<string, (string? Version, VersionedResource? Resource)> Previous);
