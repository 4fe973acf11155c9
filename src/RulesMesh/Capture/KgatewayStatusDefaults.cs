using RulesMesh.Models.GatewayNetworkingK8sIo.V1;

namespace RulesMesh.Capture;

/// <summary>
/// kgateway's status reporter: after translation it adds every condition the translator did not set, with its healthy
/// value (<c>AddMissingListenerConditions</c>, and the same for the Gateway). Types, reasons, messages and order are
/// those of the waypoint goldens.
/// </summary>
internal static class KgatewayStatusDefaults
{
    /// <summary><paramref name="set"/>, followed by the healthy Gateway conditions it lacks: Accepted, Programmed, ResolvedRefs.</summary>
    public static List<GatewayStatusConditions> Gateway(long? generation, params IReadOnlyList<GatewayStatusConditions> set)
    {
        GatewayStatusConditions[] healthy =
        [
            GatewayConditions.Gateway("Accepted", true, "Accepted", "Successfully accepted Gateway", generation),
            GatewayConditions.Gateway("Programmed", true, "Programmed", "Successfully programmed Gateway", generation),
            GatewayConditions.Gateway("ResolvedRefs", true, "ResolvedRefs", "Successfully resolved all Gateway references", generation),
        ];
        return [.. set, .. healthy.Where(condition => set.All(s => s.Type != condition.Type))];
    }

    /// <summary><paramref name="set"/>, followed by the healthy listener conditions it lacks: Accepted, Conflicted, ResolvedRefs, Programmed.</summary>
    public static List<GatewayStatusListenersConditions> Listener(long? generation, params IReadOnlyList<GatewayStatusListenersConditions> set)
    {
        GatewayStatusListenersConditions[] healthy =
        [
            GatewayConditions.Listener("Accepted", true, "Accepted", "Successfully accepted Listener", generation),
            GatewayConditions.Listener("Conflicted", false, "NoConflicts", "Successfully verified that Listener has no conflicts", generation),
            GatewayConditions.Listener("ResolvedRefs", true, "ResolvedRefs", "Successfully resolved all references", generation),
            GatewayConditions.Listener("Programmed", true, "Programmed", "Successfully programmed Listener", generation),
        ];
        return [.. set, .. healthy.Where(condition => set.All(s => s.Type != condition.Type))];
    }
}
