using System.Collections.Immutable;
using k8s;
using k8s.Models;
using RulesMesh.Loading;
using RulesMesh.Mesh;
using RulesMesh.Rules;
using RulesMesh.Store;

namespace RulesMesh.Engine;

/// <summary>
/// Translation outputs per client identity over one stream of changes: endpoint priorities and DestinationRule lookups
/// depend on the proxy asking (docs/spec/kgateway-destinationrule-priorities.md §B1), so each distinct
/// <see cref="ClientIdentity"/> in use has a <see cref="TranslationEngine"/> of its own, fed every batch. The engine of
/// the settings as given (<see cref="Base"/>) always exists; another is built by replaying the objects when a client
/// first has its identity and dropped when no client has it any more. A client's identity is derived again whenever its
/// Pod or that Pod's Node changes, which can move it to another engine.
/// </summary>
/// <remarks>
/// One writer calls <see cref="Apply"/>, <see cref="Attach"/> and <see cref="Detach"/>; readers take
/// <see cref="Current"/> without locks. Each engine holds its own dependency graph and objects: memory grows with the
/// number of distinct identities in use (docs/engine.md, Client identities).
/// </remarks>
public sealed class ClientIdentityEngines
{
    private readonly ModelRegistry _models;
    private readonly Dictionary<NamespacedName, V1Pod> _pods = [];
    private readonly Dictionary<string, V1Node> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<ClientIdentity, IdentityEngine> _engines = [];
    private readonly Dictionary<ProxyClient, Attachment> _clients = [];
    private ImmutableDictionary<ProxyClient, ClientIdentity> _clientIdentities = ImmutableDictionary<ProxyClient, ClientIdentity>.Empty;
    private ClientStates _current;

    /// <summary>Engines with no objects yet; only the base identity's exists until a client attaches.</summary>
    /// <param name="pipeline">The rules to run.</param>
    /// <param name="settings">The settings every identity's engine starts from; the defaults when null.</param>
    /// <param name="models">The kinds the engines know; the built-in models when null.</param>
    public ClientIdentityEngines(RulePipeline pipeline, EngineSettings? settings = null, ModelRegistry? models = null)
    {
        _models = models ?? ModelRegistry.Default;
        Base = new TranslationEngine(pipeline, settings, _models);
        BaseIdentity = ClientIdentity.Of(Base.Settings);
        _engines[BaseIdentity] = new IdentityEngine(Base);
        _current = Publish();
    }

    /// <summary>The engine of the settings as given; it always exists and holds the objects in their order.</summary>
    public TranslationEngine Base { get; }

    /// <summary>The identity <see cref="Base"/> translates for.</summary>
    public ClientIdentity BaseIdentity { get; }

    /// <summary>The latest states; safe to read from any thread.</summary>
    public ClientStates Current => Volatile.Read(ref _current);

    /// <summary>
    /// Applies <paramref name="changes"/> to every identity's engine, then derives again the identity of each client whose
    /// Pod or Node the batch touched, moving it (and building or dropping engines) where that changed.
    /// </summary>
    /// <exception cref="AggregateException">Some engine's rules threw; every engine still took the batch and clients were moved.</exception>
    public ClientIdentitiesStep Apply(IEnumerable<ResourceChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var batch = changes as IReadOnlyCollection<ResourceChange> ?? [.. changes];
        var before = _engines.Keys.ToHashSet();
        var steps = ImmutableDictionary.CreateBuilder<ClientIdentity, EngineStep>();
        var failures = new List<Exception>();
        foreach (var (identity, entry) in _engines)
        {
            // Every engine takes the batch even when one's rules throw, so their objects never drift apart.
            try
            {
                steps[identity] = entry.Engine.Apply(batch);
            }
#pragma warning disable CA1031 // Collected and thrown together once every engine has the batch.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                failures.Add(exception);
            }
        }

        var (pods, nodes) = Track(batch);
        var moved = ImmutableArray.CreateBuilder<ProxyClient>();
        if (pods.Count > 0 || nodes.Count > 0)
        {
            foreach (var (client, attachment) in _clients.ToList())
            {
                if (client.Pod is not { } pod || !(pods.Contains(pod) || (_pods.TryGetValue(pod, out var current) && current.Spec?.NodeName is { } node && nodes.Contains(node))))
                {
                    continue;
                }

                var identity = Derive(client);
                if (identity.Equals(attachment.Identity))
                {
                    continue;
                }

                Use(identity);
                Release(attachment.Identity);
                _clients[client] = attachment with { Identity = identity };
                _clientIdentities = _clientIdentities.SetItem(client, identity);
                moved.Add(client);
            }
        }

