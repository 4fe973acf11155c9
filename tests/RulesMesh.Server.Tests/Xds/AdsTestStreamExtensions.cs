using Envoy.Service.Discovery.V3;

namespace RulesMesh.Server.Tests.Xds;

internal static class AdsTestStreamExtensions
{
    /// <summary>Acknowledges the response once it arrives and returns it.</summary>
    public static async Task<DiscoveryResponse> AckedBy(this Task<DiscoveryResponse> response, AdsTestStream<DiscoveryRequest, DiscoveryResponse> stream)
    {
        var received = await response;
        await stream.SendAsync(TestResources.Ack(received));
        return received;
    }
}
