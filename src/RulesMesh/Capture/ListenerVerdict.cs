using RulesMesh.Models.GatewayNetworkingK8sIo.V1;

namespace RulesMesh.Capture;

/// <summary>The listener a waypoint serves and the Gateway status that results.</summary>
/// <param name="ListenerName">The served listener, or null when none is valid (the Gateway then produces no output).</param>
/// <param name="Port">The served listener's port.</param>
/// <param name="Status">The Gateway status to report, in the Gateway API's own shape.</param>
public sealed record ListenerVerdict(string? ListenerName, int Port, GatewayStatus Status);
