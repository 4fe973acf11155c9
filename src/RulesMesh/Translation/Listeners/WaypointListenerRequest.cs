using Envoy.Config.Listener.V3;
using RulesMesh.Capture;

namespace RulesMesh.Translation.Listeners;

/// <summary>The waypoint's listener to build, around its filter chains (already sorted by name, never empty).</summary>
public sealed record WaypointListenerRequest(GatewayCapture Waypoint, IReadOnlyList<FilterChain> Chains);
