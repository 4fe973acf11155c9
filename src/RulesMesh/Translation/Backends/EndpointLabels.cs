using System.Collections.Frozen;

namespace RulesMesh.Translation.Backends;

/// <summary>
/// What endpoint priorities are computed from, besides the address: the endpoint's labels as Istio sees them (its own
/// labels with its locality, network and node written over the topology labels).
/// </summary>
/// <param name="Locality">The endpoint's locality.</param>
/// <param name="Network">Its network (<c>topology.istio.io/network</c>), or null.</param>
/// <param name="Node">The Node it runs on (<c>kubernetes.io/hostname</c>), or null.</param>
/// <param name="Labels">Its own labels, or null.</param>
internal readonly record struct EndpointLabels(EndpointLocality Locality, string? Network, string? Node, IReadOnlyDictionary<string, string>? Labels)
{
    /// <summary>The label that carries a workload's network.</summary>
    public const string NetworkLabel = "topology.istio.io/network";

    /// <summary>The label that carries a workload's Node (Istio adds it to endpoint labels).</summary>
    public const string HostnameLabel = "kubernetes.io/hostname";

    /// <summary>No labels at all.</summary>
    public static EndpointLabels None { get; } = new(EndpointLocality.None, null, null, null);

    /// <summary>The label keys a Pod's Node decides rather than the Pod itself: the topology labels and the hostname.</summary>
    public static IReadOnlySet<string> NodeKeys { get; } = FrozenSet.Create(
        StringComparer.Ordinal, EndpointLocality.RegionLabel, EndpointLocality.ZoneLabel, EndpointLocality.SubzoneLabel, HostnameLabel);

    /// <summary>Only a locality.</summary>
    public static EndpointLabels At(EndpointLocality locality) => new(locality, null, null, null);

    /// <summary>
    /// The value of label <paramref name="key"/>, empty when absent: a non-empty locality part, network or node wins over
    /// the label of the same key (kgateway's <c>AugmentLabels</c>).
    /// </summary>
    public string Get(string key) => key switch
    {
        EndpointLocality.RegionLabel when Locality.Region.Length > 0 => Locality.Region,
        EndpointLocality.ZoneLabel when Locality.Zone.Length > 0 => Locality.Zone,
        EndpointLocality.SubzoneLabel when Locality.Subzone.Length > 0 => Locality.Subzone,
        NetworkLabel when !string.IsNullOrEmpty(Network) => Network,
        HostnameLabel when !string.IsNullOrEmpty(Node) => Node,
        _ => Labels is not null && Labels.TryGetValue(key, out var value) ? value : string.Empty,
    };
}