        Volatile.Write(ref _current, Publish());
        if (failures.Count > 0)
        {
            throw new AggregateException("Translating the batch failed for some client identities; every engine has its objects.", failures);
        }

        return new ClientIdentitiesStep(
            Current,
            steps.ToImmutable(),
            [.. _engines.Keys.Where(i => !before.Contains(i))],
            [.. before.Where(i => !_engines.ContainsKey(i))],
            moved.ToImmutable());
    }

    /// <summary>
    /// A proxy with <paramref name="client"/>'s Pod and locality is served: its identity is derived (building that
    /// identity's engine from the current objects when none has it) and returned. Calls are counted; each needs a
    /// <see cref="Detach"/>.
    /// </summary>
    public ClientIdentity Attach(ProxyClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (_clients.TryGetValue(client, out var attachment))
        {
            _clients[client] = attachment with { Count = attachment.Count + 1 };
            return attachment.Identity;
        }

        var identity = Derive(client);
        Use(identity);
        _clients[client] = new Attachment(identity, 1);
        _clientIdentities = _clientIdentities.SetItem(client, identity);
        Volatile.Write(ref _current, Publish());
        return identity;
    }

    /// <summary>One proxy with <paramref name="client"/>'s Pod and locality is gone; the last one's identity engine is dropped when no other client has it.</summary>
    public void Detach(ProxyClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (!_clients.TryGetValue(client, out var attachment))
        {
            return;
        }

        if (attachment.Count > 1)
        {
            _clients[client] = attachment with { Count = attachment.Count - 1 };
            return;
        }

        _clients.Remove(client);
        _clientIdentities = _clientIdentities.Remove(client);
        Release(attachment.Identity);
        Volatile.Write(ref _current, Publish());
    }

    private ClientIdentity Derive(ProxyClient client)
    {
        var pod = client.Pod is { } key ? _pods.GetValueOrDefault(key) : null;
        var node = pod?.Spec?.NodeName is { Length: > 0 } nodeName ? _nodes.GetValueOrDefault(nodeName) : null;
        IKubernetesObject<V1ObjectMeta>?[] objects = [pod, node];
        return ClientIdentity.Of(Base.Settings, client, new ResourceStore(objects.OfType<IKubernetesObject<V1ObjectMeta>>(), _models));
    }

    private void Use(ClientIdentity identity)
    {
        if (!_engines.TryGetValue(identity, out var entry))
        {
            var engine = new TranslationEngine(Base.Pipeline, identity.ApplyTo(Base.Settings), _models);
            engine.Apply(Base.Objects.Select(static o => (ResourceChange)new ResourceChange.Upsert(o)));
            entry = new IdentityEngine(engine);
            _engines[identity] = entry;
        }

        entry.Clients++;
    }

    private void Release(ClientIdentity identity)
    {
        var entry = _engines[identity];
        entry.Clients--;
        if (entry.Clients == 0 && !identity.Equals(BaseIdentity))
        {
            _engines.Remove(identity);
        }
    }

    // Keeps the Pods and Nodes clients are derived from; returns the Pods and Nodes the batch touched.
    private (HashSet<NamespacedName> Pods, HashSet<string> Nodes) Track(IEnumerable<ResourceChange> batch)
    {
        var pods = new HashSet<NamespacedName>();
        var nodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var change in batch)
        {
            var (key, resource) = change switch
            {
                ResourceChange.Upsert upsert => (Base.KeyOf(upsert.Object), upsert.Object),
                ResourceChange.Delete delete => (delete.Key, null),
                _ => throw new ArgumentOutOfRangeException(nameof(batch), change, "Unknown change."),
            };
            if (key.Group.Length != 0)
            {
                continue;
            }

            if (key.Kind == "Pod")
            {
                var name = new NamespacedName(key.Namespace, key.Name);
                pods.Add(name);
                Keep(_pods, name, resource as V1Pod);
            }
            else if (key.Kind == "Node")
            {
                nodes.Add(key.Name);
                Keep(_nodes, key.Name, resource as V1Node);
            }
        }

        return (pods, nodes);
    }

    private static void Keep<TKey, TValue>(Dictionary<TKey, TValue> known, TKey key, TValue? value)
        where TKey : notnull
        where TValue : class
    {
        if (value is null)
        {
            known.Remove(key);
        }
        else
        {
            known[key] = value;
        }
    }

    private ClientStates Publish()
        => new(BaseIdentity, _engines.ToImmutableDictionary(static e => e.Key, static e => e.Value.Engine.Current), _clientIdentities);

    private sealed class IdentityEngine(TranslationEngine engine)
    {
        public TranslationEngine Engine { get; } = engine;

        public int Clients { get; set; }
    }

    private sealed record Attachment(ClientIdentity Identity, int Count);
}
