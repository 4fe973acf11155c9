using Envoy.Config.Cluster.V3;
using Envoy.Config.Core.V3;
using Envoy.Type.V3;
using RulesMesh.Translation.Backends;

namespace RulesMesh.Translation.Policy;

/// <summary>Which reading of DestinationRules to follow.</summary>
internal enum DestinationRuleSemantics
{
    /// <summary>kgateway's (docs/spec/kgateway-destinationrule-priorities.md §A): exact-host lookup by export key; cluster settings only with outlier detection; label-list priorities keep their gaps.</summary>
    Kgateway,

    /// <summary>Istio's: namespace tiers and wildcard hosts; keepalive without outlier detection; priorities compacted.</summary>
    Istio,
}

/// <summary>
/// Applies a backend's DestinationRule to its cluster and endpoints (docs/spec/kgateway-destinationrule-priorities.md
/// §A2, §A3). Shared by the DestinationRule policy rules of both profiles and usable by any code that builds a cluster
/// for a backend (<see cref="ApplyToCluster"/>).
/// </summary>
internal static class DestinationRuleSettings
{
    /// <summary>The traffic policy the DestinationRule chosen by <paramref name="semantics"/> gives <paramref name="backend"/>'s port.</summary>
    public static BackendTrafficPolicy? Find(BackendObject backend, TranslationContext context, DestinationRuleSemantics semantics)
        => semantics == DestinationRuleSemantics.Istio ? DestinationRules.ForIstio(backend, context) : DestinationRules.ForKgateway(backend, context);

    /// <summary>
    /// Writes the cluster fields of <paramref name="backend"/>'s DestinationRule into <paramref name="cluster"/> (§A2).
    /// Everything is skipped unless the selected traffic policy has <c>outlierDetection</c>; then:
    /// <list type="bullet">
    /// <item><c>outlierDetection</c>: <c>consecutive5xx</c> copied (an explicit 0 kept), <c>interval</c>,
    /// <c>baseEjectionTime</c>; <c>consecutiveGatewayFailure</c> with its enforcing percentage (100 when positive, else
    /// 0); <c>maxEjectionPercent</c> when positive; with <c>splitExternalLocalOriginErrors</c> the split,
    /// <c>enforcingLocalOriginSuccessRate: 0</c> and, when positive, <c>consecutiveLocalOriginFailure</c> enforced at
    /// 100;</item>
    /// <item><c>commonLbConfig.healthyPanicThreshold</c>: <c>minHealthPercent</c>, 0 when unset;</item>
    /// <item>with a locality setting in effect, <c>commonLbConfig.localityWeightedLbConfig</c>;</item>
    /// <item>with <c>connectionPool.tcp.tcpKeepalive</c>, <c>upstreamConnectionOptions.tcpKeepalive</c>: time and
    /// interval in whole seconds, probes when positive.</item>
    /// </list>
    /// Under <see cref="DestinationRuleSemantics.Istio"/> the keepalive applies without outlier detection too. Returns
    /// the policy found, or null. A <paramref name="resolved"/> policy (an Istio subset's, merged by the cluster's
    /// builder) is used instead of looking one up.
    /// </summary>
    public static BackendTrafficPolicy? ApplyToCluster(Cluster cluster, BackendObject backend, TranslationContext context, DestinationRuleSemantics semantics, BackendTrafficPolicy? resolved = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        if ((resolved ?? Find(backend, context, semantics)) is not { } policy)
        {
            return null;
        }

        var subject = $"DestinationRule {policy.Rule}";
        if (policy.Keepalive is { } keepalive && (policy.Outlier is not null || semantics == DestinationRuleSemantics.Istio))
        {
            cluster.UpstreamConnectionOptions = new UpstreamConnectionOptions { TcpKeepalive = Keepalive(keepalive, subject, context) };
        }

        if (policy.Outlier is not { } outlier)
        {
            return policy;
        }

        cluster.OutlierDetection = Outlier(outlier, semantics, subject, context);
        cluster.CommonLbConfig ??= new Cluster.Types.CommonLbConfig();
        cluster.CommonLbConfig.HealthyPanicThreshold = new Percent { Value = outlier.MinHealthPercent ?? 0 };
        if (policy.EffectiveLocality is not null)
        {
            cluster.WithLocalityWeighting();
        }

        return policy;
    }

