using RulesMesh.Capture;

namespace RulesMesh.Translation.Istio;

/// <summary>The workloads bound to a waypoint, whose IPs the direct chains serve (docs/spec/istio-waypoint-output.md §1, §2.2).</summary>
internal static class IstioWorkloadBinding
{
    /// <summary>The IPs of the Pods and WorkloadEntries the capture stage bound to <paramref name="waypoint"/>.</summary>
    public static IReadOnlyList<string> AddressesFor(GatewayCapture waypoint, TranslationContext context)
        => [.. context.Capture.WorkloadsFor(waypoint.Name).Select(static w => w.Workload.Address).Distinct(StringComparer.Ordinal)];
}
