using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace RulesMesh.Server.Xds;

/// <summary>Maps the xDS service in an ASP.NET Core app of your own.</summary>
public static class XdsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>envoy.service.discovery.v3.AggregatedDiscoveryService</c> (both methods); the app called
    /// <see cref="XdsServiceCollectionExtensions.AddRulesMeshXds"/>. Serve it on an HTTP/2 endpoint.
    /// </summary>
    public static GrpcServiceEndpointConventionBuilder MapRulesMeshXds(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGrpcService<AggregatedDiscoveryService>();
    }
}
