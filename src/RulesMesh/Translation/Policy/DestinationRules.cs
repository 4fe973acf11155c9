using RulesMesh.Models.NetworkingIstioIo.V1;
using RulesMesh.Translation.Backends;

namespace RulesMesh.Translation.Policy;

/// <summary>The outlier detection of a DestinationRule traffic policy (top level or one port's).</summary>
internal sealed record OutlierSettings(
    uint? Consecutive5xxErrors,
    uint? ConsecutiveGatewayErrors,
    string? Interval,
    string? BaseEjectionTime,
    int? MaxEjectionPercent,
    int? MinHealthPercent,
    bool? SplitExternalLocalOriginErrors,
    uint? ConsecutiveLocalOriginFailures);

/// <summary>The <c>loadBalancer.localityLbSetting</c> of a DestinationRule traffic policy.</summary>
internal sealed record LocalitySettings(bool? Enabled, IReadOnlyList<string> FailoverPriority, IReadOnlyList<(string From, string To)> Failover, bool Distributes)
{
    /// <summary>Whether the setting is on: present and not <c>enabled: false</c>.</summary>
    public bool IsEnabled => Enabled != false;
}

/// <summary>
/// The traffic policy a DestinationRule gives one backend port: the rule's top-level policy, or the whole of its
/// <c>portLevelSettings</c> entry for the port when there is one (kgateway's <c>getTraficPolicy</c>).
/// </summary>
/// <param name="Rule">The DestinationRule, as <c>namespace/name</c>, for warnings.</param>
/// <param name="Outlier">Its outlier detection.</param>
/// <param name="Locality">Its locality load-balancer setting.</param>
internal sealed record BackendTrafficPolicy(string Rule, OutlierSettings? Outlier, LocalitySettings? Locality);

/// <summary>
/// Finds the DestinationRule for a backend, by the backend's canonical host (a ServiceEntry host, a Service's cluster
/// FQDN). A rule's <c>host</c> matches exactly, or as a <c>*.suffix</c> wildcard; a short name without dots stands for
/// <c>&lt;name&gt;.&lt;rule namespace&gt;.svc.&lt;cluster domain&gt;</c>. Rules are looked for in the backend's namespace
/// first, then the root namespace, then every other namespace (Istio's proxy-namespace, service-namespace and root order,
/// with the backend's namespace standing for both of the first two as RulesMesh computes config for no particular
/// client); within a namespace tier the most specific host wins, then the oldest rule, then namespace/name. Outside the
/// backend's own namespace a rule must be exported to it (<c>exportTo</c> empty, <c>*</c>, or naming it). A rule with a
/// <c>workloadSelector</c> applies only when <see cref="Rules.EngineSettings.ClientLabels"/> match it. Istio's merging of
/// several rules for one host is not done: the first rule wins.
/// </summary>
internal static class DestinationRules
{
    /// <summary>The traffic policy the chosen DestinationRule gives <paramref name="backend"/>'s port; null without a rule or policy.</summary>
    public static BackendTrafficPolicy? For(BackendObject backend, TranslationContext context)
    {
        var index = context.Index(static c => new Index(c));
        return index.Find(backend, context) is { } rule ? Policy(rule, backend.Port.Port) : null;
    }

    /// <summary>The DestinationRule chosen for <paramref name="backend"/>'s host, or null (the istio profile reads its subsets).</summary>
    public static DestinationRule? RuleFor(BackendObject backend, TranslationContext context)
        => context.Index(static c => new Index(c)).Find(backend, context);

    private static BackendTrafficPolicy? Policy(DestinationRule rule, int port)
    {
        var name = $"{rule.Metadata?.NamespaceProperty}/{rule.Metadata?.Name}";
        var policy = rule.Spec?.TrafficPolicy;
        if (policy is null)
        {
            return null;
        }

        foreach (var level in policy.PortLevelSettings ?? [])
        {
            if (level.Port?.Number == (uint)port)
            {
                var o = level.OutlierDetection;
                var l = level.LoadBalancer?.LocalityLbSetting;
                return new BackendTrafficPolicy(
                    name,
                    o is null ? null : new OutlierSettings(o.Consecutive5xxErrors, o.ConsecutiveGatewayErrors, o.Interval, o.BaseEjectionTime, o.MaxEjectionPercent, o.MinHealthPercent, o.SplitExternalLocalOriginErrors, o.ConsecutiveLocalOriginFailures),
                    l is null ? null : new LocalitySettings(l.Enabled, l.FailoverPriority ?? [], [.. (l.Failover ?? []).Select(static f => (f.From ?? string.Empty, f.To ?? string.Empty))], l.Distribute is { Count: > 0 }));
            }
        }

        var outlier = policy.OutlierDetection;
        var locality = policy.LoadBalancer?.LocalityLbSetting;
        return new BackendTrafficPolicy(
            name,
            outlier is null ? null : new OutlierSettings(outlier.Consecutive5xxErrors, outlier.ConsecutiveGatewayErrors, outlier.Interval, outlier.BaseEjectionTime, outlier.MaxEjectionPercent, outlier.MinHealthPercent, outlier.SplitExternalLocalOriginErrors, outlier.ConsecutiveLocalOriginFailures),
            locality is null ? null : new LocalitySettings(locality.Enabled, locality.FailoverPriority ?? [], [.. (locality.Failover ?? []).Select(static f => (f.From ?? string.Empty, f.To ?? string.Empty))], locality.Distribute is { Count: > 0 }));
    }

    /// <summary>Every DestinationRule of a translation (any served version, read as v1), by host.</summary>
    private sealed class Index
    {
        private readonly Dictionary<string, List<DestinationRule>> _exact = new(StringComparer.Ordinal);
        private readonly List<(string Suffix, DestinationRule Rule)> _wildcards = [];

        public Index(TranslationContext context)
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

        public DestinationRule? Find(BackendObject backend, TranslationContext context)
        {
            var host = backend.Host;
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

            if (candidates.Count == 0)
            {
                return null;
            }

            var ns = backend.Service.Namespace;
            var root = context.Settings.RootNamespace;
            var clientLabels = context.Settings.ClientLabels;
            return candidates
                .Where(c => Applies(c.Rule, ns, clientLabels))
                .OrderBy(c => Tier(c.Rule.Metadata?.NamespaceProperty, ns, root))
                .ThenByDescending(static c => c.Specificity)
                .ThenBy(static c => c.Rule.Metadata?.CreationTimestamp ?? DateTime.MaxValue)
                .ThenBy(static c => c.Rule.Metadata?.NamespaceProperty, StringComparer.Ordinal)
                .ThenBy(static c => c.Rule.Metadata?.Name, StringComparer.Ordinal)
                .Select(static c => c.Rule)
                .FirstOrDefault();
        }

        private static int Tier(string? ruleNamespace, string backendNamespace, string root)
            => ruleNamespace == backendNamespace ? 0 : ruleNamespace == root ? 1 : 2;

        private static bool Applies(DestinationRule rule, string backendNamespace, IReadOnlyDictionary<string, string>? clientLabels)
        {
            if (rule.Spec?.WorkloadSelector?.MatchLabels is { Count: > 0 } selector
                && (clientLabels is null || selector.Any(pair => !clientLabels.TryGetValue(pair.Key, out var value) || value != pair.Value)))
            {
                return false;
            }

            var ns = rule.Metadata?.NamespaceProperty;
            if (ns == backendNamespace || rule.Spec?.ExportTo is not { Count: > 0 } exportTo)
            {
                return true;
            }

            return exportTo.Contains("*") || exportTo.Contains(backendNamespace);
        }
    }
}
