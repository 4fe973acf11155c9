using RulesMesh.Capture;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;

namespace RulesMesh.Engine;

/// <summary>What the capture rules decided about one Gateway: is it a waypoint, and which listener it serves.</summary>
internal sealed record GatewayJudgement(Gateway Gateway, WaypointDecision Decision, ListenerVerdict? Listener);
