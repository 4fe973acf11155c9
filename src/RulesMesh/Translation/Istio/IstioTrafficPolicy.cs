using RulesMesh.Loading;
using RulesMesh.Models.NetworkingIstioIo.V1;
using RulesMesh.Translation.Policy;

namespace RulesMesh.Translation.Istio;

/// <summary>
/// The parts of a DestinationRule's traffic policy istiod applies to one service port, and one subset, on a waypoint
/// (docs/spec/istio-waypoint-output.md §2.2, §3), merged as Istio's <c>MergeTrafficPolicy</c> does: the rule's
/// top-level sections, replaced by a subset's own sections where it has them; at each level a <c>portLevelSettings</c>
/// entry for the port replaces the connection pool, load balancer, outlier detection and TLS wholesale (port-level
/// settings do not inherit). PROXY protocol has no port-level setting.
/// </summary>
/// <param name="Tls">The TLS origination.</param>
/// <param name="ProxyProtocol">The PROXY protocol sent upstream.</param>
/// <param name="ConnectionPool">The connection pool.</param>
/// <param name="LoadBalancer">The load balancer.</param>
/// <param name="OutlierDetection">The outlier detection.</param>
internal sealed record IstioTrafficPolicy(
    DestinationRuleTls? Tls,
    DestinationRuleTrafficPolicyProxyProtocol? ProxyProtocol,
    DestinationRuleConnectionPool? ConnectionPool,
    DestinationRuleLoadBalancer? LoadBalancer,
    DestinationRuleOutlierDetection? OutlierDetection)
{
    private static readonly IstioTrafficPolicy None = new(null, null, null, null, null);

    /// <summary>The traffic policy <see cref="ConnectionPool"/> was written in, for warnings about its fields.</summary>
    public SettingOrigin? ConnectionPoolOrigin { get; init; }

    /// <summary>The traffic policy <see cref="LoadBalancer"/> was written in.</summary>
    public SettingOrigin? LoadBalancerOrigin { get; init; }

    /// <summary>The traffic policy <see cref="OutlierDetection"/> was written in.</summary>
    public SettingOrigin? OutlierDetectionOrigin { get; init; }

    /// <summary>What <paramref name="rule"/> (none: nothing) gives <paramref name="port"/>, for <paramref name="subset"/> when given.</summary>
    public static IstioTrafficPolicy For(DestinationRule? rule, DestinationRuleSubset? subset, int port)
    {
        if (rule is null)
        {
            return AtPort(subset?.TrafficPolicy, port, None, null);
        }

        var inherited = AtPort(rule.Spec?.TrafficPolicy, port, None, SettingOrigin.In(rule, "spec.trafficPolicy"));
        var index = subset is null ? -1 : rule.Spec?.Subsets?.IndexOf(subset) ?? -1;
        return AtPort(subset?.TrafficPolicy, port, inherited, index < 0 ? null : SettingOrigin.In(rule, $"{FieldPath.Index("spec.subsets", index)}.trafficPolicy"));
    }

    private static IstioTrafficPolicy AtPort(DestinationRuleTrafficPolicy? policy, int port, IstioTrafficPolicy inherited, SettingOrigin? origin)
    {
        if (policy is null)
        {
            return inherited;
        }

        var merged = new IstioTrafficPolicy(
            policy.Tls ?? inherited.Tls,
            policy.ProxyProtocol ?? inherited.ProxyProtocol,
            policy.ConnectionPool ?? inherited.ConnectionPool,
            policy.LoadBalancer ?? inherited.LoadBalancer,
            policy.OutlierDetection ?? inherited.OutlierDetection)
        {
            ConnectionPoolOrigin = policy.ConnectionPool is null ? inherited.ConnectionPoolOrigin : origin,
            LoadBalancerOrigin = policy.LoadBalancer is null ? inherited.LoadBalancerOrigin : origin,
            OutlierDetectionOrigin = policy.OutlierDetection is null ? inherited.OutlierDetectionOrigin : origin,
        };
        var levels = policy.PortLevelSettings ?? [];
        for (var i = 0; i < levels.Count; i++)
        {
            if (levels[i].Port?.Number == (uint)port)
            {
                var level = levels[i];
                var at = origin is { } o ? o with { Policy = FieldPath.Index(o.Field("portLevelSettings"), i), Section = null } : (SettingOrigin?)null;
                return merged with
                {
                    Tls = level.Tls,
                    ConnectionPool = level.ConnectionPool,
                    LoadBalancer = level.LoadBalancer,
                    OutlierDetection = level.OutlierDetection,
                    ConnectionPoolOrigin = at,
                    LoadBalancerOrigin = at,
                    OutlierDetectionOrigin = at,
                };
            }
        }

        return merged;
    }

    /// <summary>
    /// This policy as the shared DestinationRule code reads one (outlier detection, locality, TCP keepalive), for the
    /// backend policy rule to apply to a subset's cluster instead of the rule's top-level policy; null without a rule.
    /// </summary>
    public BackendTrafficPolicy? ForBackendPolicies(DestinationRule? rule)
    {
        if (rule is null)
        {
            return null;
        }

        var top = SettingOrigin.In(rule, "spec.trafficPolicy");
        return DestinationRules.Settings(
            $"{rule.Metadata?.NamespaceProperty}/{rule.Metadata?.Name}",
            (OutlierDetection, OutlierDetectionOrigin ?? top),
            (LoadBalancer?.LocalityLbSetting, LoadBalancerOrigin ?? top),
            (ConnectionPool?.Tcp?.TcpKeepalive, ConnectionPoolOrigin ?? top));
    }
}
