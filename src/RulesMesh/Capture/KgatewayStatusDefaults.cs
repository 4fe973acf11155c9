using k8s.Models;

namespace RulesMesh.Capture;

/// <summary>
/// kgateway's status reporter: after translation it adds every condition the translator did not set, with its healthy
/// value (<c>AddMissingListenerConditions</c>, and the same for the Gateway). Types, reasons, messages and order are
/// those of the waypoint goldens.
/// </summary>
internal static class KgatewayStatusDefaults
{
    /// <summary><paramref name="set"/>, followed by the healthy Gateway conditions it lacks: Accepted, Programmed, ResolvedRefs.</summary>
    public static List<V1Condition> Gateway(long? generation, params IReadOnlyList<V1Condition> set)
    {
        V1Condition[] healthy =
        [
            GatewayConditions.Create("Accepted", true, "Accepted", "Successfully accepted Gateway", generation),
            GatewayConditions.Create("Programmed", true, "Programmed", "Successfully programmed Gateway", generation),
            GatewayConditions.Create("ResolvedRefs", true, "ResolvedRefs", "Successfully resolved all Gateway references", generation),
        ];
        return [.. set, .. healthy.Where(condition => set.All(s => s.Type != condition.Type))];
    }

    /// <summary><paramref name="set"/>, followed by the healthy listener conditions it lacks: Accepted, Conflicted, ResolvedRefs, Programmed.</summary>
    public static List<V1Condition> Listener(long? generation, params IReadOnlyList<V1Condition> set)
    {
        V1Condition[] healthy =
        [
            GatewayConditions.Create("Accepted", true, "Accepted", "Successfully accepted Listener", generation),
            GatewayConditions.Create("Conflicted", false, "NoConflicts", "Successfully verified that Listener has no conflicts", generation),
            GatewayConditions.Create("ResolvedRefs", true, "ResolvedRefs", "Successfully resolved all references", generation),
            GatewayConditions.Create("Programmed", true, "Programmed", "Successfully programmed Listener", generation),
        ];
        return [.. set, .. healthy.Where(condition => set.All(s => s.Type != condition.Type))];
    }
}
