using RulesMesh.Rules;

namespace RulesMesh.Translation.Policy;

/// <summary>
/// kgateway's DestinationRule plugin (docs/spec/kgateway-destinationrule-priorities.md §A), for Service and ServiceEntry
/// backends alike (both are keyed by host): the rule chosen by <see cref="DestinationRules.ForKgateway"/> gives the
/// cluster outlier detection, the panic threshold, locality weighting and TCP keepalive when its selected traffic policy
/// has outlier detection (<see cref="DestinationRuleSettings.ApplyToCluster"/>), and with a locality setting in effect
/// gives the endpoints priorities relative to the client whether or not it has outlier detection
/// (<see cref="DestinationRuleSettings.ApplyToEndpoints"/>). Inline (STATIC, DNS) and EDS endpoints alike.
/// </summary>
[Rule("kgateway.policy.destination-rule", Order = 300,
    Description = "The DestinationRule for a backend's host sets outlier detection, the panic threshold, locality weighting and TCP keepalive (all only with outlier detection); its locality setting gives endpoint priorities relative to the client.")]
[AppliesTo("networking.istio.io", "ServiceEntry")]
[AppliesTo("", "Service")]
public sealed class KgatewayDestinationRulePolicy : IBackendPolicyRule
{
    /// <inheritdoc />
    public void ApplyBackendPolicy(BackendPolicyRequest request, TranslationContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (DestinationRuleSettings.ApplyToCluster(request.Cluster, request.Backend, context, DestinationRuleSemantics.Kgateway) is { } policy && request.Endpoints is { } endpoints)
        {
            DestinationRuleSettings.ApplyToEndpoints(endpoints, policy, context, DestinationRuleSemantics.Kgateway);
        }
    }
}
