using k8s;
using k8s.Models;
using RulesMesh.Loading;
using RulesMesh.Mesh;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using RulesMesh.Rules;
using RulesMesh.ServiceModel;
using RulesMesh.Store;

namespace RulesMesh.Capture;

/// <summary>
/// Runs a profile's rules over a set of objects: models every object a service-model rule knows (Services,
/// ServiceEntries), judges every Gateway (is it a waypoint, which listener does it serve), and decides for every
/// service which waypoint, if any, captures it.
/// </summary>
/// <remarks>
/// As in kgateway, a service is filed under the Gateway its labels name without checking that Gateway (docs/spec/kgateway-waypoint.md §2.2):
/// <see cref="CaptureResult.ServicesNaming"/> lists it even when the Gateway is missing or not a waypoint. Only
/// Gateways that are waypoints and serve a listener produce configuration; the others' services are reported in
/// <see cref="CaptureResult.Unserved"/>.
/// </remarks>
/// <param name="pipeline">The rules to run, e.g. <c>WaypointPipelines.Create(profile)</c> (capture itself depends on no pipeline).</param>
/// <param name="settings">The run's settings; the defaults when null.</param>
public sealed class WaypointCapture(RulePipeline pipeline, EngineSettings? settings = null)
{
    /// <summary>The rules this capture runs.</summary>
    public RulePipeline Pipeline { get; } = pipeline;

    /// <summary>The settings the rules read.</summary>
    public EngineSettings Settings { get; } = settings ?? new EngineSettings();

    /// <summary>Captures over everything <paramref name="loaded"/> holds.</summary>
    public CaptureResult Run(LoadResult loaded) => Run(ResourceStore.From(loaded));

    /// <summary>Captures over <paramref name="objects"/>; kinds no rule reads are ignored.</summary>
    public CaptureResult Run(IEnumerable<IKubernetesObject<V1ObjectMeta>> objects) => Run(new ResourceStore(objects));

    /// <summary>Captures over the resources of <paramref name="store"/>; kinds no rule reads are ignored.</summary>
    public CaptureResult Run(ResourceStore store)
    {
        var namespaces = store.All<V1Namespace>().ToDictionary(static ns => ns.Metadata?.Name ?? string.Empty);
        var gateways = store.All<Gateway>().ToDictionary(NameOf);
        var gatewayClasses = store.All<GatewayClass>().ToDictionary(static c => c.Metadata?.Name ?? string.Empty);

        var context = new RuleContext(Settings, namespaces, gateways, gatewayClasses);
        var services = store.Objects
            .Select(resource => Pipeline.Stage<IServiceModelRule<IKubernetesObject<V1ObjectMeta>>>().Build(resource, context))
            .OfType<MeshService>()
            .Select(service => new ServiceCapture(service, CaptureDecision.Decide(Pipeline, service, context)))
            .Order(ServiceCapture.ByKindNamespaceName)
            .ToList();
        // Grouped once: each Gateway takes its list, and the result keeps the index for services naming any waypoint.
        var byWaypoint = services
            .SelectMany(static s => s.Decision.Waypoints, static (s, waypoint) => (Service: s, Waypoint: waypoint))
            .GroupBy(static s => s.Waypoint, static s => s.Service)
            .ToDictionary(static g => g.Key, static g => (IReadOnlyList<ServiceCapture>)g.ToList());
        var judged = gateways
            .OrderBy(static g => g.Key.Namespace, StringComparer.Ordinal)
            .ThenBy(static g => g.Key.Name, StringComparer.Ordinal)
            .Select(g => new GatewayCapture(
                g.Key,
                g.Value,
                WaypointDecision.Decide(Pipeline, g.Value, context),
                Pipeline.Stage<IWaypointListenerRule>().Evaluate(g.Value, context),
                byWaypoint.GetValueOrDefault(g.Key, [])))
            .ToList();
        // In the engine's order (Pods, then WorkloadEntries, each by namespace and name): the store's is the input's.
        var workloads = ByNamespaceAndName(store.All<V1Pod>()).Select(MeshWorkload.Of)
            .Concat(ByNamespaceAndName(store.All<Models.NetworkingIstioIo.V1.WorkloadEntry>()).Select(MeshWorkload.Of))
            .OfType<MeshWorkload>()
            .Select(workload => Pipeline.Stage<IWorkloadWaypointRule>().WorkloadWaypoint(workload, context) is { } decision ? new WorkloadCapture(workload, decision) : null)
            .OfType<WorkloadCapture>()
            .ToList();
        return new CaptureResult(judged, services, byWaypoint, workloads, context);
    }

    private static IEnumerable<T> ByNamespaceAndName<T>(IEnumerable<T> objects)
        where T : IKubernetesObject<V1ObjectMeta>
        => objects.OrderBy(static o => o.Metadata?.NamespaceProperty, StringComparer.Ordinal).ThenBy(static o => o.Metadata?.Name, StringComparer.Ordinal);

    /// <summary>A Gateway's key (the store has filled in a namespace the manifest left out).</summary>
    private static NamespacedName NameOf(IKubernetesObject<V1ObjectMeta> gateway)
        => new(gateway.Metadata?.NamespaceProperty ?? ResourceStore.DefaultNamespace, gateway.Metadata?.Name ?? string.Empty);
}
