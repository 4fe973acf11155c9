using Envoy.Service.Discovery.V3;
using Grpc.Core;

namespace RulesMesh.Server.Xds;

/// <summary>
/// Envoy's v3 Aggregated Discovery Service on Grpc.AspNetCore: State of the World and incremental streams for clusters,
/// endpoints, listeners and routes, served from an <see cref="IProxySnapshotSource"/> (docs/serve-xds.md). Grpc.AspNetCore
/// makes one per call; the streams live in the one <see cref="XdsConnections"/>. Map it with
/// <see cref="XdsEndpointRouteBuilderExtensions.MapRulesMeshXds"/>.
/// </summary>
/// <remarks>
/// Not sealed, and its methods virtual, because Grpc.AspNetCore binds only virtual methods declared by the type that
/// carries <see cref="BindServiceMethodAttribute"/> (generated stubs have the same shape).
/// </remarks>
[BindServiceMethod(typeof(AggregatedDiscoveryService), nameof(BindService))]
public class AggregatedDiscoveryService(XdsConnections connections)
{
    /// <summary>Binds the two methods (<see cref="AdsMethods"/>); Grpc.AspNetCore calls it, as it calls generated stubs.</summary>
    public static void BindService(ServiceBinderBase binder, AggregatedDiscoveryService? service)
    {
        ArgumentNullException.ThrowIfNull(binder);
        binder.AddMethod(AdsMethods.StreamAggregatedResources, service is null ? null : service.StreamAggregatedResources);
        binder.AddMethod(AdsMethods.DeltaAggregatedResources, service is null ? null : service.DeltaAggregatedResources);
    }

    /// <summary>A State of the World stream.</summary>
    public virtual Task StreamAggregatedResources(IAsyncStreamReader<DiscoveryRequest> requestStream, IServerStreamWriter<DiscoveryResponse> responseStream, ServerCallContext context)
        => connections.ServeStateOfTheWorldAsync(requestStream, responseStream, context);

    /// <summary>An incremental stream.</summary>
    public virtual Task DeltaAggregatedResources(IAsyncStreamReader<DeltaDiscoveryRequest> requestStream, IServerStreamWriter<DeltaDiscoveryResponse> responseStream, ServerCallContext context)
        => connections.ServeDeltaAsync(requestStream, responseStream, context);
}
