namespace RulesMesh.Server.Xds;

/// <summary>One connected stream as <c>/debug/proxies</c> shows it.</summary>
/// <param name="Node">Who it is.</param>
/// <param name="Variant"><c>sotw</c> or <c>delta</c>.</param>
/// <param name="SnapshotKey">The snapshot it is served from, or null while it has none.</param>
/// <param name="ConnectedAt">When the stream opened.</param>
/// <param name="AckedVersions">Per type URL, the version it last acknowledged.</param>
/// <param name="LastNack">The last rejection, or null.</param>
public sealed record ProxyStatus(
    ProxyNode Node,
    string Variant,
    string? SnapshotKey,
    DateTimeOffset ConnectedAt,
    IReadOnlyDictionary<string, string> AckedVersions,
    XdsNack? LastNack);
