using RulesMesh.Loading;
using RulesMesh.Models.NetworkingIstioIo.V1;
using RulesMesh.Translation.Backends;

namespace RulesMesh.Translation.Policy;

/// <summary>The outlier detection of a DestinationRule traffic policy (top level or one port's), and where it was written.</summary>
internal sealed record OutlierSettings(
    uint? Consecutive5xxErrors,
    uint? ConsecutiveGatewayErrors,
    string? Interval,
    string? BaseEjectionTime,
    int? MaxEjectionPercent,
    int? MinHealthPercent,
    bool? SplitExternalLocalOriginErrors,
    uint? ConsecutiveLocalOriginFailures,
    SettingOrigin Origin);

/// <summary>The <c>loadBalancer.localityLbSetting</c> of a DestinationRule traffic policy, and where it was written.</summary>
internal sealed record LocalitySettings(bool? Enabled, IReadOnlyList<string> FailoverPriority, IReadOnlyList<(string From, string To)> Failover, bool Distributes, SettingOrigin Origin)
{
    /// <summary>Whether the setting is in effect: present and not explicitly <c>enabled: false</c>.</summary>
    public bool IsEnabled => Enabled != false;
}

/// <summary>The <c>connectionPool.tcp.tcpKeepalive</c> of a DestinationRule traffic policy, and where it was written.</summary>
internal sealed record DestinationRuleKeepalive(string? Time, string? Interval, uint? Probes, SettingOrigin Origin);

/// <summary>
/// The traffic policy a DestinationRule gives one backend port: the rule's top-level policy, or the whole of its
/// <c>portLevelSettings</c> entry for the port when there is one (no field-level merge,
/// docs/spec/kgateway-destinationrule-priorities.md §A1).
/// </summary>
/// <param name="Rule">The DestinationRule, as <c>namespace/name</c>, for warnings.</param>
/// <param name="Outlier">Its outlier detection.</param>
/// <param name="Locality">Its locality load-balancer setting.</param>
/// <param name="Keepalive">Its TCP keepalive.</param>
internal sealed record BackendTrafficPolicy(string Rule, OutlierSettings? Outlier, LocalitySettings? Locality, DestinationRuleKeepalive? Keepalive)
{
    /// <summary>The locality setting when it is in effect, else null.</summary>
    public LocalitySettings? EffectiveLocality => Locality is { IsEnabled: true } locality ? locality : null;
}

/// <summary>Finds the DestinationRule for a backend and reads the traffic policy it gives the backend's port.</summary>
internal static class DestinationRules
{
    /// <summary>The key of rules exported to every namespace.</summary>
    private const string Everywhere = "*";

    /// <summary>
    /// kgateway's lookup (docs/spec/kgateway-destinationrule-priorities.md §A1): rules whose <c>host</c> equals the
    /// backend's host exactly (no wildcard, no short name), indexed by export key (empty <c>exportTo</c>: <c>*</c>;
    /// <c>.</c>: the rule's namespace; anything else literally). First the rules exported to <c>*</c> whose
    /// <c>workloadSelector</c> the client's labels satisfy; only when there are none, those exported to the client's
    /// namespace (<see cref="Rules.EngineSettings.ClientNamespace"/>, else the backend's). The oldest wins; a tie goes to
    /// the smaller namespace/name (§D).
    /// </summary>
    public static BackendTrafficPolicy? ForKgateway(BackendObject backend, TranslationContext context)
    {
        var index = context.Index(static c => new ExportIndex(c));
        var client = EndpointPriorities.ClientLabels(context);
        var clientNamespace = context.Settings.ClientNamespace ?? backend.Service.Namespace;
        var rule = Oldest(index.Get(Everywhere, backend.Host), client) ?? Oldest(index.Get(clientNamespace, backend.Host), client);
        return rule is null ? null : Policy(rule, backend.Port.Port);
    }

    /// <summary>
    /// Istio's lookup (the <c>istio</c> profile): a rule's <c>host</c> matches exactly or as a <c>*.suffix</c> wildcard,
    /// and a short name without dots stands for <c>&lt;name&gt;.&lt;rule namespace&gt;.svc.&lt;cluster domain&gt;</c>.
    /// Rules are looked for in the client's namespace (<see cref="Rules.EngineSettings.ClientNamespace"/>, else the
    /// backend's) first, then the backend's namespace, then the root namespace, then every other namespace; within a tier the most specific host wins, then the oldest rule, then namespace/name. Outside the
    /// client's namespace a rule must be exported to it. A <c>workloadSelector</c> must match the client's labels. Istio's
    /// merging of several rules for one host is not done: the first rule wins.
    /// </summary>
    public static BackendTrafficPolicy? ForIstio(BackendObject backend, TranslationContext context)
        => IstioRuleFor(backend, context) is { } rule ? Policy(rule, backend.Port.Port) : null;

