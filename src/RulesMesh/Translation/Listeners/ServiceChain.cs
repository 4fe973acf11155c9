using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;
using RulesMesh.Mesh;

namespace RulesMesh.Translation.Listeners;

/// <summary>
/// A built filter chain, the route configuration its HTTP connection manager asks for over RDS, and the service it was
/// built for (the listener rule settles chains that claim the same VIP and port by their services).
/// </summary>
public sealed record ServiceChain(FilterChain Chain, RouteConfiguration? Routes, MeshService Service);
