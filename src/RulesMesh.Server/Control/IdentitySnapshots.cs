using System.Collections.Concurrent;
using RulesMesh.Engine;
using RulesMesh.Mesh;
using RulesMesh.Server.Xds;

namespace RulesMesh.Server.Control;

/// <summary>
/// The proxy snapshots served from one client identity's state: one per Gateway, built on first request and shared by
/// every proxy with that Gateway and identity. Readers on any thread; a step makes a new one that keeps the snapshots
/// of the Gateways it did not change.
/// </summary>
internal sealed class IdentitySnapshots
{
    private readonly ConcurrentDictionary<NamespacedName, ProxySnapshot> _byGateway;
    private readonly ConcurrentDictionary<string, ProxySnapshot> _proxyless = new(StringComparer.Ordinal);

    public IdentitySnapshots(ClientIdentity identity, EngineState state)
        : this(identity, state, [])
    {
    }

    private IdentitySnapshots(ClientIdentity identity, EngineState state, IEnumerable<KeyValuePair<NamespacedName, ProxySnapshot>> kept)
    {
        Identity = identity;
        State = state;
        _byGateway = new ConcurrentDictionary<NamespacedName, ProxySnapshot>(kept);
    }

    /// <summary>The identity they are for.</summary>
    public ClientIdentity Identity { get; }

    /// <summary>The state they are built from.</summary>
    public EngineState State { get; }

    /// <summary>
    /// The snapshot of <paramref name="gateway"/>: its resources when the state has it as a proxy; otherwise nothing and
    /// a warning (never another Gateway's resources, nor the shared ones).
    /// </summary>
    public ProxySnapshot For(NamespacedName gateway) => _byGateway.GetOrAdd(gateway, Build);

    /// <summary>
    /// What proxyless gRPC clients in <paramref name="clientNamespace"/> receive (<see cref="ProxylessState.ResourcesFor"/>),
    /// built on first request. It carries no warnings: the control plane logs the proxyless ones once, not per stream.
    /// </summary>
    public ProxySnapshot ForProxyless(string clientNamespace)
        => _proxyless.GetOrAdd(clientNamespace, ns => new ProxySnapshot($"proxyless gRPC clients in {ns} for {Identity}", State.Proxyless.ResourcesFor(ns), []));

    /// <summary>The snapshots after a step from <see cref="State"/> to <paramref name="state"/>: those of Gateways <paramref name="changes"/> did not touch are kept.</summary>
    public IdentitySnapshots After(EngineState state, ChangeSet changes)
    {
        if (ReferenceEquals(state, State))
        {
            return this;
        }

        if (changes.FromRevision != State.Revision)
        {
            return new IdentitySnapshots(Identity, state);
        }

        return new IdentitySnapshots(Identity, state, _byGateway.Where(s => !changes.Proxies.ContainsKey(s.Key) && !changes.RemovedProxies.Contains(s.Key)));
    }

    private ProxySnapshot Build(NamespacedName gateway)
    {
        var key = $"{gateway} for {Identity}";
        return State.Proxies.ContainsKey(gateway)
            ? new ProxySnapshot(key, State.ResourcesOf(gateway), [])
            : new ProxySnapshot(key, ResourceSet.Empty, [$"the node names Gateway {gateway}, which the configuration does not have: it gets no resources"]);
    }
}
