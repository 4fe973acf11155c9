using k8s;
using k8s.Models;
using RulesMesh.Mesh;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;

namespace RulesMesh.Rules;

/// <summary>
/// One profile's rules compiled into ordered direct calls per stage. The rules generator writes the subclasses
/// (<c>RulePipelines.Create(profile)</c> in each assembly that has rules); nothing is looked up at run time.
/// </summary>
public abstract class RulePipeline
{
    /// <summary>The profile this pipeline implements.</summary>
    public abstract string Profile { get; }

    /// <summary>The active rules, by stage and order, with replacements applied.</summary>
    public abstract IReadOnlyList<RuleInfo> Rules { get; }

    /// <summary>Capture stage: is the Gateway a waypoint that captures services?</summary>
    public abstract WaypointDecision EvaluateWaypoint(Gateway gateway, RuleContext context);

    /// <summary>Capture stage: which waypoint, if any, does the service use?</summary>
    public abstract CaptureDecision EvaluateCapture(MeshService service, RuleContext context);

    /// <summary>Service model stage: the service an object stands for, or null when no rule models its kind.</summary>
    public abstract MeshService? BuildService(IKubernetesObject<V1ObjectMeta> resource, RuleContext context);

    /// <summary>Listeners stage: the listener a waypoint serves and its Gateway status, or null when no rule decides.</summary>
    public abstract ListenerVerdict? EvaluateListeners(Gateway gateway, RuleContext context);

    /// <summary>Naming stage: the cluster name of a backend, or null when no rule names it.</summary>
    public abstract string? ClusterName(BackendTarget target, RuleContext context);
}
