using Envoy.Config.Listener.V3;
using RulesMesh.Rules;

namespace RulesMesh.Translation.Policy;

/// <summary>
/// The same AuthorizationPolicies as <see cref="IstioHttpAuthorization"/> on a waypoint's service TCP chains, as network
/// RBAC filters before <c>tcp_proxy</c> (docs/spec/istio-waypoint-output.md §2.2, §6).
/// </summary>
[Rule("istio.policy.authorization-network", Order = 200, Profile = "istio", Replaces = "kgateway.policy.authorization-network",
    Description = "The same AuthorizationPolicies become network RBAC filters on TCP chains, Istio's TCP rules.")]
public sealed class IstioNetworkAuthorization : INetworkAuthorizationRule
{
    /// <inheritdoc />
    public IReadOnlyList<Filter>? NetworkAuthorization(PolicyRequest request, TranslationContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        return IstioAuthorizationFilters.Network(IstioAuthorizationPolicyIndex.For(context).ForService(request.Waypoint.Name, request.Service), context);
    }
}
