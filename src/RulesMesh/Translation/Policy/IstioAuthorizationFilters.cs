using Envoy.Config.Listener.V3;
using Envoy.Extensions.Filters.Network.HttpConnectionManager.V3;

namespace RulesMesh.Translation.Policy;

/// <summary>
/// The RBAC filters istiod builds for a waypoint chain from the policies that attach to it (docs/spec/istio-waypoint-output.md
/// §6): one filter per action, AUDIT, DENY, then ALLOW, with dry-run policies as shadow rules. A CUSTOM policy needs the
/// mesh config's extension provider, which RulesMesh's input does not carry: it is reported and left out.
/// </summary>
public static class IstioAuthorizationFilters
{
    /// <summary>HTTP RBAC filters, for the HCM of an HTTP chain.</summary>
    public static IReadOnlyList<HttpFilter> Http(IReadOnlyList<AuthorizationPolicyEntry> policies, TranslationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var supported = WithoutCustom(policies, context);
        return supported.Count == 0 ? [] : IstioRbacBuilder.BuildHttp(supported, context.Warn);
    }

    /// <summary>Network RBAC filters (stat prefix <c>tcp.</c>), for a TCP chain before <c>tcp_proxy</c>.</summary>
    public static IReadOnlyList<Filter> Network(IReadOnlyList<AuthorizationPolicyEntry> policies, TranslationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var supported = WithoutCustom(policies, context);
        return supported.Count == 0 ? [] : IstioRbacBuilder.BuildTcp(supported, context.Warn);
    }

    private static List<AuthorizationPolicyEntry> WithoutCustom(IReadOnlyList<AuthorizationPolicyEntry> policies, TranslationContext context)
    {
        ArgumentNullException.ThrowIfNull(policies);
        var supported = new List<AuthorizationPolicyEntry>(policies.Count);
        foreach (var policy in policies)
        {
            if (policy.Action == "CUSTOM")
            {
                context.Warn(policy.Warning("action CUSTOM needs meshConfig's extension provider, which is not part of the input; istiod would add an rbac and ext_authz pair, RulesMesh leaves the policy out.", "spec.action"));
                continue;
            }

            supported.Add(policy);
        }

        return supported;
    }
}
