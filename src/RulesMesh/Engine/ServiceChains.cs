using Envoy.Config.Route.V3;
using RulesMesh.Translation.Listeners;

namespace RulesMesh.Engine;

/// <summary>One captured service's filter chains on a waypoint (one per port a rule made a chain for) and their route configurations.</summary>
/// <param name="Chains">The chains.</param>
/// <param name="Routes">The route configurations of the HTTP chains.</param>
internal sealed record ServiceChains(IReadOnlyList<ServiceChain> Chains, IReadOnlyList<RouteConfiguration> Routes)
{
    public bool Same(ServiceChains other) => Chains.SequenceEqual(other.Chains) && Routes.SequenceEqual(other.Routes);
}
