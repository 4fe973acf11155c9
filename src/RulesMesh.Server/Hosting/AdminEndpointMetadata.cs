namespace RulesMesh.Server.Hosting;

/// <summary>Marks the endpoints served only on the admin listener.</summary>
internal sealed class AdminEndpointMetadata;
