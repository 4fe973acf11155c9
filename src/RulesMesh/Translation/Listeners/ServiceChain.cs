using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;

namespace RulesMesh.Translation.Listeners;

/// <summary>A built filter chain, and the route configuration its HTTP connection manager asks for over RDS.</summary>
public sealed record ServiceChain(FilterChain Chain, RouteConfiguration? Routes);
