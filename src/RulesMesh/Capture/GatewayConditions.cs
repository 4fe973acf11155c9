using k8s.Models;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;

namespace RulesMesh.Capture;

/// <summary>
/// Builds Gateway, listener and route conditions (Kubernetes' <see cref="V1Condition"/>, which the generated status
/// types use). <c>lastTransitionTime</c> is left at its unknown value, year 1 in UTC: it records when a controller
/// observed a change, which a one-shot computation cannot know, and the xDS document prints it as null as the golden
/// files do.
/// </summary>
internal static class GatewayConditions
{
    /// <summary>The wire value of a true condition.</summary>
    public const string True = "True";

    /// <summary>The wire value of a false condition.</summary>
    public const string False = "False";

    /// <summary>A condition of <paramref name="type"/>.</summary>
    public static V1Condition Create(string type, bool status, string reason, string message, long? observedGeneration)
        => new()
        {
            Type = type,
            Status = status ? True : False,
            Reason = reason,
            Message = message,
            ObservedGeneration = observedGeneration,
            LastTransitionTime = UnknownTransitionTime,
        };

    /// <summary>The lastTransitionTime of a condition whose last change is unknown.</summary>
    public static DateTime UnknownTransitionTime { get; } = DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc);

    /// <summary>The generation a status describes; absent (as Go's <c>omitempty</c> leaves it) when the Gateway has none.</summary>
    public static long? ObservedGeneration(Gateway gateway) => ObservedGeneration(gateway.Metadata);

    /// <summary>The generation a status of the object with <paramref name="metadata"/> describes; absent when it has none.</summary>
    public static long? ObservedGeneration(V1ObjectMeta? metadata) => metadata?.Generation is > 0 and var generation ? generation : null;
}
