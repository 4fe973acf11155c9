namespace RulesMesh.Synthetic;

/// <summary>The size of a synthetic mesh. The defaults are the scale benchmark's: 10,000 Services and ServiceEntries, 100,000 workloads, 100 waypoints, 10 Nodes; HTTPRoutes, AuthorizationPolicies and DestinationRules on a share of the Services.</summary>
public sealed record SyntheticMeshOptions
{
    /// <summary>Kubernetes Services (each with <see cref="PortsPerService"/> ports and an EndpointSlice).</summary>
    public int Services { get; init; } = 10_000;

    /// <summary>ServiceEntries (each with <see cref="PortsPerService"/> ports).</summary>
    public int ServiceEntries { get; init; } = 10_000;

    /// <summary>Pods, spread over the Services; half as many WorkloadEntries are spread over the STATIC ServiceEntries.</summary>
    public int Workloads { get; init; } = 100_000;

    /// <summary>Waypoint Gateways, one per namespace; every namespace is captured by its waypoint.</summary>
    public int Waypoints { get; init; } = 100;

    /// <summary>Ports per Service and ServiceEntry: the first is <c>http</c>, the others TCP.</summary>
    public int PortsPerService { get; init; } = 2;

    /// <summary>Nodes <c>node-0…</c>, with topology labels: region <c>region-(k mod 2)</c>, zone <c>zone-(k mod 4)</c>. Pod p of a Service runs on node p mod Nodes; 0: Pods name no Node.</summary>
    public int Nodes { get; init; } = 10;

    /// <summary>Every Service whose index is a multiple of this has an HTTPRoute parented to it; 0: none.</summary>
    public int HttpRouteEvery { get; init; } = 4;

    /// <summary>Rules per HTTPRoute: rule r matches the path prefix <c>/r&lt;r&gt;</c> and splits 90/10 between its Service and another of its namespace.</summary>
    public int RulesPerHttpRoute { get; init; } = 3;

    /// <summary>Every Service whose index is a multiple of this has an ALLOW AuthorizationPolicy targeting it; 0: none. Each waypoint also has a DENY policy.</summary>
    public int AuthorizationPolicyEvery { get; init; } = 5;

    /// <summary>Every Service whose index is a multiple of this has a DestinationRule with outlier detection and locality failover from region-0 to region-1; 0: none.</summary>
    public int DestinationRuleEvery { get; init; } = 2;
}
