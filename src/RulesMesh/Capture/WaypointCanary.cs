using RulesMesh.Mesh;

namespace RulesMesh.Capture;

/// <summary>
/// A second waypoint that owns a service besides its primary one (Istio's canary waypoint,
/// docs/spec/istio-gatewayapi.md §6.1 and §6.4: WDS <c>WeightedWaypoints</c> = primary 100-<paramref name="Weight"/>, canary <paramref name="Weight"/>).
/// </summary>
/// <param name="Waypoint">The canary waypoint Gateway.</param>
/// <param name="Weight">The share of traffic, 0 to 100, sent to the canary.</param>
public readonly record struct WaypointCanary(NamespacedName Waypoint, int Weight);
