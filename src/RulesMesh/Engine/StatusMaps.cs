using System.Collections.Immutable;

namespace RulesMesh.Engine;

/// <summary>The statuses the engine would write back, per kind, each by <c>ns/name</c> (ordinal order).</summary>
/// <param name="Gateways">Gateway statuses.</param>
/// <param name="HttpRoutes">HTTPRoute statuses.</param>
/// <param name="BackendConfigPolicies">Statuses of the BackendConfigPolicies attached to some backend.</param>
public sealed record StatusMaps(
    ImmutableSortedDictionary<string, VersionedStatus> Gateways,
    ImmutableSortedDictionary<string, VersionedStatus> HttpRoutes,
    ImmutableSortedDictionary<string, VersionedStatus> BackendConfigPolicies)
{
    private static readonly ImmutableSortedDictionary<string, VersionedStatus> None = ImmutableSortedDictionary.Create<string, VersionedStatus>(StringComparer.Ordinal);

    /// <summary>No statuses.</summary>
    public static StatusMaps Empty { get; } = new(None, None, None);

    /// <summary>The three maps, with their kinds.</summary>
    public IEnumerable<ImmutableSortedDictionary<string, VersionedStatus>> All => [Gateways, HttpRoutes, BackendConfigPolicies];
}
