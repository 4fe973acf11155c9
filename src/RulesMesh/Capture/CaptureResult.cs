using RulesMesh.Mesh;
using RulesMesh.Rules;

namespace RulesMesh.Capture;

/// <summary>
/// What <see cref="WaypointCapture"/> found: every Gateway with the services filed under it, every service with its
/// decision, and the services whose waypoint does not handle them.
/// </summary>
public sealed class CaptureResult
{
    private readonly ICaptureLookup _lookup;

    internal CaptureResult(
        IReadOnlyList<GatewayCapture> gateways,
        IReadOnlyList<ServiceCapture> services,
        IReadOnlyDictionary<NamespacedName, IReadOnlyList<ServiceCapture>> servicesByWaypoint,
        IReadOnlyList<WorkloadCapture> workloads,
        RuleContext context)
        : this(new CapturedObjects(gateways, services, servicesByWaypoint, workloads), context)
    {
    }

    /// <summary>A capture whose parts are looked up as they are asked for (the engine's, which records each lookup as a dependency).</summary>
    internal CaptureResult(ICaptureLookup lookup, RuleContext context)
    {
        _lookup = lookup;
        Context = context;
    }

    /// <summary>Every Gateway, waypoint or not, by namespace and name.</summary>
    public IReadOnlyList<GatewayCapture> Gateways => _lookup.Gateways();

    /// <summary>The context the capture rules ran with (settings, namespaces, Gateways), for later stages to share.</summary>
    public RuleContext Context { get; }

    /// <summary>The Gateways that are waypoints, by namespace and name.</summary>
    public IEnumerable<GatewayCapture> Waypoints => Gateways.Where(static g => g.IsWaypoint);

    /// <summary>Every service with its decision, by kind, namespace and name.</summary>
    public IReadOnlyList<ServiceCapture> Services => _lookup.Services();

    /// <summary>Every Pod and WorkloadEntry a workload rule decided about (none in profiles that bind no workloads).</summary>
    public IReadOnlyList<WorkloadCapture> Workloads => _lookup.Workloads();

    /// <summary>The workloads bound to <paramref name="waypoint"/>.</summary>
    public IEnumerable<WorkloadCapture> WorkloadsFor(NamespacedName waypoint) => _lookup.WorkloadsFor(waypoint);

    /// <summary>The services no rule captured, each with the reason.</summary>
    public IReadOnlyList<ServiceCapture> NotCaptured => [.. Services.Where(static s => !s.Decision.IsCaptured)];

    /// <summary>Captured services whose waypoint does not exist, is not a waypoint, or serves no listener; each says which.</summary>
    public IReadOnlyList<UnservedService> Unserved => [.. Services.Select(Unserve).OfType<UnservedService>()];

    /// <summary>The Gateway <paramref name="name"/>, or null when it was not loaded.</summary>
    public GatewayCapture? Gateway(NamespacedName name) => _lookup.Gateway(name);

    /// <summary>The service <paramref name="key"/>, or null when it was not loaded.</summary>
    public ServiceCapture? Service(ObjectKey key) => _lookup.Service(key);

    /// <summary>
    /// kgateway's <c>GetWaypointServices</c>: the services whose decision names <paramref name="waypoint"/>, whether or
    /// not such a Gateway exists or is a waypoint; by kind, namespace and name.
    /// </summary>
    public IReadOnlyList<ServiceCapture> ServicesNaming(NamespacedName waypoint) => _lookup.ServicesNaming(waypoint);

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