    /// <summary>The DestinationRule Istio's lookup (<see cref="ForIstio"/>) chooses for <paramref name="backend"/>'s host, or null; the istio profile also reads its subsets.</summary>
    public static DestinationRule? IstioRuleFor(BackendObject backend, TranslationContext context)
    {
        var index = context.Index(static c => new HostIndex(c));
        var clientNamespace = context.Settings.ClientNamespace ?? backend.Service.Namespace;
        return index.Find(backend.Host, clientNamespace, backend.Service.Namespace, EndpointPriorities.ClientLabels(context), context.Settings.RootNamespace);
    }

    private static DestinationRule? Oldest(List<DestinationRule>? rules, IReadOnlyDictionary<string, string> client)
    {
        // The first of the selecting rules by creation, namespace and name; one pass, as most hosts have one rule.
        if (rules is null)
        {
            return null;
        }

        DestinationRule? oldest = null;
        foreach (var rule in rules)
        {
            if (Selects(rule, client) && (oldest is null || Compare(rule, oldest) < 0))
            {
                oldest = rule;
            }
        }

        return oldest;
    }

    private static int Compare(DestinationRule a, DestinationRule b)
    {
        // An object without a creation time is the oldest, as Go's zero time is.
        var byCreation = (a.Metadata?.CreationTimestamp ?? DateTime.MinValue).CompareTo(b.Metadata?.CreationTimestamp ?? DateTime.MinValue);
        if (byCreation != 0)
        {
            return byCreation;
        }

        var byNamespace = string.Compare(a.Metadata?.NamespaceProperty, b.Metadata?.NamespaceProperty, StringComparison.Ordinal);
        return byNamespace != 0 ? byNamespace : string.Compare(a.Metadata?.Name, b.Metadata?.Name, StringComparison.Ordinal);
    }

    /// <summary>Whether the rule's <c>workloadSelector.matchLabels</c> (empty: any) is a subset of <paramref name="client"/>.</summary>
    private static bool Selects(DestinationRule rule, IReadOnlyDictionary<string, string> client)
        => rule.Spec?.WorkloadSelector?.MatchLabels is not { Count: > 0 } selector
            || selector.All(pair => client.TryGetValue(pair.Key, out var value) && value == pair.Value);

    private static BackendTrafficPolicy? Policy(DestinationRule rule, int port)
    {
        var name = $"{rule.Metadata?.NamespaceProperty}/{rule.Metadata?.Name}";
        if (rule.Spec?.TrafficPolicy is not { } policy)
        {
            return null;
        }

        var levels = policy.PortLevelSettings ?? [];
        for (var i = 0; i < levels.Count; i++)
        {
            if (levels[i].Port?.Number == (uint)port)
            {
                var level = levels[i];
                var at = FieldPath.Index("spec.trafficPolicy.portLevelSettings", i);
                return Settings(name, (level.OutlierDetection, SettingOrigin.In(rule, at)), (level.LoadBalancer?.LocalityLbSetting, SettingOrigin.In(rule, at)), (level.ConnectionPool?.Tcp?.TcpKeepalive, SettingOrigin.In(rule, at)));
            }
        }

        var top = SettingOrigin.In(rule, "spec.trafficPolicy");
        return Settings(name, (policy.OutlierDetection, top), (policy.LoadBalancer?.LocalityLbSetting, top), (policy.ConnectionPool?.Tcp?.TcpKeepalive, top));
    }

    /// <summary>
    /// The settings of <paramref name="rule"/> (<c>namespace/name</c>) read from one traffic policy's sections, each with
    /// the traffic policy it was written in (whose <c>outlierDetection</c>, <c>loadBalancer</c> and
    /// <c>connectionPool</c> it is); the istio profile passes a subset's merged sections.
    /// </summary>
    public static BackendTrafficPolicy Settings(
        string rule,
        (DestinationRuleOutlierDetection? Section, SettingOrigin Policy) outlier,
        (DestinationRuleLoadBalancerLocalityLbSetting? Section, SettingOrigin Policy) locality,
        (DestinationRuleConnectionPoolTcpTcpKeepalive? Section, SettingOrigin Policy) keepalive)
    {
        var (o, l, k) = (outlier.Section, locality.Section, keepalive.Section);
        return new(
            rule,
            o is null ? null : new OutlierSettings(o.Consecutive5xxErrors, o.ConsecutiveGatewayErrors, o.Interval, o.BaseEjectionTime, o.MaxEjectionPercent, o.MinHealthPercent, o.SplitExternalLocalOriginErrors, o.ConsecutiveLocalOriginFailures, outlier.Policy.Within("outlierDetection")),
            l is null ? null : new LocalitySettings(l.Enabled, l.FailoverPriority ?? [], [.. l.Failover?.Select(static f => (f.From ?? string.Empty, f.To ?? string.Empty)) ?? []], l.Distribute is { Count: > 0 }, locality.Policy.Within("loadBalancer.localityLbSetting")),
            k is null ? null : new DestinationRuleKeepalive(k.Time, k.Interval, k.Probes, keepalive.Policy.Within("connectionPool.tcp.tcpKeepalive")));
    }

