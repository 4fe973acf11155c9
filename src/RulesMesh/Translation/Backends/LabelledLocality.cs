using Envoy.Config.Endpoint.V3;

namespace RulesMesh.Translation.Backends;

/// <summary>One locality of a built assignment: its endpoints as the assignment holds them, and each one's labels at the same index.</summary>
internal sealed record LabelledLocality(EndpointLocality Locality, IReadOnlyList<LbEndpoint> Endpoints, IReadOnlyList<EndpointLabels> Labels);
