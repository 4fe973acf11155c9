using k8s.Models;
using RulesMesh.Mesh;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;

namespace RulesMesh.Rules;

/// <summary>What rules may read besides the object they are given: settings, the cluster's namespaces, Gateways and GatewayClasses.</summary>
/// <param name="settings">Settings of this run.</param>
/// <param name="namespaces">The Namespace objects, by name.</param>
/// <param name="gateways">The Gateways, by namespace and name; none when null.</param>
/// <param name="gatewayClasses">The GatewayClasses, by name; none when null.</param>
/// <param name="trail">Where verdict contracts record each rule's step; nothing is recorded when null.</param>
public sealed class RuleContext(
    EngineSettings settings,
    IReadOnlyDictionary<string, V1Namespace> namespaces,
    IReadOnlyDictionary<NamespacedName, Gateway>? gateways = null,
    IReadOnlyDictionary<string, GatewayClass>? gatewayClasses = null,
    RuleTrail? trail = null) : ITracedContext
{
    /// <summary>Settings of this run.</summary>
    public EngineSettings Settings { get; } = settings;

    /// <inheritdoc />
    public RuleTrail? Trail { get; } = trail;

    /// <summary>The same context, recording verdict steps into <paramref name="trail"/> (one trail per decision).</summary>
    public RuleContext WithTrail(RuleTrail trail) => new(Settings, namespaces, gateways, gatewayClasses, trail);

    /// <summary>The labels of a namespace, empty when the namespace is unknown or unlabelled.</summary>
    public IReadOnlyDictionary<string, string> NamespaceLabels(string name)
        => namespaces.TryGetValue(name, out var ns) && ns.Metadata?.Labels is { } labels
            ? labels.AsReadOnly()
            : EmptyLabels;

    /// <summary>Whether the namespace object was given.</summary>
    public bool HasNamespace(string name) => namespaces.ContainsKey(name);

    /// <summary>The Gateway <paramref name="name"/>, or null when it was not given (rules that check a named waypoint read it here).</summary>
    public Gateway? FindGateway(NamespacedName name) => gateways is not null && gateways.TryGetValue(name, out var gateway) ? gateway : null;

    /// <summary>The GatewayClass <paramref name="name"/>, or null when it was not given (Istio reads waypoint settings off a Gateway's class).</summary>
    public GatewayClass? FindGatewayClass(string name) => gatewayClasses is not null && gatewayClasses.TryGetValue(name, out var gatewayClass) ? gatewayClass : null;

    private static readonly IReadOnlyDictionary<string, string> EmptyLabels = System.Collections.Frozen.FrozenDictionary<string, string>.Empty;
}
