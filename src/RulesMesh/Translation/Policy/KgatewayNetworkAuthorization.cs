using Envoy.Config.Listener.V3;
using RulesMesh.Rules;

namespace RulesMesh.Translation.Policy;

/// <summary>
/// AuthorizationPolicy on waypoint TCP chains: the same policies as <see cref="KgatewayHttpAuthorization"/>, built into
/// <c>envoy.filters.network.rbac</c> filters (stat prefix <c>tcp.</c>) by Istio's builder for TCP, which skips ALLOW
/// rules and drops DENY/AUDIT values that need HTTP.
/// </summary>
/// <remarks>
/// kgateway builds these filters but never emits them, so its TCP chains are not authorized at all; RulesMesh emits
/// them before <c>tcp_proxy</c> in every profile (docs/spec/kgateway-waypoint.md §9.2).
/// </remarks>
[Rule("kgateway.policy.authorization-network", Order = 200,
    Description = "The same AuthorizationPolicies become network RBAC filters on TCP chains (Istio's TCP rules; kgateway drops these, RulesMesh emits them).")]
public sealed class KgatewayNetworkAuthorization : INetworkAuthorizationRule
{
    /// <inheritdoc />
    public IReadOnlyList<Filter>? NetworkAuthorization(PolicyRequest request, TranslationContext context)
    {
        // Only TCP ports use these filters; a service without one needs none built (and no TCP warnings).
        if (request.Service.Ports.All(static p => p.IsHttp))
        {
            return [];
        }

        return WaypointAuthorizationFilters<Filter>.For(request, context, static (c, waypoint) => WaypointAuthorizationFilters<Filter>.OfWaypoint(c, waypoint, Build), Build);
    }

    private static IReadOnlyList<Filter> Build(IReadOnlyList<AuthorizationPolicyEntry> policies, Action<TranslationWarning> warn)
        => policies.Count == 0 ? [] : IstioRbacBuilder.BuildTcp(policies, warn);
}
