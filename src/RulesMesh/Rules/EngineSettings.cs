namespace RulesMesh.Rules;

/// <summary>Run-time settings that rules read. The defaults are kgateway's.</summary>
public sealed record EngineSettings
{
    /// <summary>When set, replaces the GatewayClass name that waypoint-class rules declare (kgateway's <c>WithWaypointClassName</c>).</summary>
    public string? WaypointClassName { get; init; }

    /// <summary>The Kubernetes cluster domain used in Service FQDNs.</summary>
    public string ClusterDomain { get; init; } = "cluster.local";

    /// <summary>Istio's root namespace, where mesh-wide policies live.</summary>
    public string RootNamespace { get; init; } = "istio-system";

    /// <summary>
    /// The locality (<c>region/zone/subzone</c>) of the proxy asking for configuration; endpoint priorities from
    /// DestinationRule failover or traffic distribution are computed relative to it. Null: no priorities.
    /// </summary>
    public string? ClientLocality { get; init; }
}
