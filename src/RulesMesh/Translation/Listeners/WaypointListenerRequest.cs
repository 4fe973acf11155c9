using RulesMesh.Capture;

namespace RulesMesh.Translation.Listeners;

/// <summary>The waypoint's listener to build, around its services' filter chains (already sorted by chain name, never empty).</summary>
public sealed record WaypointListenerRequest(GatewayCapture Waypoint, IReadOnlyList<ServiceChain> Chains);
