namespace RulesMesh.Capture;

/// <summary>One workload and the waypoint it is bound to, if any, with the reason.</summary>
/// <param name="Workload">The workload.</param>
/// <param name="Decision">The binding decision.</param>
public sealed record WorkloadCapture(MeshWorkload Workload, WorkloadWaypointDecision Decision);
