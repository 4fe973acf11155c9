using k8s.Models;
using RulesMesh.Mesh;

namespace RulesMesh.Translation.Backends;

/// <summary>How a backend's endpoints are preferred relative to the client (docs/spec/kgateway-destinationrule-priorities.md §B5).</summary>
public enum TrafficDistributionMode
{
    /// <summary>No preference: every endpoint at priority 0.</summary>
    Any,

    /// <summary><c>PreferSameZone</c> (or <c>PreferClose</c>): same network, then region, then zone.</summary>
    PreferSameZone,

    /// <summary><c>PreferSameNode</c>: same network, region, zone, subzone, then Node.</summary>
    PreferSameNode,

    /// <summary><c>PreferNetwork</c>: same network.</summary>
    PreferNetwork,
}

/// <summary>
/// Reads a backend's traffic distribution (docs/spec/kgateway-destinationrule-priorities.md §B5): a Service's
/// <c>spec.trafficDistribution</c> when it is set, even to a value that means nothing, else the
/// <c>networking.istio.io/traffic-distribution</c> annotation; a ServiceEntry's annotation alone. Values are read without
/// regard to case; anything unknown (<c>PreferSameNetwork</c> included) is <see cref="TrafficDistributionMode.Any"/>.
/// </summary>
public static class TrafficDistribution
{
    /// <summary>The annotation that sets a service's traffic distribution.</summary>
    public const string Annotation = "networking.istio.io/traffic-distribution";

    /// <summary>The traffic distribution of <paramref name="service"/>.</summary>
    public static TrafficDistributionMode Of(MeshService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (service.Source is V1Service { Spec.TrafficDistribution: { } fromSpec })
        {
            return Parse(fromSpec);
        }

        return service.Annotations.TryGetValue(Annotation, out var value) ? Parse(value) : TrafficDistributionMode.Any;
    }

    /// <summary>The mode <paramref name="value"/> names, compared without regard to case; <see cref="TrafficDistributionMode.Any"/> for anything else.</summary>
    public static TrafficDistributionMode Parse(string? value) => value?.ToUpperInvariant() switch
    {
        "PREFERCLOSE" or "PREFERSAMEZONE" => TrafficDistributionMode.PreferSameZone,
        "PREFERSAMENODE" => TrafficDistributionMode.PreferSameNode,
        "PREFERNETWORK" => TrafficDistributionMode.PreferNetwork,
        _ => TrafficDistributionMode.Any,
    };
}
