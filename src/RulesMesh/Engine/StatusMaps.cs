using System.Collections.Immutable;

namespace RulesMesh.Engine;

/// <summary>The statuses the engine would write back, per kind, each by <c>ns/name</c> (ordinal order).</summary>
/// <param name="Gateways">Gateway statuses.</param>
/// <param name="HttpRoutes">HTTPRoute statuses.</param>
/// <param name="GrpcRoutes">GRPCRoute statuses.</param>
/// <param name="BackendConfigPolicies">Statuses of the BackendConfigPolicies attached to some backend.</param>
public sealed record StatusMaps(
    ImmutableSortedDictionary<string, VersionedStatus> Gateways,
    ImmutableSortedDictionary<string, VersionedStatus> HttpRoutes,
    ImmutableSortedDictionary<string, VersionedStatus> GrpcRoutes,
    ImmutableSortedDictionary<string, VersionedStatus> BackendConfigPolicies)
{
    private static readonly ImmutableSortedDictionary<string, VersionedStatus> None = ImmutableSortedDictionary.Create<string, VersionedStatus>(StringComparer.Ordinal);

    /// <summary>The position of the Gateway statuses in <see cref="All"/>.</summary>
    internal const int GatewayKind = 0;

    /// <summary>The position of the HTTPRoute statuses in <see cref="All"/>.</summary>
    internal const int HttpRouteKind = 1;

    /// <summary>The position of the GRPCRoute statuses in <see cref="All"/>.</summary>
    internal const int GrpcRouteKind = 2;

    /// <summary>The position of the BackendConfigPolicy statuses in <see cref="All"/>.</summary>
    internal const int BackendConfigPolicyKind = 3;

    /// <summary>The position of the TCPRoute statuses in <see cref="All"/>.</summary>
    internal const int TcpRouteKind = 4;

    /// <summary>The position of the TLSRoute statuses in <see cref="All"/>.</summary>
    internal const int TlsRouteKind = 5;

    /// <summary>The position of the Service statuses in <see cref="All"/>.</summary>
    internal const int ServiceKind = 6;

    /// <summary>The position of the ServiceEntry statuses in <see cref="All"/>.</summary>
    internal const int ServiceEntryKind = 7;

    /// <summary>How many kinds <see cref="All"/> has.</summary>
    internal const int KindCount = 8;

    /// <summary>TCPRoute statuses (the istio profile's mesh TCPRoutes).</summary>
    public ImmutableSortedDictionary<string, VersionedStatus> TcpRoutes { get; init; } = None;

    /// <summary>TLSRoute statuses (the istio profile's mesh TLSRoutes).</summary>
    public ImmutableSortedDictionary<string, VersionedStatus> TlsRoutes { get; init; } = None;

    /// <summary>The waypoint conditions of Services (istio profile only: other profiles write none).</summary>
    public ImmutableSortedDictionary<string, VersionedStatus> Services { get; init; } = None;

    /// <summary>The waypoint conditions of ServiceEntries (istio profile only: other profiles write none).</summary>
    public ImmutableSortedDictionary<string, VersionedStatus> ServiceEntries { get; init; } = None;

    /// <summary>No statuses.</summary>
    public static StatusMaps Empty { get; } = new(None, None, None, None);

    /// <summary>The maps, in this order (a kind's position numbers it).</summary>
    public IEnumerable<ImmutableSortedDictionary<string, VersionedStatus>> All => [Gateways, HttpRoutes, GrpcRoutes, BackendConfigPolicies, TcpRoutes, TlsRoutes, Services, ServiceEntries];
}
