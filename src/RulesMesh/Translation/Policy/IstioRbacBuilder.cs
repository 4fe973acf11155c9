using Envoy.Config.Listener.V3;
using Envoy.Config.Rbac.V3;
using Envoy.Extensions.Filters.Network.HttpConnectionManager.V3;
using RulesMesh.Loading;
using HttpRbac = Envoy.Extensions.Filters.Http.Rbac.V3.RBAC;
using NetworkRbac = Envoy.Extensions.Filters.Network.Rbac.V3.RBAC;
using RbacPolicy = Envoy.Config.Rbac.V3.Policy;

namespace RulesMesh.Translation.Policy;

/// <summary>
/// Istio's RBAC builder (<c>pilot/pkg/security/authz/builder</c>) as kgateway calls it for waypoints: trust domain
/// <c>cluster.local</c> without aliases, not the CUSTOM builder, peer identities read from filter state
/// (<c>UseFilterState</c>). One RBAC filter per action present, AUDIT (Envoy LOG) first, then DENY, then ALLOW.
/// </summary>
/// <remarks>
/// Each rule <c>i</c> of a policy becomes the RBAC policy <c>ns[&lt;ns&gt;]-policy[&lt;name&gt;]-rule[&lt;i&gt;]</c>; a
/// policy without rules becomes one policy that never matches (so an ALLOW without rules denies everything and a DENY
/// without rules does nothing). Dry-run policies go to the shadow rules. The shadow stat prefix is always
/// <c>istio_dry_run_allow_</c>, as in the Istio version kgateway builds against. On TCP chains, HTTP-only fields
/// (methods, paths, hosts, request principals, headers, claims) skip the whole rule of an ALLOW policy and are left out
/// of a DENY or AUDIT rule, which then matches more, as Istio does.
/// </remarks>
public static class IstioRbacBuilder
{
    /// <summary>The HTTP RBAC filter's name.</summary>
    public const string HttpFilterName = "envoy.filters.http.rbac";

    /// <summary>The network RBAC filter's name.</summary>
    public const string NetworkFilterName = "envoy.filters.network.rbac";

    /// <summary>The network RBAC filter's stat prefix (Istio's <c>RBACTCPFilterStatPrefix</c>).</summary>
    public const string TcpStatPrefix = "tcp.";

    /// <summary>The shadow rules' stat prefix.</summary>
    public const string ShadowRulesStatPrefix = "istio_dry_run_allow_";

    private static readonly PackedType HttpRbacType = new(HttpRbac.Descriptor);
    private static readonly PackedType NetworkRbacType = new(NetworkRbac.Descriptor);

    /// <summary>The HTTP RBAC filters for <paramref name="policies"/>; none when no ALLOW, DENY or AUDIT policy is given.</summary>
    /// <param name="policies">The policies that apply, in order; CUSTOM and unknown actions are reported and skipped.</param>
    /// <param name="warn">Receives a warning about the policy, at the rule when it is one rule's, for what is skipped or ignored; may be null.</param>
    public static IReadOnlyList<HttpFilter> BuildHttp(IReadOnlyList<AuthorizationPolicyEntry> policies, Action<TranslationWarning>? warn = null)
        => Build(policies, forTcp: false, warn)
            .Select(static r => new HttpFilter
            {
                Name = HttpFilterName,
                TypedConfig = HttpRbacType.Pack(new HttpRbac { Rules = r.Rules, ShadowRules = r.Shadow, ShadowRulesStatPrefix = ShadowRulesStatPrefix }),
            })
            .ToList();

    /// <summary>The network RBAC filters for <paramref name="policies"/> on a TCP chain; none when no ALLOW, DENY or AUDIT policy is given.</summary>
    /// <param name="policies">The policies that apply, in order; CUSTOM and unknown actions are reported and skipped.</param>
    /// <param name="warn">Receives a warning about the policy, at the rule when it is one rule's, for what is skipped or ignored; may be null.</param>
    public static IReadOnlyList<Filter> BuildTcp(IReadOnlyList<AuthorizationPolicyEntry> policies, Action<TranslationWarning>? warn = null)
        => Build(policies, forTcp: true, warn)
            .Select(static r => new Filter
            {
                Name = NetworkFilterName,
                TypedConfig = NetworkRbacType.Pack(new NetworkRbac { Rules = r.Rules, ShadowRules = r.Shadow, StatPrefix = TcpStatPrefix, ShadowRulesStatPrefix = ShadowRulesStatPrefix }),
            })
            .ToList();

