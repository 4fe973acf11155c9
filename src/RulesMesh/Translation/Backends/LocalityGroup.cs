using Envoy.Config.Endpoint.V3;

namespace RulesMesh.Translation.Backends;

/// <summary>
/// The endpoints of one locality being collected, each with its labels. They go straight into the assignment entry
/// the locality will be, so building the assignment copies nothing.
/// </summary>
internal sealed class LocalityGroup
{
    public LocalityGroup(EndpointLocality locality, int capacity)
    {
        Locality = locality;
        Entry = new LocalityLbEndpoints { Locality = locality.ToEnvoy() };
        Entry.LbEndpoints.Capacity = capacity;
        Labels = new(capacity);
    }

    /// <summary>The locality.</summary>
    public EndpointLocality Locality { get; }

    /// <summary>The assignment entry: the endpoints in the order added, at priority 0; its weight is set when built.</summary>
    public LocalityLbEndpoints Entry { get; }

    /// <summary>Each endpoint's labels, at the endpoint's index.</summary>
    public List<EndpointLabels> Labels { get; }

    /// <summary>The sum of the endpoints' weights.</summary>
    public long Weight { get; set; }
}
