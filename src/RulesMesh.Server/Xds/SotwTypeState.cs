using System.Collections.Immutable;
using RulesMesh.Engine;

namespace RulesMesh.Server.Xds;

/// <summary>What a State of the World stream knows about one resource type: the subscription, what was sent, what the proxy holds.</summary>
internal sealed class SotwTypeState
{
    /// <summary>Subscribed to every resource of the type.</summary>
    public bool Wildcard { get; private set; }

    /// <summary>The names subscribed to, besides a wildcard.</summary>
    public HashSet<string> Names { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The version of the last response sent, or the version the proxy reported when it (re)opened the subscription;
    /// null when the proxy is owed a response.
    /// </summary>
    public string? SentVersion { get; set; }

    /// <summary>The nonce of the last response sent; requests naming another are stale.</summary>
    public string? SentNonce { get; set; }

    /// <summary>The resources of <see cref="SentVersion"/>, or null while they are not known (a reported version).</summary>
    public ImmutableSortedDictionary<string, VersionedResource>? Sent { get; set; }

    /// <summary>The last response is neither acknowledged nor rejected yet.</summary>
    public bool AwaitingAck { get; set; }

    /// <summary>The version the proxy last acknowledged.</summary>
    public string? AckedVersion { get; set; }

    /// <summary>The resources the proxy last acknowledged (its last good configuration).</summary>
    public ImmutableSortedDictionary<string, VersionedResource> Acked { get; set; } = ImmutableSortedDictionary.Create<string, VersionedResource>(StringComparer.Ordinal);

    /// <summary>The version the proxy rejected last, never sent again.</summary>
    public string? RejectedVersion { get; set; }

    /// <summary>The proxy has named resources on this stream: an empty list then means none, not all.</summary>
    private bool HasNamed { get; set; }

    /// <summary>Counts subscription changes, so a cached view is known to be current.</summary>
    private int Revision { get; set; }

    private (ImmutableSortedDictionary<string, VersionedResource> Source, int Revision, ImmutableSortedDictionary<string, VersionedResource> View, string Version)? _cachedView;

    /// <summary>What the proxy holds or is applying: the acknowledged resources and the ones awaiting an answer.</summary>
    public IEnumerable<VersionedResource> Held => AwaitingAck && Sent is not null ? Acked.Values.Concat(Sent.Values) : Acked.Values;

    /// <summary>Whether the subscription covers <paramref name="name"/>.</summary>
    public bool Wants(string name) => Wildcard || Names.Contains(name);

    /// <summary>
    /// The subscribed part of <paramref name="resources"/> (a snapshot's resources of this type) and its type version,
    /// computed again only when the snapshot or the subscription changed (not on every ACK).
    /// </summary>
    public (ImmutableSortedDictionary<string, VersionedResource> View, string Version) ViewOf(ImmutableSortedDictionary<string, VersionedResource> resources)
    {
        if (_cachedView is { } cached && ReferenceEquals(cached.Source, resources) && cached.Revision == Revision)
        {
            return (cached.View, cached.Version);
        }

        var view = Wildcard ? resources : resources.Where(r => Names.Contains(r.Key)).ToImmutableSortedDictionary(StringComparer.Ordinal);
        var version = TypeVersion.Of(view);
        _cachedView = (resources, Revision, view, version);
        return (view, version);
    }

    /// <summary>
    /// Takes the names of a request. <c>*</c> subscribes to all; an empty list is a wildcard subscription only until the
    /// proxy has named resources (the xDS legacy wildcard), after that it unsubscribes from all.
    /// </summary>
    public void Subscribe(IReadOnlyCollection<string> names)
    {
        var wildcard = names.Contains("*") || (names.Count == 0 && !HasNamed);
        HasNamed |= names.Any(static n => n != "*");
        var named = names.Where(static n => n != "*").ToHashSet(StringComparer.Ordinal);
        if (wildcard != Wildcard || !named.SetEquals(Names))
        {
            Wildcard = wildcard;
            Names.Clear();
            Names.UnionWith(named);
            Revision++;
        }
    }
}
