using RulesMesh.Models.GatewayNetworkingK8sIo.V1;

namespace RulesMesh.Engine;

/// <summary>What one Gateway's translation gives: its proxy's own resources (null when it has none) and its status (null when no rule wrote one).</summary>
/// <param name="Output">The resources.</param>
/// <param name="Status">The status.</param>
internal sealed record ProxyOutput(GatewayOutput? Output, GatewayStatus? Status);
