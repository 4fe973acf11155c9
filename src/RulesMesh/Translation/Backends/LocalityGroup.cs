using Envoy.Config.Endpoint.V3;

namespace RulesMesh.Translation.Backends;

/// <summary>The endpoints of one locality being collected, each with its labels.</summary>
internal sealed class LocalityGroup(EndpointLocality locality, int capacity)
{
    /// <summary>The locality.</summary>
    public EndpointLocality Locality { get; } = locality;

    /// <summary>The endpoints, in the order added.</summary>
    public List<LbEndpoint> Endpoints { get; } = new(capacity);

    /// <summary>Each endpoint's labels, at the endpoint's index.</summary>
    public List<EndpointLabels> Labels { get; } = new(capacity);
}
