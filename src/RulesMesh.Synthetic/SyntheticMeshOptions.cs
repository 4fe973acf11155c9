namespace RulesMesh.Synthetic;

/// <summary>The size of a synthetic mesh. The defaults are the scale benchmark's: 10,000 Services and ServiceEntries, 100,000 workloads, 100 waypoints.</summary>
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

    /// <summary>Ports per Service and ServiceEntry.</summary>
    public int PortsPerService { get; init; } = 2;
}