    private static List<(RBAC? Rules, RBAC? Shadow)> Build(IReadOnlyList<AuthorizationPolicyEntry> policies, bool forTcp, Action<TranslationWarning>? warn)
    {
        ArgumentNullException.ThrowIfNull(policies);
        var audit = new List<AuthorizationPolicyEntry>();
        var deny = new List<AuthorizationPolicyEntry>();
        var allow = new List<AuthorizationPolicyEntry>();
        foreach (var policy in policies)
        {
            switch (policy.Action)
            {
                case "ALLOW":
                    allow.Add(policy);
                    break;
                case "DENY":
                    deny.Add(policy);
                    break;
                case "AUDIT":
                    audit.Add(policy);
                    break;
                case "CUSTOM":
                    warn?.Invoke(policy.Warning("action CUSTOM is not supported on kgateway waypoints; the policy is ignored.", "spec.action"));
                    break;
                default:
                    warn?.Invoke(policy.Warning($"unknown action '{policy.Action}'; the policy is ignored.", "spec.action"));
                    break;
            }
        }

        var filters = new List<(RBAC? Rules, RBAC? Shadow)>();
        foreach (var (list, action) in new[] { (audit, RBAC.Types.Action.Log), (deny, RBAC.Types.Action.Deny), (allow, RBAC.Types.Action.Allow) })
        {
            if (list.Count > 0)
            {
                filters.Add(Build(list, action, forTcp, warn));
            }
        }

        return filters;
    }

    private static (RBAC? Rules, RBAC? Shadow) Build(List<AuthorizationPolicyEntry> policies, RBAC.Types.Action action, bool forTcp, Action<TranslationWarning>? warn)
    {
        var enforce = new RBAC { Action = action };
        var shadow = new RBAC { Action = action };
        bool hasEnforce = false, hasShadow = false;
        var chains = forTcp ? "TCP" : "HTTP";
        foreach (var policy in policies)
        {
            var current = policy.DryRun ? shadow : enforce;
            hasShadow |= policy.DryRun;
            hasEnforce |= !policy.DryRun;
            var rules = policy.Spec.Rules ?? [];
            for (var i = 0; i < rules.Count; i++)
            {
                var name = PolicyName(policy, i);
                var field = FieldPath.Index("spec.rules", i);
                if (rules[i] is not { } rule)
                {
                    warn?.Invoke(policy.Warning($"{field} is empty (null); skipped.", field));
                    continue;
                }

                try
                {
                    var model = IstioRbacModel.New(rule);
                    current.Policies[name] = model.Generate(forTcp, action, ignored => warn?.Invoke(
                        policy.Warning($"{field} on {chains} chains: {ignored}; the value is left out, so the {policy.Action} rule matches more.", field)));
                }
                catch (RbacRuleException error)
                {
                    warn?.Invoke(policy.Warning($"{field} is skipped on {chains} chains: {error.Message}.", field));
                }
            }

            if (rules.Count == 0)
            {
                current.Policies[PolicyName(policy, 0)] = MatchNever();
            }
        }

        return (hasEnforce ? enforce : null, hasShadow ? shadow : null);
    }

    private static string PolicyName(AuthorizationPolicyEntry policy, int rule)
        => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"ns[{policy.Name.Namespace}]-policy[{policy.Name.Name}]-rule[{rule}]");

    /// <summary>Istio's <c>rbacPolicyMatchNever</c>: not any permission, not any principal.</summary>
    private static RbacPolicy MatchNever() => new()
    {
        Permissions = { new Permission { NotRule = new Permission { Any = true } } },
        Principals = { new Principal { NotId = new Principal { Any = true } } },
    };
}
