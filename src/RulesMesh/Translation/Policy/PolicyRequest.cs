using RulesMesh.Capture;
using RulesMesh.Mesh;

namespace RulesMesh.Translation.Policy;

/// <summary>The policies of one captured service on one waypoint.</summary>
public sealed record PolicyRequest(GatewayCapture Waypoint, MeshService Service);
