using RulesMesh.Mesh;
using RulesMesh.Rules;

namespace RulesMesh.Capture;

/// <summary>Which waypoint, if any, a Pod or WorkloadEntry uses, and why.</summary>
/// <param name="Waypoint">The waypoint, or null.</param>
/// <param name="Reason">istiod's reasoning, in words.</param>
public sealed record WorkloadWaypointDecision(NamespacedName? Waypoint, string Reason);

/// <summary>
/// istiod's <c>fetchWaypointForWorkload</c> (docs/spec/istio-gatewayapi.md §6.3) for Pods and WorkloadEntries: the object's own
/// <c>istio.io/use-waypoint</c> first (<c>none</c> opts out; a named waypoint must exist, be ready, admit the namespace
/// and take workload traffic, else the workload gets none, without falling back), then its Namespace's label, where a
/// waypoint that takes only service traffic silently binds nothing.
/// </summary>
[Rule("istio.capture.workload-waypoint", Order = 100, Profile = "istio",
    Description = "A Pod or WorkloadEntry uses the waypoint its own istio.io/use-waypoint names, else its Namespace's, when that waypoint is ready, admits it and takes workload traffic.")]
public sealed class IstioWorkloadWaypoint : IWorkloadWaypointRule
{
    /// <inheritdoc />
    public WorkloadWaypointDecision? WorkloadWaypoint(MeshWorkload workload, RuleContext context)
        => Decide(workload.Name.Namespace, workload.Labels, context);

    /// <summary>Decides for a workload in <paramref name="ns"/> with <paramref name="labels"/>.</summary>
    public static WorkloadWaypointDecision Decide(string ns, IReadOnlyDictionary<string, string> labels, RuleContext context)
    {
        if (labels.TryGetValue(IstioLabels.UseWaypoint, out var own))
        {
            return Bind(own, labels.TryGetValue(IstioLabels.UseWaypointNamespace, out var ownNs) ? ownNs : ns, ns, "its own label", inherited: false, context);
        }

        var nsLabels = context.NamespaceLabels(ns);
        return nsLabels.TryGetValue(IstioLabels.UseWaypoint, out var inherited)
            ? Bind(inherited, nsLabels.TryGetValue(IstioLabels.UseWaypointNamespace, out var inheritedNs) ? inheritedNs : ns, ns, $"the label on namespace {ns}", inherited: true, context)
            : new WorkloadWaypointDecision(null, $"neither it nor namespace {ns} has {IstioLabels.UseWaypoint}");
    }

    private static WorkloadWaypointDecision Bind(string name, string waypointNamespace, string ns, string where, bool inherited, RuleContext context)
    {
        var said = $"{where} {IstioLabels.UseWaypoint}={name}";
        if (name == IstioLabels.OptOut)
        {
            return new(null, $"{said} opts out of any waypoint");
        }

        var key = new NamespacedName(waypointNamespace, name);
        var gateway = context.FindGateway(key);
        if (gateway?.Status?.Addresses is not { Count: > 0 })
        {
            return new(null, $"{said}, but Gateway {key} is {(gateway is null ? "missing" : "not ready (no status.addresses)")}: istiod reports WaypointIsNotReady");
        }

        // fetchWaypointForTarget admits the namespace before fetchWaypointForWorkload looks at the traffic type.
        if (AllowedRoutesNamespaces.Denial(gateway, IstioBoundListener.Find(gateway, context), ns, context) is { } denial)
        {
            return new(null, $"{said}, but on Gateway {key} {denial}: istiod reports AttachmentDenied");
        }

        var trafficType = IstioTrafficType.Of(gateway, context);
        if (trafficType.Value is not ("workload" or "all"))
        {
            return new(null, inherited
                ? $"{said}, but for Gateway {key} {trafficType.Source}, which takes no workload traffic; an inherited binding then silently binds nothing"
                : $"{said}, but for Gateway {key} {trafficType.Source}, which takes no workload traffic: istiod reports UnsupportedTrafficType");
        }

        return new(key, $"{said}; Gateway {key} is ready, takes workload traffic ({trafficType.Source}) and admits namespace {ns}");
    }
}
