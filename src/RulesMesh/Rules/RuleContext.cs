using k8s.Models;
using RulesMesh.Mesh;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;

namespace RulesMesh.Rules;

/// <summary>What rules may read besides the object they are given: settings, the cluster's namespaces, Gateways and GatewayClasses.</summary>
public sealed class RuleContext : ITracedContext
{
    private static readonly IReadOnlyDictionary<string, string> EmptyLabels = System.Collections.Frozen.FrozenDictionary<string, string>.Empty;

    private readonly IRuleLookup _lookup;

    /// <summary>A context over given objects.</summary>
    /// <param name="settings">Settings of this run.</param>
    /// <param name="namespaces">The Namespace objects, by name.</param>
    /// <param name="gateways">The Gateways, by namespace and name; none when null.</param>
    /// <param name="gatewayClasses">The GatewayClasses, by name; none when null.</param>
    /// <param name="trail">Where verdict contracts record each rule's step; nothing is recorded when null.</param>
    public RuleContext(
        EngineSettings settings,
        IReadOnlyDictionary<string, V1Namespace> namespaces,
        IReadOnlyDictionary<NamespacedName, Gateway>? gateways = null,
        IReadOnlyDictionary<string, GatewayClass>? gatewayClasses = null,
        RuleTrail? trail = null)
        : this(settings, new GivenRuleObjects(namespaces, gateways, gatewayClasses), trail)
    {
    }

    /// <summary>A context that looks objects up as it is asked (the engine's, which records each lookup as a dependency).</summary>
    internal RuleContext(EngineSettings settings, IRuleLookup lookup, RuleTrail? trail = null)
    {
        Settings = settings;
        Trail = trail;
        _lookup = lookup;
    }

    /// <summary>Settings of this run.</summary>
    public EngineSettings Settings { get; }

    /// <inheritdoc />
    public RuleTrail? Trail { get; }

    /// <summary>The same context, recording verdict steps into <paramref name="trail"/> (one trail per decision).</summary>
    public RuleContext WithTrail(RuleTrail trail) => new(Settings, _lookup, trail);

    /// <summary>The labels of a namespace, empty when the namespace is unknown or unlabelled.</summary>
    public IReadOnlyDictionary<string, string> NamespaceLabels(string name)
        => _lookup.Namespace(name)?.Metadata?.Labels is { } labels ? labels.AsReadOnly() : EmptyLabels;

    /// <summary>The annotations of a namespace, empty when the namespace is unknown or has none.</summary>
    public IReadOnlyDictionary<string, string> NamespaceAnnotations(string name)
        => _lookup.Namespace(name)?.Metadata?.Annotations is { } annotations ? annotations.AsReadOnly() : EmptyLabels;

    /// <summary>Whether the namespace object was given.</summary>
    public bool HasNamespace(string name) => _lookup.Namespace(name) is not null;

    /// <summary>The Gateway <paramref name="name"/>, or null when it was not given (rules that check a named waypoint read it here).</summary>
    public Gateway? FindGateway(NamespacedName name) => _lookup.Gateway(name);

    /// <summary>The GatewayClass <paramref name="name"/>, or null when it was not given (Istio reads waypoint settings off a Gateway's class).</summary>
    public GatewayClass? FindGatewayClass(string name) => _lookup.GatewayClass(name);
}
