using Envoy.Config.Cluster.V3;
using Envoy.Config.Endpoint.V3;
using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;

namespace RulesMesh.Xds.Tests;

/// <summary>The descriptors built in the background are those of the xDS resource types, named by their type URLs.</summary>
public sealed class EnvoyDescriptorsTests
{
    [Fact]
    public async Task Building_in_the_background_completes_and_the_resource_types_have_their_xds_type_urls()
    {
        await EnvoyDescriptors.BuildInBackground();

        Assert.Equal("type.googleapis.com/envoy.config.cluster.v3.Cluster", ProtoTypeUrls.Of(Cluster.Descriptor));
        Assert.Equal("type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment", ProtoTypeUrls.Of(ClusterLoadAssignment.Descriptor));
        Assert.Equal("type.googleapis.com/envoy.config.listener.v3.Listener", ProtoTypeUrls.Of(Listener.Descriptor));
        Assert.Equal("type.googleapis.com/envoy.config.route.v3.RouteConfiguration", ProtoTypeUrls.Of(RouteConfiguration.Descriptor));
    }
}
