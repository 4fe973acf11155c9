namespace RulesMesh.Server.Xds;

/// <summary>What the xDS service serves from (the control plane): a snapshot per proxy, and word when they change.</summary>
public interface IProxySnapshotSource
{
    /// <summary>Raised (on any thread) after snapshots may have changed; the service then reads each stream's again.</summary>
    event EventHandler? Changed;

    /// <summary>A stream's node is known: the source may start building snapshots for its client identity.</summary>
    void Connected(ProxyNode node);

    /// <summary>The stream is gone.</summary>
    void Disconnected(ProxyNode node);

    /// <summary>The node's snapshot now, or null while there is none yet (not ready): wait for <see cref="Changed"/>.</summary>
    ProxySnapshot? SnapshotFor(ProxyNode node);
}
