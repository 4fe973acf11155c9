using Envoy.Service.Discovery.V3;
using Google.Protobuf;
using Grpc.Core;

namespace RulesMesh.Server.Xds;

/// <summary>
/// The two methods of Envoy's <c>envoy.service.discovery.v3.AggregatedDiscoveryService</c>, written by hand because
/// RulesMesh.Envoy compiles the discovery messages without gRPC stubs. The server binds them
/// (<see cref="AggregatedDiscoveryService"/>); a client calls them through any <see cref="CallInvoker"/>.
/// </summary>
public static class AdsMethods
{
    /// <summary>The gRPC service name.</summary>
    public const string ServiceName = "envoy.service.discovery.v3.AggregatedDiscoveryService";

    /// <summary>State of the World: each response carries every resource of its type the client subscribed to.</summary>
    public static Method<DiscoveryRequest, DiscoveryResponse> StreamAggregatedResources { get; } = new(
        MethodType.DuplexStreaming,
        ServiceName,
        "StreamAggregatedResources",
        MarshallerOf(DiscoveryRequest.Parser),
        MarshallerOf(DiscoveryResponse.Parser));

    /// <summary>Incremental: each response carries the resources that changed and the names removed.</summary>
    public static Method<DeltaDiscoveryRequest, DeltaDiscoveryResponse> DeltaAggregatedResources { get; } = new(
        MethodType.DuplexStreaming,
        ServiceName,
        "DeltaAggregatedResources",
        MarshallerOf(DeltaDiscoveryRequest.Parser),
        MarshallerOf(DeltaDiscoveryResponse.Parser));

    private static Marshaller<T> MarshallerOf<T>(MessageParser<T> parser) where T : IMessage<T>
        => Marshallers.Create(static message => message.ToByteArray(), parser.ParseFrom);
}
