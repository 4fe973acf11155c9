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

    /// <summary>What <paramref name="rule"/> (none: nothing) gives <paramref name="port"/>, for <paramref name="subset"/> when given.</summary>
    public static IstioTrafficPolicy For(DestinationRule? rule, DestinationRuleSubset? subset, int port)
        => AtPort(subset?.TrafficPolicy, port, AtPort(rule?.Spec?.TrafficPolicy, port, None));

    private static IstioTrafficPolicy AtPort(DestinationRuleTrafficPolicy? policy, int port, IstioTrafficPolicy inherited)
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
            policy.OutlierDetection ?? inherited.OutlierDetection);
        var level = policy.PortLevelSettings?.FirstOrDefault(l => l.Port?.Number == (uint)port);
        return level is null ? merged : merged with { Tls = level.Tls, ConnectionPool = level.ConnectionPool, LoadBalancer = level.LoadBalancer, OutlierDetection = level.OutlierDetection };
    }

    /// <summary>
    /// This policy as the shared DestinationRule code reads one (outlier detection, locality, TCP keepalive), for the
    /// backend policy rule to apply to a subset's cluster instead of the rule's top-level policy; null without a rule.
    /// </summary>
    public BackendTrafficPolicy? ForBackendPolicies(DestinationRule? rule)
        => rule is null ? null : DestinationRules.Settings($"{rule.Metadata?.NamespaceProperty}/{rule.Metadata?.Name}", OutlierDetection, LoadBalancer?.LocalityLbSetting, ConnectionPool?.Tcp?.TcpKeepalive);
}
