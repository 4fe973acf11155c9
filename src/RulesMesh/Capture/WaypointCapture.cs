using k8s;
using k8s.Models;
using RulesMesh.Loading;
using RulesMesh.Mesh;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using RulesMesh.Rules;
using RulesMesh.ServiceModel;

namespace RulesMesh.Capture;

/// <summary>
/// Runs a profile's rules over a set of objects: models every object a service-model rule knows (Services,
/// ServiceEntries), judges every Gateway (is it a waypoint, which listener does it serve), and decides for every
/// service which waypoint, if any, captures it.
/// </summary>
/// <remarks>
/// As in kgateway, a service is filed under the Gateway its labels name without checking that Gateway (spec §2.2):
/// <see cref="CaptureResult.ServicesNaming"/> lists it even when the Gateway is missing or not a waypoint. Only
/// Gateways that are waypoints and serve a listener produce configuration; the others' services are reported in
/// <see cref="CaptureResult.Unserved"/>.
/// </remarks>
/// <param name="pipeline">The rules to run; the default profile of the built-in rules when null.</param>
/// <param name="settings">The run's settings; the defaults when null.</param>
public sealed class WaypointCapture(RulePipeline? pipeline = null, EngineSettings? settings = null)
{
    /// <summary>The rules this capture runs.</summary>
    public RulePipeline Pipeline { get; } = pipeline ?? WaypointPipelines.Create();

    /// <summary>The settings the rules read.</summary>
    public EngineSettings Settings { get; } = settings ?? new EngineSettings();

    /// <summary>Captures over everything <paramref name="loaded"/> holds.</summary>
    public CaptureResult Run(LoadResult loaded) => Run(loaded.Resources.Select(static r => r.Object));

    /// <summary>Captures over <paramref name="objects"/>; kinds no rule reads are ignored.</summary>
    public CaptureResult Run(IEnumerable<IKubernetesObject<V1ObjectMeta>> objects)
    {
        var all = objects.ToList();
        var namespaces = new Dictionary<string, V1Namespace>();
        var gateways = new Dictionary<NamespacedName, Gateway>();
        var gatewayClasses = new Dictionary<string, GatewayClass>();
        foreach (var resource in all)
        {
            switch (resource)
            {
                case V1Namespace ns when ns.Metadata?.Name is { } name:
                    namespaces[name] = ns;
                    break;
                case Gateway gateway:
                    gateways[NameOf(gateway)] = gateway;
                    break;
                case GatewayClass gatewayClass when gatewayClass.Metadata?.Name is { } name:
                    gatewayClasses[name] = gatewayClass;
                    break;
            }
        }

        var context = new RuleContext(Settings, namespaces, gateways, gatewayClasses);
        var services = all
            .Select(resource => Pipeline.Stage<IServiceModelRule<IKubernetesObject<V1ObjectMeta>>>().Build(resource, context))
            .OfType<MeshService>()
            .Select(service => new ServiceCapture(service, CaptureDecision.Decide(Pipeline, service, context)))
            .Order(ServiceCapture.ByKindNamespaceName)
            .ToList();
        // Grouped once: each Gateway takes its list, and the result keeps the index for services naming any waypoint.
        var byWaypoint = services
            .Where(static s => s.Decision.Waypoint is not null)
            .GroupBy(static s => s.Decision.Waypoint!.Value)
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
        return new CaptureResult(judged, services, byWaypoint, context);
    }

    /// <summary>A Gateway's key; a manifest without a namespace means kubectl's <c>default</c>.</summary>
    private static NamespacedName NameOf(Gateway gateway)
        => new(gateway.Metadata?.NamespaceProperty ?? ObjectKeys.DefaultNamespace, gateway.Metadata?.Name ?? string.Empty);
}
