using System.Text.Json.Serialization;
using k8s.Models;

namespace RulesMesh.Capture;

/// <summary>
/// The status istiod writes to a Service or ServiceEntry about its waypoint (docs/spec/istio-gatewayapi.md §6.4 item 6):
/// only its conditions, which the status publisher merges into what the object has.
/// </summary>
/// <param name="Conditions">The conditions, in the order <see cref="IstioServiceConditions"/> gives them.</param>
public sealed record ServiceWaypointStatus([property: JsonPropertyName("conditions")] IReadOnlyList<V1Condition> Conditions);
