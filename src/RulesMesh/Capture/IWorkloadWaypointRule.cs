using RulesMesh.Rules;

namespace RulesMesh.Capture;

/// <summary>Capture stage: which waypoint, if any, a Pod or WorkloadEntry is bound to. The first non-null result wins.</summary>
[StageContract(RuleStage.Capture)]
public interface IWorkloadWaypointRule
{
    /// <summary>The decision, or null when the rule (or the profile) does not bind workloads.</summary>
    WorkloadWaypointDecision? WorkloadWaypoint(MeshWorkload workload, RuleContext context);
}
