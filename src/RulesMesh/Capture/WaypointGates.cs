using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using RulesMesh.Rules;
using RulesMesh.Rules.Declarative;

namespace RulesMesh.Capture;

/// <summary>The logic behind <see cref="WaypointClassAttribute"/> and <see cref="WaypointForAttribute"/> (docs/spec/kgateway-waypoint.md §2.1, §2.5).</summary>
public static class WaypointGates
{
    /// <summary>Passes Gateways of the waypoint class and fails all others.</summary>
    public static GateVerdict ByClass(Gateway gateway, RuleContext context, string className)
    {
        var expected = context.Settings.WaypointClassName ?? className;
        var actual = gateway.Spec.GatewayClassName;
        return actual == expected
            ? GateVerdict.Pass($"its gatewayClassName is {expected}")
            : GateVerdict.Fail($"its gatewayClassName is {actual}, not the waypoint class {expected}");
    }

    /// <summary>Passes Gateways whose traffic-type label (or its default) is one of the accepted values.</summary>
    public static GateVerdict ByTrafficType(Gateway gateway, string label, string defaultValue, string acceptedValues)
    {
        var labels = gateway.Metadata.Labels;
        var isSet = labels is not null && labels.ContainsKey(label);
        var value = isSet ? labels![label] : defaultValue;
        var accepted = acceptedValues.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var source = isSet ? $"its label {label}={value}" : $"{label} is not set, which means {defaultValue}";
        return accepted.Contains(value, StringComparer.Ordinal)
            ? GateVerdict.Pass($"{source}, so it captures services")
            : GateVerdict.Fail($"{source}; only {string.Join(" or ", accepted)} capture services");
    }
}
