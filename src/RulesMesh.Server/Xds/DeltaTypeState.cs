using RulesMesh.Engine;

namespace RulesMesh.Server.Xds;

/// <summary>What an incremental stream knows about one resource type: the subscription and what the proxy holds, per resource.</summary>
internal sealed class DeltaTypeState
{
    /// <summary>Subscribed to every resource of the type.</summary>
    public bool Wildcard { get; set; }

    /// <summary>The names subscribed to, besides a wildcard.</summary>
    public HashSet<string> Names { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The version of each resource the proxy holds: reported in <c>initial_resource_versions</c>, or sent (a rejected
    /// response puts the previous versions back).
    /// </summary>
    public Dictionary<string, string> HeldVersions { get; } = new(StringComparer.Ordinal);

    /// <summary>The resources this stream sent that the proxy holds (reported versions have no content here).</summary>
    public Dictionary<string, VersionedResource> HeldResources { get; } = new(StringComparer.Ordinal);

    /// <summary>Per resource, the version the proxy rejected: not sent again until the content changes.</summary>
    public Dictionary<string, string> Rejected { get; } = new(StringComparer.Ordinal);

    /// <summary>Names subscribed to that do not exist, already listed as removed once.</summary>
    public HashSet<string> ToldAbsent { get; } = new(StringComparer.Ordinal);

    /// <summary>Responses not answered yet, by nonce.</summary>
    public Dictionary<string, DeltaPending> Pending { get; } = new(StringComparer.Ordinal);

    /// <summary>The version of everything the proxy holds, when it last acknowledged (or reported) it.</summary>
    public string? AckedVersion { get; set; }

    /// <summary>Whether a response of this type was sent on the stream.</summary>
    public bool Responded { get; set; }

    /// <summary>Whether the subscription covers <paramref name="name"/>.</summary>
    public bool Wants(string name) => Wildcard || Names.Contains(name);

    /// <summary>What the proxy holds or may still hold: what was sent, and what a response awaiting an answer replaces.</summary>
    public IEnumerable<VersionedResource> Held
        => HeldResources.Values.Concat(Pending.Values.SelectMany(static p => p.Previous.Values).Select(static p => p.Resource).OfType<VersionedResource>());

    /// <summary>
    /// Forgets a resource the proxy no longer holds, and that it rejected it: a later subscription asks for it afresh
    /// and is answered (a proxy waiting for a resource it asked for would time out, then take it as absent).
    /// </summary>
    public void Forget(string name)
    {
        HeldVersions.Remove(name);
        HeldResources.Remove(name);
        ToldAbsent.Remove(name);
        Rejected.Remove(name);
    }
}
