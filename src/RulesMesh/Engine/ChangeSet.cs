using System.Collections.Immutable;
using RulesMesh.Mesh;

namespace RulesMesh.Engine;

/// <summary>
/// What one step changed: per proxy and type, the resources to send and the names removed (the proxy's whole view,
/// shared resources included); the shared resources' own changes; proxies that are gone; statuses written or gone.
/// Empty when the step changed nothing a proxy or a status would see.
/// </summary>
public sealed class ChangeSet
{
    internal ChangeSet(long fromRevision, long toRevision, ProxyChanges shared, ImmutableSortedDictionary<NamespacedName, ProxyChanges> proxies, ImmutableArray<NamespacedName> removedProxies, ImmutableArray<StatusChange> statuses)
    {
        FromRevision = fromRevision;
        ToRevision = toRevision;
        Shared = shared;
        Proxies = proxies;
        RemovedProxies = removedProxies;
        Statuses = statuses;
    }

    /// <summary>The revision the changes apply to.</summary>
    public long FromRevision { get; }

    /// <summary>The revision they lead to.</summary>
    public long ToRevision { get; }

    /// <summary>Changes of the resources every proxy receives, on their own (for a receiver that is not a Gateway).</summary>
    public ProxyChanges Shared { get; }

    /// <summary>Per proxy that exists after the step, the changes to its view; a new proxy gets its whole view.</summary>
    public ImmutableSortedDictionary<NamespacedName, ProxyChanges> Proxies { get; }

    /// <summary>Proxies that no longer exist.</summary>
    public ImmutableArray<NamespacedName> RemovedProxies { get; }

    /// <summary>Statuses written (with their new content) or gone (null status).</summary>
    public ImmutableArray<StatusChange> Statuses { get; }

    /// <summary>
    /// Changes of what proxyless gRPC clients receive (<see cref="EngineState.Proxyless"/>): resources new or with a new
    /// version, and listeners and route configurations whose visibility changed, as upserts; names gone.
    /// </summary>
    public ProxyChanges Proxyless { get; internal init; } = new([]);

    /// <summary>Whether the step changed nothing.</summary>
    public bool IsEmpty => Shared.Types.Count == 0 && Proxies.Count == 0 && RemovedProxies.IsEmpty && Statuses.IsEmpty && Proxyless.Types.Count == 0;
}
