using Envoy.Config.Endpoint.V3;

namespace RulesMesh.Translation.Backends;

/// <summary>
/// One locality of the endpoints being collected: how many there are and what they weigh while they are added, then
/// the assignment entry, sized to hold exactly those endpoints.
/// </summary>
internal sealed class LocalityGroup(EndpointLocality locality)
{
    private LocalityLbEndpoints? _entry;

    /// <summary>The locality.</summary>
    public EndpointLocality Locality { get; } = locality;

    /// <summary>How many endpoints were added.</summary>
    public int Count { get; set; }

    /// <summary>The sum of the endpoints' weights.</summary>
    public long Weight { get; set; }

    /// <summary>
    /// The assignment entry, weighing <see cref="Weight"/>, with room for the <see cref="Count"/> endpoints to
    /// <see cref="Append"/>, in the order added, at priority 0.
    /// </summary>
    public LocalityLbEndpoints Open()
    {
        var entry = new LocalityLbEndpoints { Locality = Locality.ToEnvoy(), LoadBalancingWeight = (uint)Math.Min(Weight, uint.MaxValue) };
        entry.LbEndpoints.Capacity = Count;
        _entry = entry;
        return entry;
    }

    /// <summary>Puts the next endpoint of the locality in the opened entry.</summary>
    public void Append(LbEndpoint endpoint) => _entry!.LbEndpoints.Add(endpoint);
}
