using RulesMesh.Mesh;
using RulesMesh.Rules;

namespace RulesMesh.Capture;

/// <summary>
/// What <see cref="WaypointCapture"/> found: every Gateway with the services filed under it, every service with its
/// decision, and the services whose waypoint does not handle them.
/// </summary>
public sealed class CaptureResult
{
    private readonly IReadOnlyDictionary<NamespacedName, IReadOnlyList<ServiceCapture>> _servicesByWaypoint;
    private readonly Dictionary<NamespacedName, GatewayCapture> _gatewaysByName;
    private readonly Dictionary<ObjectKey, ServiceCapture> _servicesByKey;

    internal CaptureResult(
        IReadOnlyList<GatewayCapture> gateways,
        IReadOnlyList<ServiceCapture> services,
        IReadOnlyDictionary<NamespacedName, IReadOnlyList<ServiceCapture>> servicesByWaypoint,
        RuleContext context)
    {
        Context = context;
        _gatewaysByName = gateways.GroupBy(static g => g.Name).ToDictionary(static g => g.Key, static g => g.First());
        _servicesByKey = services.GroupBy(static s => s.Key).ToDictionary(static g => g.Key, static g => g.First());
        Gateways = gateways;
        Services = services;
        _servicesByWaypoint = servicesByWaypoint;
        NotCaptured = services.Where(static s => !s.Decision.IsCaptured).ToList();
        Unserved = services.Select(Unserve).OfType<UnservedService>().ToList();
    }

    /// <summary>Every Gateway, waypoint or not, by namespace and name.</summary>
    public IReadOnlyList<GatewayCapture> Gateways { get; }

    /// <summary>The context the capture rules ran with (settings, namespaces, Gateways), for later stages to share.</summary>
    public RuleContext Context { get; }

    /// <summary>The Gateways that are waypoints, by namespace and name.</summary>
    public IEnumerable<GatewayCapture> Waypoints => Gateways.Where(static g => g.IsWaypoint);

    /// <summary>Every service with its decision, by kind, namespace and name.</summary>
    public IReadOnlyList<ServiceCapture> Services { get; }

    /// <summary>Every Pod and WorkloadEntry a workload rule decided about (none in profiles that bind no workloads).</summary>
    public IReadOnlyList<WorkloadCapture> Workloads { get; init; } = [];

    /// <summary>The workloads bound to <paramref name="waypoint"/>.</summary>
    public IEnumerable<WorkloadCapture> WorkloadsFor(NamespacedName waypoint) => Workloads.Where(w => w.Decision.Waypoint == waypoint);

    /// <summary>The services no rule captured, each with the reason.</summary>
    public IReadOnlyList<ServiceCapture> NotCaptured { get; }

    /// <summary>Captured services whose waypoint does not exist, is not a waypoint, or serves no listener; each says which.</summary>
    public IReadOnlyList<UnservedService> Unserved { get; }

    /// <summary>The Gateway <paramref name="name"/>, or null when it was not loaded.</summary>
    public GatewayCapture? Gateway(NamespacedName name) => _gatewaysByName.GetValueOrDefault(name);

    /// <summary>The service <paramref name="key"/>, or null when it was not loaded.</summary>
    public ServiceCapture? Service(ObjectKey key) => _servicesByKey.GetValueOrDefault(key);

    /// <summary>
    /// kgateway's <c>GetWaypointServices</c>: the services whose decision names <paramref name="waypoint"/>, whether or
    /// not such a Gateway exists or is a waypoint; by kind, namespace and name.
    /// </summary>
    public IReadOnlyList<ServiceCapture> ServicesNaming(NamespacedName waypoint)
        => _servicesByWaypoint.TryGetValue(waypoint, out var services) ? services : [];

    /// <summary>Why <paramref name="service"/> is or is not captured, by <paramref name="waypoint"/> when given, else by any waypoint.</summary>
    public CaptureExplanation Explain(ObjectKey service, NamespacedName? waypoint = null)
        => CaptureExplainer.Explain(this, service, waypoint);

    private UnservedService? Unserve(ServiceCapture service)
    {
        if (service.Decision.Waypoint is not { } named)
        {
            return null;
        }

        var gateway = Gateway(named);
        return gateway is null ? new UnservedService(service, named, $"names waypoint {named}, which does not exist")
            : !gateway.IsWaypoint ? new UnservedService(service, named, $"names waypoint {named}, which is not a waypoint: {gateway.Decision.Reason}")
            : !gateway.ProducesOutput ? new UnservedService(service, named, $"names waypoint {named}, which serves no listener ({gateway.ListenerProblem})")
            : null;
    }
}
