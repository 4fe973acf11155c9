using Envoy.Config.Endpoint.V3;
using Envoy.Config.Route.V3;
using RulesMesh.Engine;
using RulesMesh.Xds;

namespace RulesMesh.Server.Xds;

/// <summary>The type URLs of the four resource types the service serves, and their order of pushing.</summary>
public static class XdsTypeUrls
{
    /// <summary><c>type.googleapis.com/envoy.config.cluster.v3.Cluster</c>.</summary>
    public static string Cluster { get; } = ProtoTypeUrls.Of(Envoy.Config.Cluster.V3.Cluster.Descriptor);

    /// <summary><c>type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment</c>.</summary>
    public static string Endpoint { get; } = ProtoTypeUrls.Of(ClusterLoadAssignment.Descriptor);

    /// <summary><c>type.googleapis.com/envoy.config.listener.v3.Listener</c>.</summary>
    public static string Listener { get; } = ProtoTypeUrls.Of(Envoy.Config.Listener.V3.Listener.Descriptor);

    /// <summary><c>type.googleapis.com/envoy.config.route.v3.RouteConfiguration</c>.</summary>
    public static string Route { get; } = ProtoTypeUrls.Of(RouteConfiguration.Descriptor);

    /// <summary>
    /// The types in the order a push sends them, as Envoy wants them (and istiod and go-control-plane send them):
    /// clusters before their endpoints and before the listeners and routes that name them.
    /// </summary>
    public static IReadOnlyList<XdsResourceType> PushOrder { get; } = [XdsResourceType.Cluster, XdsResourceType.Endpoint, XdsResourceType.Listener, XdsResourceType.Route];

    /// <summary>The type URL of <paramref name="type"/>.</summary>
    public static string Of(XdsResourceType type) => type switch
    {
        XdsResourceType.Cluster => Cluster,
        XdsResourceType.Endpoint => Endpoint,
        XdsResourceType.Listener => Listener,
        XdsResourceType.Route => Route,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not an xDS resource type."),
    };

    /// <summary>The resource type <paramref name="typeUrl"/> names, or false for a type this service does not serve.</summary>
    public static bool TryParse(string typeUrl, out XdsResourceType type)
    {
        foreach (var candidate in PushOrder)
        {
            if (Of(candidate) == typeUrl)
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }

    /// <summary>The type URL's last segment (<c>Cluster</c>, <c>ClusterLoadAssignment</c>, ...): the metrics' <c>type</c> label.</summary>
    public static string ShortName(XdsResourceType type) => type switch
    {
        XdsResourceType.Cluster => "Cluster",
        XdsResourceType.Endpoint => "ClusterLoadAssignment",
        XdsResourceType.Listener => "Listener",
        XdsResourceType.Route => "RouteConfiguration",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not an xDS resource type."),
    };
}