    /// <summary>kgateway's index: every DestinationRule by (export key, host).</summary>
    private sealed class ExportIndex
    {
        private readonly Dictionary<(string Export, string Host), List<DestinationRule>> _rules = [];

        public ExportIndex(TranslationContext context)
        {
            foreach (var rule in context.Store.All<DestinationRule>())
            {
                if (rule.Spec?.Host is not { Length: > 0 } host)
                {
                    continue;
                }

                var exports = rule.Spec.ExportTo is { Count: > 0 } exportTo ? exportTo : [Everywhere];
                foreach (var export in exports.Select(e => e == "." ? rule.Metadata?.NamespaceProperty ?? string.Empty : e).Distinct(StringComparer.Ordinal))
                {
                    if (!_rules.TryGetValue((export, host), out var list))
                    {
                        list = [];
                        _rules[(export, host)] = list;
                    }

                    list.Add(rule);
                }
            }
        }

        public List<DestinationRule>? Get(string export, string host) => _rules.GetValueOrDefault((export, host));
    }

    /// <summary>Istio's index: every DestinationRule by host, wildcards apart.</summary>
    private sealed class HostIndex
    {
        private readonly Dictionary<string, List<DestinationRule>> _exact = new(StringComparer.Ordinal);
        private readonly List<(string Suffix, DestinationRule Rule)> _wildcards = [];

        public HostIndex(TranslationContext context)
        {
            foreach (var rule in context.Store.All<DestinationRule>())
            {
                var host = rule.Spec?.Host;
                if (string.IsNullOrEmpty(host))
                {
                    continue;
                }

                if (host.StartsWith('*'))
                {
                    // "*" matches every host; "*.example.com" every host ending in ".example.com".
                    _wildcards.Add((host[1..], rule));
                    continue;
                }

                if (!host.Contains('.', StringComparison.Ordinal))
                {
                    host = $"{host}.{rule.Metadata?.NamespaceProperty}.svc.{context.Settings.ClusterDomain}";
                }

                if (!_exact.TryGetValue(host, out var list))
                {
                    list = [];
                    _exact[host] = list;
                }

                list.Add(rule);
            }
        }

        public DestinationRule? Find(string host, string clientNamespace, string serviceNamespace, IReadOnlyDictionary<string, string> client, string root)
        {
            var candidates = new List<(DestinationRule Rule, int Specificity)>();
            foreach (var rule in _exact.GetValueOrDefault(host) ?? [])
            {
                candidates.Add((rule, int.MaxValue));
            }

            foreach (var (suffix, rule) in _wildcards)
            {
                if (host.EndsWith(suffix, StringComparison.Ordinal) && host.Length > suffix.Length)
                {
                    candidates.Add((rule, suffix.Length));
                }
            }

            return candidates
                .Where(c => Selects(c.Rule, client) && ExportedTo(c.Rule, clientNamespace))
                .OrderBy(c => Tier(c.Rule.Metadata?.NamespaceProperty, clientNamespace, serviceNamespace, root))
                .ThenByDescending(static c => c.Specificity)
                .ThenBy(static c => c.Rule.Metadata?.CreationTimestamp ?? DateTime.MinValue)
                .ThenBy(static c => c.Rule.Metadata?.NamespaceProperty, StringComparer.Ordinal)
                .ThenBy(static c => c.Rule.Metadata?.Name, StringComparer.Ordinal)
                .Select(static c => c.Rule)
                .FirstOrDefault();
        }

        private static int Tier(string? ruleNamespace, string clientNamespace, string serviceNamespace, string root)
            => ruleNamespace == clientNamespace ? 0 : ruleNamespace == serviceNamespace ? 1 : ruleNamespace == root ? 2 : 3;

        private static bool ExportedTo(DestinationRule rule, string clientNamespace)
            => rule.Metadata?.NamespaceProperty == clientNamespace
                || rule.Spec?.ExportTo is not { Count: > 0 } exportTo
                || exportTo.Contains("*")
                || exportTo.Contains(clientNamespace);
    }
}
