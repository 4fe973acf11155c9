using Envoy.Config.Core.V3;

namespace RulesMesh.Translation.Backends;

/// <summary>A workload's locality: region, zone and subzone, each possibly empty (kgateway's <c>PodLocality</c>).</summary>
internal readonly record struct EndpointLocality(string Region, string Zone, string Subzone) : IComparable<EndpointLocality>
{
    /// <summary>The label that carries a node's or workload's region.</summary>
    public const string RegionLabel = "topology.kubernetes.io/region";

    /// <summary>The label that carries a node's or workload's zone.</summary>
    public const string ZoneLabel = "topology.kubernetes.io/zone";

    /// <summary>The label that carries a node's or workload's subzone.</summary>
    public const string SubzoneLabel = "topology.istio.io/subzone";

    /// <summary>No locality.</summary>
    public static EndpointLocality None { get; } = new(string.Empty, string.Empty, string.Empty);

    /// <summary>Whether every part is empty.</summary>
    public bool IsNone => this == None;

    /// <summary>Istio's <c>region/zone/subzone</c> form; the subzone keeps any further slashes.</summary>
    public static EndpointLocality Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return None;
        }

        // Cut in place: every WorkloadEntry with a locality is parsed, and Split would add an array to the parts.
        var first = text.IndexOf('/');
        if (first < 0)
        {
            return new EndpointLocality(text, string.Empty, string.Empty);
        }

        var second = text.IndexOf('/', first + 1);
        return second < 0
            ? new EndpointLocality(text[..first], text[(first + 1)..], string.Empty)
            : new EndpointLocality(text[..first], text[(first + 1)..second], text[(second + 1)..]);
    }

    /// <summary>The topology labels' locality (region, zone, subzone labels).</summary>
    public static EndpointLocality FromLabels(IReadOnlyDictionary<string, string>? labels)
        => labels is null
            ? None
            : new EndpointLocality(labels.GetValueOrDefault(RegionLabel) ?? string.Empty, labels.GetValueOrDefault(ZoneLabel) ?? string.Empty, labels.GetValueOrDefault(SubzoneLabel) ?? string.Empty);

    /// <summary>The Envoy locality, or null for none.</summary>
    public Locality? ToEnvoy() => IsNone ? null : new Locality { Region = Region, Zone = Zone, SubZone = Subzone };

    /// <inheritdoc />
    public int CompareTo(EndpointLocality other)
    {
        var byRegion = string.CompareOrdinal(Region, other.Region);
        if (byRegion != 0)
        {
            return byRegion;
        }

        var byZone = string.CompareOrdinal(Zone, other.Zone);
        return byZone != 0 ? byZone : string.CompareOrdinal(Subzone, other.Subzone);
    }
}
