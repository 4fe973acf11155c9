using System.Collections.Immutable;
using RulesMesh.Translation;
using RulesMesh.Translation.Proxyless;

namespace RulesMesh.Engine;

/// <summary>
/// What the engine serves proxyless gRPC clients (docs/proxyless.md), immutable like <see cref="EngineState"/>: every
/// visible service's API listeners and route configurations (named <c>&lt;host&gt;:&lt;port&gt;</c>), clusters and load
/// assignments, which client namespaces see each listener and route configuration, and the warnings about what gRPC
/// cannot express. Empty unless <see cref="Rules.EngineSettings.ServeProxylessClients"/> is on.
/// </summary>
public sealed class ProxylessState
{
    /// <summary>Nothing for proxyless clients.</summary>
    public static ProxylessState Empty { get; } = new(ResourceSet.Empty, ImmutableSortedDictionary.Create<string, ProxylessVisibility>(StringComparer.Ordinal), ImmutableDictionary<(XdsResourceType, string), ImmutableArray<ProxylessContender>>.Empty, []);

    internal ProxylessState(
        ResourceSet resources,
        ImmutableSortedDictionary<string, ProxylessVisibility> visibility,
        ImmutableDictionary<(XdsResourceType Type, string Name), ImmutableArray<ProxylessContender>> contenders,
        ImmutableArray<TranslationWarning> warnings)
    {
        Resources = resources;
        Visibility = visibility;
        Contenders = contenders;
        Warnings = warnings;
    }

    /// <summary>
    /// Every resource by name; for a listener or route configuration several services give (the same host and port in
    /// two namespaces), the first service's in translation order (<see cref="Contenders"/> has them all).
    /// </summary>
    public ResourceSet Resources { get; }

    /// <summary>Per listener and route configuration name, the client namespaces that see the one in <see cref="Resources"/>.</summary>
    public ImmutableSortedDictionary<string, ProxylessVisibility> Visibility { get; }

    /// <summary>The listeners and route configurations more than one service gives, each service's, in translation order.</summary>
    public ImmutableDictionary<(XdsResourceType Type, string Name), ImmutableArray<ProxylessContender>> Contenders { get; }

    /// <summary>What the proxyless stage left out or changed for gRPC, in translation order.</summary>
    public ImmutableArray<TranslationWarning> Warnings { get; }

    /// <summary>
    /// What a client in <paramref name="clientNamespace"/> receives: the listeners and route configurations of the
    /// services visible to it, and every cluster and load assignment (gRPC asks for clusters only by the names its routes
    /// give, and a route may name another namespace's backend). Where several visible services give a name, the one
    /// <see cref="ProxylessOwner.CompareFor"/> prefers for the namespace: its own namespace's, else the oldest.
    /// </summary>
    public ResourceSet ResourcesFor(string clientNamespace)
    {
        ArgumentNullException.ThrowIfNull(clientNamespace);
        return ResourceSet.Of(Enum.GetValues<XdsResourceType>().SelectMany(type => Resources[type].Values
            .Select(r => (type, resource: type is XdsResourceType.Cluster or XdsResourceType.Endpoint ? r : Seen(type, r, clientNamespace)))
            .Where(static r => r.resource is not null)
            .Select(static r => (r.type, r.resource!))));
    }

    /// <summary>The listener or route configuration named like <paramref name="resource"/> that a client in <paramref name="clientNamespace"/> gets, or null.</summary>
    private VersionedResource? Seen(XdsResourceType type, VersionedResource resource, string clientNamespace)
    {
        if (!Contenders.TryGetValue((type, resource.Name), out var contenders))
        {
            return Visibility.TryGetValue(resource.Name, out var visibility) && visibility.VisibleTo(clientNamespace) ? resource : null;
        }

        ProxylessContender? preferred = null;
        foreach (var contender in contenders)
        {
            if (contender.Visibility.VisibleTo(clientNamespace) && (preferred is null || contender.Owner.CompareFor(preferred.Owner, clientNamespace) < 0))
            {
                preferred = contender;
            }
        }

        return preferred?.Resource;
    }
}
