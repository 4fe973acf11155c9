using Envoy.Extensions.Filters.Network.HttpConnectionManager.V3;
using RulesMesh.Rules;

namespace RulesMesh.Translation.Policy;

/// <summary>
/// AuthorizationPolicies on a waypoint's service HTTP chains, selected as istiod selects them
/// (docs/spec/istio-waypoint-output.md §6, <see cref="IstioAuthorizationPolicyIndex"/>): those targeting the waypoint
/// Gateway, the GatewayClass <c>istio-waypoint</c> from the root namespace, or the Service or ServiceEntry itself.
/// </summary>
[Rule("istio.policy.authorization-http", Order = 100, Profile = "istio", Replaces = "kgateway.policy.authorization-http",
    Description = "AuthorizationPolicies targeting the waypoint, the istio-waypoint class (from the root namespace), or the Service or ServiceEntry in its namespace become HTTP RBAC filters; CUSTOM is reported and left out.")]
public sealed class IstioHttpAuthorization : IHttpAuthorizationRule
{
    /// <inheritdoc />
    public IReadOnlyList<HttpFilter>? HttpAuthorization(PolicyRequest request, TranslationContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        return IstioAuthorizationFilters.Http(IstioAuthorizationPolicyIndex.For(context).ForService(request.Waypoint.Name, request.Service), context);
    }
}