    /// <summary>
    /// Prioritizes <paramref name="endpoints"/> by <paramref name="policy"/>'s locality setting when it is in effect
    /// (§A3, not gated on outlier detection): from <c>failoverPriority</c> when given (its <c>failover</c> then ignored),
    /// else by locality failover. The endpoints are marked as prioritized by the rule either way, so traffic
    /// distribution no longer applies (§B3).
    /// </summary>
    public static void ApplyToEndpoints(BackendEndpoints endpoints, BackendTrafficPolicy policy, TranslationContext context, DestinationRuleSemantics semantics)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (policy.EffectiveLocality is not { } locality)
        {
            return;
        }

        endpoints.PrioritizedBy = $"DestinationRule {policy.Rule}";
        if (locality.Distributes)
        {
            var distribute = locality.Origin.Field("distribute");
            context.Warn(new TranslationWarning(endpoints.PrioritizedBy, $"{distribute} is not supported; it is ignored") { Resource = locality.Origin.Resource, FieldPath = distribute });
        }

        if (locality.FailoverPriority.Count > 0)
        {
            EndpointPriorities.ApplyLabelList(endpoints, locality.FailoverPriority, context, compact: semantics == DestinationRuleSemantics.Istio);
        }
        else
        {
            EndpointPriorities.ApplyLocalityFailover(endpoints, locality.Failover, context.Settings);
        }
    }

    private static TcpKeepalive Keepalive(DestinationRuleKeepalive settings, string subject, TranslationContext context)
    {
        var keepalive = new TcpKeepalive();
        if (Duration(settings.Time, settings.Origin, "time", subject, context) is { } time)
        {
            keepalive.KeepaliveTime = WholeSeconds(time);
        }

        if (Duration(settings.Interval, settings.Origin, "interval", subject, context) is { } interval)
        {
            keepalive.KeepaliveInterval = WholeSeconds(interval);
        }

        if (settings.Probes is > 0 and var probes)
        {
            keepalive.KeepaliveProbes = probes;
        }

        return keepalive;
    }

    /// <summary>Go's <c>GetSeconds()</c>: the nanoseconds dropped, clamped to what a uint32 holds.</summary>
    private static uint WholeSeconds(Google.Protobuf.WellKnownTypes.Duration duration) => (uint)Math.Min(duration.Seconds, uint.MaxValue);

    private static OutlierDetection Outlier(OutlierSettings settings, DestinationRuleSemantics semantics, string subject, TranslationContext context)
    {
        var outlier = new OutlierDetection
        {
            Consecutive5Xx = settings.Consecutive5xxErrors,
            Interval = Duration(settings.Interval, settings.Origin, "interval", subject, context),
            BaseEjectionTime = Duration(settings.BaseEjectionTime, settings.Origin, "baseEjectionTime", subject, context),
        };
        if (semantics == DestinationRuleSemantics.Istio)
        {
            // Istio's applyOutlierDetection: success-rate ejection off ("should be disabled"), and consecutive 5xx
            // errors enforced at 100 % when counted (kgateway leaves both to Envoy's defaults, §A2).
            outlier.EnforcingSuccessRate = 0;
            if (settings.Consecutive5xxErrors is { } errors)
            {
                outlier.EnforcingConsecutive5Xx = errors > 0 ? 100u : 0u;
            }
        }

        if (settings.ConsecutiveGatewayErrors is { } gateway)
        {
            outlier.ConsecutiveGatewayFailure = gateway;
            outlier.EnforcingConsecutiveGatewayFailure = gateway > 0 ? 100u : 0u;
        }

        if (settings.MaxEjectionPercent is > 0 and var percent)
        {
            outlier.MaxEjectionPercent = (uint)percent;
        }

        if (settings.SplitExternalLocalOriginErrors == true)
        {
            outlier.SplitExternalLocalOriginErrors = true;
            outlier.EnforcingLocalOriginSuccessRate = 0;
            if (settings.ConsecutiveLocalOriginFailures is > 0 and var failures)
            {
                outlier.ConsecutiveLocalOriginFailure = failures;
                outlier.EnforcingConsecutiveLocalOriginFailure = 100;
            }
        }

        return outlier;
    }

    private static Google.Protobuf.WellKnownTypes.Duration? Duration(string? text, SettingOrigin section, string name, string subject, TranslationContext context)
    {
        if (text is null)
        {
            return null;
        }

        if (GoDuration.Parse(text) is { } duration)
        {
            return duration;
        }

        var field = section.Field(name);
        context.Warn(new TranslationWarning(subject, $"{field} '{text}' is not a duration; it is ignored") { Resource = section.Resource, FieldPath = field });
        return null;
    }
}
