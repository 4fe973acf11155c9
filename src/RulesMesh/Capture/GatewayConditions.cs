using RulesMesh.Models.GatewayNetworkingK8sIo.V1;

namespace RulesMesh.Capture;

/// <summary>
/// Builds Gateway and listener conditions in the generated status types. <c>lastTransitionTime</c> is left at its
/// default: it records when a controller observed a change, which a one-shot computation cannot know, and the golden
/// files blank it too.
/// </summary>
internal static class GatewayConditions
{
    /// <summary>A Gateway condition.</summary>
    public static GatewayStatusConditions Gateway(string type, bool status, string reason, string message, long? observedGeneration)
        => new()
        {
            Type = type,
            Status = status ? GatewayStatusConditionsStatus.True : GatewayStatusConditionsStatus.False,
            Reason = reason,
            Message = message,
            ObservedGeneration = observedGeneration,
        };

    /// <summary>A listener condition.</summary>
    public static GatewayStatusListenersConditions Listener(string type, bool status, string reason, string message, long? observedGeneration)
        => new()
        {
            Type = type,
            Status = status ? GatewayStatusListenersConditionsStatus.True : GatewayStatusListenersConditionsStatus.False,
            Reason = reason,
            Message = message,
            ObservedGeneration = observedGeneration,
        };

    /// <summary>The generation a status describes; absent (as Go's <c>omitempty</c> leaves it) when the Gateway has none.</summary>
    public static long? ObservedGeneration(Gateway gateway) => gateway.Metadata?.Generation is > 0 and var generation ? generation : null;
}
