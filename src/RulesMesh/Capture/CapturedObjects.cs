using RulesMesh.Mesh;

namespace RulesMesh.Capture;

/// <summary>A whole capture computed at once, indexed by name.</summary>
internal sealed class CapturedObjects : ICaptureLookup
{
    private readonly IReadOnlyList<GatewayCapture> _gateways;
    private readonly IReadOnlyList<ServiceCapture> _services;
    private readonly IReadOnlyList<WorkloadCapture> _workloads;
    private readonly IReadOnlyDictionary<NamespacedName, IReadOnlyList<ServiceCapture>> _servicesByWaypoint;
    private readonly Dictionary<NamespacedName, GatewayCapture> _gatewaysByName;
    private readonly Dictionary<ObjectKey, ServiceCapture> _servicesByKey;

    public CapturedObjects(IReadOnlyList<GatewayCapture> gateways, IReadOnlyList<ServiceCapture> services, IReadOnlyDictionary<NamespacedName, IReadOnlyList<ServiceCapture>> servicesByWaypoint, IReadOnlyList<WorkloadCapture> workloads)
    {
        _gateways = gateways;
        _services = services;
        _workloads = workloads;
        _servicesByWaypoint = servicesByWaypoint;
        _gatewaysByName = gateways.GroupBy(static g => g.Name).ToDictionary(static g => g.Key, static g => g.First());
        _servicesByKey = services.GroupBy(static s => s.Key).ToDictionary(static g => g.Key, static g => g.First());
    }

    public IReadOnlyList<GatewayCapture> Gateways() => _gateways;

    public IReadOnlyList<ServiceCapture> Services() => _services;

    public IReadOnlyList<WorkloadCapture> Workloads() => _workloads;

    public GatewayCapture? Gateway(NamespacedName name) => _gatewaysByName.GetValueOrDefault(name);

    public ServiceCapture? Service(ObjectKey key) => _servicesByKey.GetValueOrDefault(key);

    public IReadOnlyList<ServiceCapture> ServicesNaming(NamespacedName waypoint) => _servicesByWaypoint.TryGetValue(waypoint, out var services) ? services : [];

    public IReadOnlyList<WorkloadCapture> WorkloadsFor(NamespacedName waypoint) => [.. _workloads.Where(w => w.Decision.Waypoint == waypoint)];
}
