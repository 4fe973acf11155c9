using Envoy.Config.Cluster.V3;
using Envoy.Type.V3;
using RulesMesh.Rules;
using RulesMesh.Translation.Backends;

namespace RulesMesh.Translation.Policy;

/// <summary>
/// kgateway's DestinationRule plugin (docs/spec/kgateway-waypoint.md §3.3, §3.4): the DestinationRule whose <c>host</c> is the backend's host (see
/// <see cref="DestinationRules"/> for which one wins) applies only through its <c>outlierDetection</c>, as Istio's
/// failover needs outlier detection to ever leave priority 0:
/// <list type="bullet">
/// <item>the cluster's <c>outlierDetection</c>: <c>consecutive5xx</c>, <c>consecutiveGatewayFailure</c>, <c>interval</c>,
/// <c>baseEjectionTime</c>, <c>maxEjectionPercent</c> (when positive) and, with <c>splitExternalLocalOriginErrors</c>, the
/// local-origin failures, with no enforcing percentages (kgateway's goldens carry none);</item>
/// <item><c>commonLbConfig.healthyPanicThreshold</c> set to <c>minHealthPercent</c>, 0 when unset (the panic threshold is
/// off, as in Istio);</item>
/// <item>with an enabled <c>localityLbSetting</c>: <c>commonLbConfig.localityWeightedLbConfig</c>, and endpoint priorities
/// relative to the client (<see cref="EngineSettings.ClientLocality"/>, <see cref="EngineSettings.ClientLabels"/>):
/// from <c>failoverPriority</c> when given, else Istio's region/zone/subzone failover with its <c>failover</c> pairs.
/// <c>distribute</c> is not supported (a warning says so).</item>
/// </list>
/// Inline endpoints (STATIC and DNS clusters) and EDS endpoints are prioritized alike. kgateway's enforcing
/// percentages and connection-pool settings are not modelled.
/// </summary>
[Rule("kgateway.policy.destination-rule", Order = 300,
    Description = "The DestinationRule for a backend's host sets outlier detection and the panic threshold; with a locality setting, locality weighting and endpoint priorities from failoverPriority relative to the client.")]
[AppliesTo("networking.istio.io", "ServiceEntry")]
[AppliesTo("", "Service")]
public sealed class KgatewayDestinationRulePolicy : IBackendPolicyRule
{
    /// <inheritdoc />
    public void ApplyBackendPolicy(BackendPolicyRequest request, TranslationContext context)
    {
        if (DestinationRules.For(request.Backend, context) is not { Outlier: { } outlier } policy)
        {
            return;
        }

        var cluster = request.Cluster;
        var subject = $"DestinationRule {policy.Rule}";
        cluster.OutlierDetection = Outlier(outlier, subject, context);
        if (outlier.MinHealthPercent is not < 0)
        {
            cluster.CommonLbConfig ??= new Cluster.Types.CommonLbConfig();
            cluster.CommonLbConfig.HealthyPanicThreshold = new Percent { Value = outlier.MinHealthPercent ?? 0 };
        }

        if (policy.Locality is not { IsEnabled: true } locality)
        {
            return;
        }

        cluster.WithLocalityWeighting();
        if (locality.Distributes)
        {
            context.Warn(subject, "localityLbSetting.distribute is not supported; it is ignored");
        }

        if (request.Endpoints is not { } endpoints)
        {
            return;
        }

        if (locality.FailoverPriority.Count > 0)
        {
            EndpointPriorities.ApplyFailoverPriority(endpoints, locality.FailoverPriority, context);
        }
        else if (!locality.Distributes)
        {
            EndpointPriorities.ApplyLocalityFailover(endpoints, locality.Failover, context.Settings);
        }
    }

    private static OutlierDetection Outlier(OutlierSettings settings, string subject, TranslationContext context)
    {
        var outlier = new OutlierDetection
        {
            Consecutive5Xx = settings.Consecutive5xxErrors,
            ConsecutiveGatewayFailure = settings.ConsecutiveGatewayErrors,
            Interval = Duration(settings.Interval, "interval", subject, context),
            BaseEjectionTime = Duration(settings.BaseEjectionTime, "baseEjectionTime", subject, context),
        };
        if (settings.MaxEjectionPercent is > 0 and var percent)
        {
            outlier.MaxEjectionPercent = (uint)Math.Min(percent, 100);
        }

        if (settings.SplitExternalLocalOriginErrors == true)
        {
            outlier.SplitExternalLocalOriginErrors = true;
            if (settings.ConsecutiveLocalOriginFailures is > 0 and var failures)
            {
                outlier.ConsecutiveLocalOriginFailure = failures;
            }
        }

        return outlier;
    }

    private static Google.Protobuf.WellKnownTypes.Duration? Duration(string? text, string field, string subject, TranslationContext context)
    {
        if (text is null)
        {
            return null;
        }

        if (GoDuration.Parse(text) is { } duration)
        {
            return duration;
        }

        context.Warn(subject, $"outlierDetection.{field} '{text}' is not a duration; it is ignored");
        return null;
    }
}
