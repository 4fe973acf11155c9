using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using RulesMesh.Rules;

namespace RulesMesh.Capture;

/// <summary>
/// The traffic a waypoint takes, as istiod reads it: <c>istio.io/waypoint-for</c> on the Gateway, else on its
/// GatewayClass, else <c>service</c> (docs/spec/istio-gatewayapi.md §6.2).
/// </summary>
/// <param name="Value">The traffic type: <c>service</c>, <c>workload</c>, <c>all</c>, <c>none</c>, or anything a user wrote.</param>
/// <param name="Source">Where the value came from, in words.</param>
internal readonly record struct IstioTrafficType(string Value, string Source)
{
    private const string Label = "istio.io/waypoint-for";

    /// <summary>Whether it includes service traffic.</summary>
    public bool TakesServices => Value is "service" or "all";

    /// <summary>The traffic type of <paramref name="gateway"/>.</summary>
    public static IstioTrafficType Of(Gateway gateway, RuleContext context)
    {
        if (gateway.Metadata?.Labels is { } labels && labels.TryGetValue(Label, out var own))
        {
            return new(own, $"its label {Label}={own}");
        }

        var className = gateway.Spec.GatewayClassName;
        return context.FindGatewayClass(className)?.Metadata?.Labels is { } classLabels && classLabels.TryGetValue(Label, out var inherited)
            ? new(inherited, $"its GatewayClass {className} has {Label}={inherited}")
            : new("service", $"{Label} is set on neither it nor its GatewayClass, which means service");
    }
}
