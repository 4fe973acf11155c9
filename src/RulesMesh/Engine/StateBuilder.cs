using System.Collections.Immutable;
using Google.Protobuf;
using RulesMesh.Mesh;

namespace RulesMesh.Engine;

/// <summary>Versions a full translation's outputs into an <see cref="EngineState"/>.</summary>
internal static class StateBuilder
{
    public static EngineState From(long revision, TranslationOutputs outputs)
    {
        var shared = ResourceSet.Of(
            outputs.SharedClusters.Select(static c => (XdsResourceType.Cluster, VersionedResource.Of(c.Name, c)))
                .Concat(outputs.SharedEndpoints.Select(static e => (XdsResourceType.Endpoint, VersionedResource.Of(e.ClusterName, e)))));
        var proxies = ImmutableSortedDictionary.CreateBuilder<NamespacedName, ProxyState>(ProxyOrder.Instance);
        foreach (var gateway in outputs.Gateways)
        {
            proxies[gateway.Gateway] = new ProxyState(gateway.Gateway, gateway.IsWaypoint, ResourceSet.Of(
                Resources(XdsResourceType.Listener, gateway.Listeners, static l => l.Name)
                    .Concat(Resources(XdsResourceType.Route, gateway.Routes, static r => r.Name))
                    .Concat(Resources(XdsResourceType.Cluster, gateway.Clusters, static c => c.Name))
                    .Concat(Resources(XdsResourceType.Endpoint, gateway.Endpoints, static e => e.ClusterName))));
        }

        var statuses = new StatusMaps(
            Statuses("Gateway", outputs.GatewayStatuses),
            Statuses("HTTPRoute", outputs.RouteStatuses),
            Statuses("BackendConfigPolicy", outputs.BackendConfigPolicyStatuses));
        return new EngineState(revision, shared, proxies.ToImmutable(), statuses, [.. outputs.Warnings]);
    }

    private static IEnumerable<(XdsResourceType, VersionedResource)> Resources<T>(XdsResourceType type, IEnumerable<T> resources, Func<T, string> name)
        where T : IMessage
        => resources.Select(r => (type, VersionedResource.Of(name(r), r)));

    private static ImmutableSortedDictionary<string, VersionedStatus> Statuses<T>(string kind, IReadOnlyDictionary<string, T> statuses)
        where T : notnull
        => statuses.ToImmutableSortedDictionary(static s => s.Key, s => StatusVersion.Of(kind, s.Key, s.Value), StringComparer.Ordinal);
}
