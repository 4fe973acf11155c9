using k8s.Models;
using RulesMesh.Capture;
using RulesMesh.Models.NetworkingIstioIo.V1;

namespace RulesMesh.Engine;

/// <summary>A Pod or WorkloadEntry with the waypoint a workload rule bound it to; null when none did.</summary>
internal sealed class WorkloadItem(InputKey key, string kind) : InputItem(key, kind, ItemOrder.Captures)
{
    public override object? Compute(ItemFrame frame)
    {
        var workload = frame.Store.GetObject(Key.Type, Key.Namespace, Key.Name) switch
        {
            V1Pod pod => MeshWorkload.Of(pod),
            WorkloadEntry entry => MeshWorkload.Of(entry),
            _ => null,
        };
        return workload is not null && frame.Pipeline.Stage<IWorkloadWaypointRule>().WorkloadWaypoint(workload, frame.Rules) is { } decision
            ? new WorkloadCapture(workload, decision)
            : null;
    }

    public override bool SameValue(object? before, object? after) => before is null && after is null;
}
