using Envoy.Config.Cluster.V3;
using Envoy.Config.Endpoint.V3;
using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;

namespace RulesMesh.Translation.Proxyless;

/// <summary>
/// What proxyless gRPC clients get for one service: per host and port an API listener and its route configuration
/// (both named <c>&lt;host&gt;:&lt;port&gt;</c>), every cluster its routes name (those gRPC cannot use as
/// <see cref="UnavailableCluster"/>s), with their load assignments, and which client namespaces see its listeners.
/// </summary>
/// <param name="Visibility">The client namespaces that see the listeners and route configurations.</param>
/// <param name="Listeners">The API listeners.</param>
/// <param name="Routes">Their route configurations.</param>
/// <param name="Clusters">The clusters its routes name, each with its load assignment.</param>
public sealed record ProxylessService(
    ProxylessVisibility Visibility,
    IReadOnlyList<Listener> Listeners,
    IReadOnlyList<RouteConfiguration> Routes,
    IReadOnlyList<(Cluster Cluster, ClusterLoadAssignment Endpoints)> Clusters)
{
    /// <summary>The service they come from, which ranks them when another service gives the same host and port.</summary>
    public ProxylessOwner? Owner { get; init; }

    /// <summary>Nothing for proxyless clients.</summary>
    public static ProxylessService None { get; } = new(ProxylessVisibility.Nowhere, [], [], []);

    /// <summary>Whether <paramref name="other"/> holds equal resources and visibility.</summary>
    public bool Same(ProxylessService other)
        => other is not null && Equals(Owner, other.Owner) && Visibility.Equals(other.Visibility) && Listeners.SequenceEqual(other.Listeners) && Routes.SequenceEqual(other.Routes) && Clusters.SequenceEqual(other.Clusters);
}
