using Envoy.Config.Cluster.V3;
using Envoy.Config.Endpoint.V3;
using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;
using Envoy.Extensions.Filters.Network.HttpConnectionManager.V3;
using Envoy.Extensions.Upstreams.Http.V3;

namespace RulesMesh.Xds;

/// <summary>
/// Builds, on a thread-pool thread, the descriptors of the Envoy types every translation writes: the four xDS resource
/// types, the HTTP connection manager, the upstream HTTP protocol options, and their imports. Google.Protobuf builds a
/// file's descriptors, with an accessor for every field, the first time one of its types is described: about a quarter
/// of a second of one core in a fresh process, which a command can spend while it reads its input rather than at its
/// first cluster. Types not listed are still built when first used.
/// </summary>
public static class EnvoyDescriptors
{
    /// <summary>Starts building the descriptors; the task ends when they are built.</summary>
    public static Task BuildInBackground() => Task.Run(static () =>
    {
        _ = Cluster.Descriptor;
        _ = ClusterLoadAssignment.Descriptor;
        _ = Listener.Descriptor;
        _ = RouteConfiguration.Descriptor;
        _ = HttpConnectionManager.Descriptor;
        _ = HttpProtocolOptions.Descriptor;
    });
}
