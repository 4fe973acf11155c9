using k8s;
using k8s.Models;
using RulesMesh.Mesh;
using RulesMesh.Capture;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using RulesMesh.Translation;
using RulesMesh.Translation.Backends;
using RulesMesh.Translation.Gateways;
using RulesMesh.Translation.Listeners;
using RulesMesh.Translation.Policy;
using RulesMesh.Translation.Routes;

namespace RulesMesh.Rules;

/// <summary>
/// One profile's rules compiled into ordered direct calls per stage. The rules generator writes the subclasses
/// (<c>RulePipelines.Create(profile)</c> in each assembly that has rules); nothing is looked up at run time.
/// </summary>
public abstract class RulePipeline
{
    /// <summary>The profile this pipeline implements.</summary>
    public abstract string Profile { get; }

    /// <summary>The active rules, by stage and order, with replacements applied.</summary>
    public abstract IReadOnlyList<RuleInfo> Rules { get; }

    /// <summary>Capture stage: is the Gateway a waypoint that captures services?</summary>
    public abstract WaypointDecision EvaluateWaypoint(Gateway gateway, RuleContext context);

    /// <summary>Capture stage: which waypoint, if any, does the service use?</summary>
    public abstract CaptureDecision EvaluateCapture(MeshService service, RuleContext context);

    /// <summary>Service model stage: the service an object stands for, or null when no rule models its kind.</summary>
    public abstract MeshService? BuildService(IKubernetesObject<V1ObjectMeta> resource, RuleContext context);

    /// <summary>Listeners stage: the listener a waypoint serves and its Gateway status, or null when no rule decides.</summary>
    public abstract ListenerVerdict? EvaluateListeners(Gateway gateway, RuleContext context);

    /// <summary>Naming stage: the cluster name of a backend, or null when no rule names it.</summary>
    public abstract string? ClusterName(BackendTarget target, RuleContext context);

    // Stage contracts: each method below is filled by the rules implementing the [StageContract] interface
    // that declares a method of the same name; the first non-null result wins.

    /// <summary>Backends stage (<see cref="IBackendsRule"/>): the backends of a service.</summary>
    public abstract IReadOnlyList<BackendObject>? Backends(MeshService service, TranslationContext context);

    /// <summary>Backends stage (<see cref="IClusterRule"/>): the cluster of a backend.</summary>
    public abstract BackendCluster? BuildCluster(BackendObject backend, TranslationContext context);

    /// <summary>Backends stage (<see cref="IEndpointsRule"/>): the EDS endpoints of a backend.</summary>
    public abstract BackendEndpoints? BuildEndpoints(BackendObject backend, TranslationContext context);

    /// <summary>Routes stage (<see cref="IBackendRefRule"/>): resolves a backendRef.</summary>
    public abstract BackendResolution? ResolveBackendRef(BackendRefRequest request, TranslationContext context);

    /// <summary>Routes stage (<see cref="IServiceRoutesRule"/>): routes parented to a service.</summary>
    public abstract IReadOnlyList<AttachedRoute>? ServiceRoutes(MeshService service, TranslationContext context);

    /// <summary>Routes stage (<see cref="IGatewayRoutesRule"/>): routes parented to the waypoint Gateway.</summary>
    public abstract IReadOnlyList<AttachedRoute>? GatewayRoutes(GatewayCapture waypoint, TranslationContext context);

    /// <summary>Routes stage (<see cref="IVirtualHostRule"/>): the virtual host of an HTTP chain.</summary>
    public abstract Envoy.Config.Route.V3.VirtualHost? ServiceVirtualHost(VirtualHostRequest request, TranslationContext context);

    /// <summary>Routes stage (<see cref="IRouteRulesRule"/>): the Envoy routes of one attached route.</summary>
    public abstract IReadOnlyList<Envoy.Config.Route.V3.Route>? RouteRules(RouteRulesRequest request, TranslationContext context);

    /// <summary>Listeners stage (<see cref="IFilterChainRule"/>): the filter chain of a service port.</summary>
    public abstract ServiceChain? ServiceFilterChain(ServiceChainRequest request, TranslationContext context);

    /// <summary>Listeners stage (<see cref="IWaypointListenerBuildRule"/>): the waypoint listener.</summary>
    public abstract Envoy.Config.Listener.V3.Listener? WaypointListener(WaypointListenerRequest request, TranslationContext context);

    /// <summary>Policy stage (<see cref="IHttpAuthorizationRule"/>): HTTP RBAC filters of a service.</summary>
    public abstract IReadOnlyList<Envoy.Extensions.Filters.Network.HttpConnectionManager.V3.HttpFilter>? HttpAuthorization(PolicyRequest request, TranslationContext context);

    /// <summary>Policy stage (<see cref="INetworkAuthorizationRule"/>): network RBAC filters of a service.</summary>
    public abstract IReadOnlyList<Envoy.Config.Listener.V3.Filter>? NetworkAuthorization(PolicyRequest request, TranslationContext context);

    /// <summary>Policy stage (<see cref="IBackendPolicyRule"/>): every backend policy adjusts the cluster and endpoints, in order.</summary>
    public abstract void ApplyBackendPolicy(BackendPolicyRequest request, TranslationContext context);

    /// <summary>Listeners stage (<see cref="IGatewayClassRule"/>): whether the profile translates a Gateway that is not a waypoint.</summary>
    public abstract bool? TranslatesGateway(GatewayCapture gateway, TranslationContext context);

    /// <summary>Listeners stage (<see cref="IGatewayListenersRule"/>): the served listeners of an ordinary Gateway and its status.</summary>
    public abstract GatewayListenerPlan? GatewayListeners(GatewayCapture gateway, TranslationContext context);

    /// <summary>Routes stage (<see cref="IListenerRoutesRule"/>): the routes attached to an ordinary Gateway's listeners.</summary>
    public abstract IReadOnlyList<ListenerRoute>? ListenerRoutes(GatewayListenerPlan plan, TranslationContext context);

    /// <summary>Routes stage (<see cref="IGatewayRouteConfigurationRule"/>): the route configuration of an ordinary Gateway's port.</summary>
    public abstract Envoy.Config.Route.V3.RouteConfiguration? GatewayRouteConfiguration(GatewayPortRequest request, TranslationContext context);

    /// <summary>Listeners stage (<see cref="IGatewayListenerRule"/>): the Envoy listener of an ordinary Gateway's port.</summary>
    public abstract Envoy.Config.Listener.V3.Listener? GatewayListener(GatewayPortRequest request, TranslationContext context);
}
