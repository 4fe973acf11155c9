using Envoy.Config.Core.V3;
using Envoy.Extensions.TransportSockets.InternalUpstream.V3;
using Google.Protobuf.WellKnownTypes;

namespace RulesMesh.Translation.Policy;

/// <summary>
/// A cluster that hands its traffic to an internal listener through an <c>internal_upstream</c> socket (an Istio
/// waypoint's <c>inbound-vip</c> clusters, which reach <c>connect_originate</c> that way) keeps that socket: a policy's
/// TLS or PROXY protocol goes inside it, in place of the socket it wraps (docs/spec/istio-waypoint-output.md §3:
/// <c>internal_upstream</c> "wraps raw_buffer, or the DestinationRule's SIMPLE/MUTUAL TLS").
/// </summary>
internal static class InternalUpstreamSockets
{
    /// <summary>The name of the internal upstream transport socket.</summary>
    public const string SocketName = "internal_upstream";

    /// <summary>
    /// <paramref name="change"/> applied to <paramref name="current"/>, or, when that is an <c>internal_upstream</c>
    /// socket, to the socket it wraps, the internal upstream and its metadata passthrough kept around the result.
    /// </summary>
    public static TransportSocket Within(TransportSocket? current, Func<TransportSocket?, TransportSocket> change)
    {
        if (current is not { Name: SocketName })
        {
            return change(current);
        }

        var transport = current.TypedConfig.Unpack<InternalUpstreamTransport>();
        transport.TransportSocket = change(transport.TransportSocket);
        return new TransportSocket { Name = SocketName, TypedConfig = Any.Pack(transport) };
    }
}
