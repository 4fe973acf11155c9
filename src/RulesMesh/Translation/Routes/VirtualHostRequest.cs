using RulesMesh.Capture;
using RulesMesh.Mesh;

namespace RulesMesh.Translation.Routes;

/// <summary>What the virtual host of one HTTP filter chain is built from.</summary>
/// <param name="Waypoint">The waypoint.</param>
/// <param name="Service">The captured service.</param>
/// <param name="Port">The chain's port.</param>
/// <param name="Routes">Gateway-attached routes first, then the service's own; empty means the default route.</param>
public sealed record VirtualHostRequest(GatewayCapture Waypoint, MeshService Service, ServicePort Port, IReadOnlyList<AttachedRoute> Routes);
