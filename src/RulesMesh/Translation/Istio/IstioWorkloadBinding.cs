using RulesMesh.Capture;

namespace RulesMesh.Translation.Istio;

/// <summary>The workloads bound to a waypoint, whose IPs the direct chains serve (docs/spec/istio-waypoint-output.md §1, §2.2).</summary>
internal static class IstioWorkloadBinding
{
    /// <summary>The IPs of the Pods and WorkloadEntries bound to <paramref name="waypoint"/> by <c>istio.io/use-waypoint</c>.</summary>
    public static IReadOnlyList<string> AddressesFor(GatewayCapture waypoint, TranslationContext context)
        => [.. IstioWorkloadIndex.For(context).All
            .Where(w => IstioWorkloadWaypoint.Decide(w.Namespace, w.Labels, context.Rules).Waypoint == waypoint.Name)
            .Select(static w => w.Address)];
}
