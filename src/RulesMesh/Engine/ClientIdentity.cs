using System.Collections.Immutable;
using RulesMesh.Rules;
using RulesMesh.Store;
using RulesMesh.Translation.Backends;

namespace RulesMesh.Engine;

/// <summary>
/// What the outputs depend on about the proxy asking for configuration (docs/spec/kgateway-destinationrule-priorities.md
/// §B1): its namespace (DestinationRule lookup), its locality and its labels (endpoint priorities, DestinationRule
/// workload selectors, the ingress use-waypoint check). Two proxies with equal identities get equal outputs, so they
/// share one engine; equality compares the values, labels included.
/// </summary>
public sealed class ClientIdentity : IEquatable<ClientIdentity>
{
    private static readonly ImmutableSortedDictionary<string, string> NoLabels = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    private readonly int _hash;

    private ClientIdentity(string? ns, string? locality, ImmutableSortedDictionary<string, string> labels)
    {
        Namespace = ns;
        Locality = locality;
        Labels = labels;
        var hash = new HashCode();
        hash.Add(ns, StringComparer.Ordinal);
        hash.Add(locality, StringComparer.Ordinal);
        foreach (var (key, value) in labels)
        {
            hash.Add(key, StringComparer.Ordinal);
            hash.Add(value, StringComparer.Ordinal);
        }

        _hash = hash.ToHashCode();
    }

    /// <summary>The client's namespace, or null (the backend's own namespace stands for it).</summary>
    public string? Namespace { get; }

    /// <summary>The client's locality as <c>region/zone/subzone</c>, or null.</summary>
    public string? Locality { get; }

    /// <summary>The client's labels (empty when it has none), in ordinal key order.</summary>
    public ImmutableSortedDictionary<string, string> Labels { get; }

    /// <summary>The identity <paramref name="settings"/> describe (its client namespace, locality and labels).</summary>
    public static ClientIdentity Of(EngineSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var labels = settings.ClientLabels is { Count: > 0 } own ? own.ToImmutableSortedDictionary(StringComparer.Ordinal) : NoLabels;
        return new ClientIdentity(settings.ClientNamespace, settings.ClientLocality, labels);
    }

    /// <summary>
    /// The identity of <paramref name="client"/> as §B1 derives it: its Pod looked up in <paramref name="store"/> gives
    /// the namespace, the labels and (through its Node) the locality, exactly as <see cref="ClientProxy.ForPod"/> does;
    /// the proxy's own locality stands in when the Pod and Node give none, then <paramref name="settings"/>' own.
    /// </summary>
    public static ClientIdentity Of(EngineSettings settings, ProxyClient client, ResourceStore store)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(store);
        var fallback = client.Locality is null ? settings : settings with { ClientLocality = client.Locality };
        return Of(client.Pod is { } pod ? fallback.ForPod(store, pod.Namespace, pod.Name) : fallback);
    }

    /// <summary><paramref name="settings"/> with this client (no labels: null, which the rules read as empty labels).</summary>
    public EngineSettings ApplyTo(EngineSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { ClientNamespace = Namespace, ClientLocality = Locality, ClientLabels = Labels.Count == 0 ? null : Labels };
    }

    /// <inheritdoc />
    public bool Equals(ClientIdentity? other)
        => other is not null
            && (ReferenceEquals(this, other)
                || (_hash == other._hash
                    && string.Equals(Namespace, other.Namespace, StringComparison.Ordinal)
                    && string.Equals(Locality, other.Locality, StringComparison.Ordinal)
                    && Labels.Count == other.Labels.Count
                    && Labels.All(l => other.Labels.TryGetValue(l.Key, out var value) && string.Equals(value, l.Value, StringComparison.Ordinal))));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ClientIdentity);

    /// <inheritdoc />
    public override int GetHashCode() => _hash;

    /// <summary>For logs and debug pages: <c>namespace locality {key=value, …}</c>, a dash for what is absent.</summary>
    public override string ToString()
        => $"{Namespace ?? "-"} {Locality ?? "-"} {{{string.Join(", ", Labels.Select(static l => $"{l.Key}={l.Value}"))}}}";
}
