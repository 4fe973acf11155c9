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
    public static ProxylessState Empty { get; } = new(ResourceSet.Empty, ImmutableSortedDictionary.Create<string, ProxylessVisibility>(StringComparer.Ordinal), []);

    internal ProxylessState(ResourceSet resources, ImmutableSortedDictionary<string, ProxylessVisibility> visibility, ImmutableArray<TranslationWarning> warnings)
    {
        Resources = resources;
        Visibility = visibility;
        Warnings = warnings;
    }

    /// <summary>Every resource for every client namespace.</summary>
    public ResourceSet Resources { get; }

    /// <summary>Per listener and route configuration name, the client namespaces that see it.</summary>
    public ImmutableSortedDictionary<string, ProxylessVisibility> Visibility { get; }

    /// <summary>What the proxyless stage left out or changed for gRPC, in translation order.</summary>
    public ImmutableArray<TranslationWarning> Warnings { get; }

    /// <summary>
    /// What a client in <paramref name="clientNamespace"/> receives: the listeners and route configurations of the
    /// services visible to it, and every cluster and load assignment (gRPC asks for clusters only by the names its routes
    /// give, and a route may name another namespace's backend).
    /// </summary>
    public ResourceSet ResourcesFor(string clientNamespace)
    {
        ArgumentNullException.ThrowIfNull(clientNamespace);
        return ResourceSet.Of(Enum.GetValues<XdsResourceType>().SelectMany(type => Resources[type].Values
            .Where(r => type is XdsResourceType.Cluster or XdsResourceType.Endpoint || (Visibility.TryGetValue(r.Name, out var visibility) && visibility.VisibleTo(clientNamespace)))
            .Select(r => (type, r))));
    }
}
