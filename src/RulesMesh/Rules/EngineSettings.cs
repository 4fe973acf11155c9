namespace RulesMesh.Rules;

/// <summary>Run-time settings that rules read. The defaults are kgateway's.</summary>
public sealed record EngineSettings
{
    /// <summary>When set, replaces the GatewayClass name that waypoint-class rules declare (kgateway's <c>WithWaypointClassName</c>).</summary>
    public string? WaypointClassName { get; init; }

    /// <summary>The Kubernetes cluster domain used in Service FQDNs.</summary>
    public string ClusterDomain { get; init; } = "cluster.local";

    /// <summary>
    /// The <c>controllerName</c> of the route parent statuses the kgateway profile writes. kgateway's translator tests,
    /// and so its goldens (docs/spec/kgateway-waypoint.md §5.3), name the controller <c>kgateway</c>; a running kgateway
    /// is <c>kgateway.dev/kgateway</c>, its GatewayClass's controllerName, and the API server refuses a route status whose
    /// controllerName is not such a domain-prefixed path, so <c>rulesmesh serve</c> writes that.
    /// </summary>
    public string KgatewayControllerName { get; init; } = "kgateway";

    /// <summary>Istio's root namespace, where mesh-wide policies live.</summary>
    public string RootNamespace { get; init; } = "istio-system";

    /// <summary>
    /// The locality (<c>region/zone/subzone</c>) of the proxy asking for configuration; endpoint priorities from
    /// DestinationRule failover or traffic distribution are computed relative to it. Null: the client has none, which only
    /// endpoints without a locality share; with no client at all (this, <see cref="ClientLabels"/> and
    /// <see cref="ClientNamespace"/> all unset) there are no priorities.
    /// </summary>
    public string? ClientLocality { get; init; }

    /// <summary>
    /// The labels of the proxy asking for configuration (Istio's proxy labels), e.g. <c>topology.istio.io/network</c> or
    /// <c>kubernetes.io/hostname</c>. DestinationRule <c>failoverPriority</c> and traffic distribution compare endpoint
    /// labels with these; the parts of <see cref="ClientLocality"/> take precedence for the region, zone and subzone
    /// labels. Null or empty: the client has none, and a missing label compares as empty.
    /// </summary>
    public IReadOnlyDictionary<string, string>? ClientLabels { get; init; }

    /// <summary>
    /// The namespace of the proxy asking for configuration. kgateway looks for a DestinationRule exported to every
    /// namespace first and then for one exported to this namespace. Null: the backend's own namespace stands for it.
    /// </summary>
    public string? ClientNamespace { get; init; }

    /// <summary>
    /// Whether the engine also computes what proxyless gRPC clients receive (<c>EngineState.Proxyless</c>,
    /// docs/proxyless.md): API listeners, routes, clusters and endpoints for every visible service. Off by default, so a
    /// run for waypoints pays nothing for it.
    /// </summary>
    public bool ServeProxylessClients { get; init; }

    /// <summary>
    /// kgateway's <c>WorkloadEntriesExclusionLabels</c>: a WorkloadEntry carrying any of these label keys, in its
    /// metadata labels or its <c>spec.labels</c>, is never a ServiceEntry endpoint. Empty by default.
    /// </summary>
    public IReadOnlyList<string> WorkloadEntryExclusionLabelKeys { get; init; } = [];

    /// <summary>
    /// kgateway's <c>PromoteWorkloadEntryAnnotations</c>: WorkloadEntry annotation keys copied into the endpoint's labels
    /// (where <c>failoverPriority</c> and the mTLS label check see them). Empty by default.
    /// </summary>
    public IReadOnlyList<string> PromotedWorkloadEntryAnnotations { get; init; } = [];

    /// <summary>
    /// Whether the <c>istio</c> profile also emits the double-HBONE listeners and clusters <c>inner_connect_originate</c>
    /// and <c>outer_connect_originate</c> (docs/spec/istio-waypoint-output.md §2.4: whether istiod sends them to a
    /// single-network waypoint is ambiguous). Off by default.
    /// </summary>
    public bool IstioDoubleHbone { get; init; }

    /// <summary>
    /// Istio's mesh setting <c>serviceEntryVisibility</c> (istio profile, docs/spec/istio-gatewayapi.md §6.3): <c>Namespace</c>
    /// refuses a waypoint in another namespace, <c>None</c> drops every ServiceEntry from capture. Null: not configured
    /// (Istio's default, public), and no <c>istio.io/VisibilityApplied</c> condition is written.
    /// </summary>
    public ServiceEntryVisibility? ServiceEntryVisibility { get; init; }
}
