using Envoy.Extensions.Filters.Network.HttpConnectionManager.V3;
using RulesMesh.Rules;

namespace RulesMesh.Translation.Policy;

/// <summary>
/// kgateway's AuthorizationPolicy support on waypoint HTTP chains (docs/spec/kgateway-waypoint.md §5.4): the policies targeting the waypoint
/// Gateway (or, from the root namespace, the GatewayClass <c>kgateway-waypoint</c>) and those targeting the service,
/// each once, built into <c>envoy.filters.http.rbac</c> filters by Istio's builder (AUDIT, DENY, then ALLOW).
/// CUSTOM policies are reported and dropped.
/// </summary>
[Rule("kgateway.policy.authorization-http", Order = 100,
    Description = "AuthorizationPolicies targeting the waypoint, its class (from the root namespace) or the service become HTTP RBAC filters, Istio-style; CUSTOM is dropped.")]
public sealed class KgatewayHttpAuthorization : IHttpAuthorizationRule
{
    /// <inheritdoc />
    public IReadOnlyList<HttpFilter>? HttpAuthorization(PolicyRequest request, TranslationContext context)
    {
        return WaypointAuthorizationFilters<HttpFilter>.For(request, context, static (c, waypoint) => WaypointAuthorizationFilters<HttpFilter>.OfWaypoint(c, waypoint, Build), Build);
    }

    private static IReadOnlyList<HttpFilter> Build(IReadOnlyList<AuthorizationPolicyEntry> policies, Action<TranslationWarning> warn)
        => policies.Count == 0 ? [] : IstioRbacBuilder.BuildHttp(policies, warn);
}
