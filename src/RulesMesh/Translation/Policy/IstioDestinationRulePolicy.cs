using RulesMesh.Rules;

namespace RulesMesh.Translation.Policy;

/// <summary>
/// The <c>istio</c> profile's DestinationRule: found as Istio finds it (<see cref="DestinationRules.ForIstio"/>:
/// namespace tiers, wildcard and short hosts, exportTo), TCP keepalive applied with or without outlier detection, and
/// label-list priorities compacted to 0, 1, 2… as Istio's <c>applyFailoverPriorities</c> does. The other cluster fields
/// and the endpoint priorities are kgateway's (<see cref="KgatewayDestinationRulePolicy"/>).
/// </summary>
[Rule("istio.policy.destination-rule", Order = 300, Profile = "istio", Replaces = "kgateway.policy.destination-rule",
    Description = "The DestinationRule Istio picks for a backend's host sets outlier detection, the panic threshold, locality weighting and TCP keepalive; its locality setting gives compacted endpoint priorities relative to the client.")]
[AppliesTo("networking.istio.io", "ServiceEntry")]
[AppliesTo("", "Service")]
public sealed class IstioDestinationRulePolicy : IBackendPolicyRule
{
    /// <inheritdoc />
    public void ApplyBackendPolicy(BackendPolicyRequest request, TranslationContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (DestinationRuleSettings.ApplyToCluster(request.Cluster, request.Backend, context, DestinationRuleSemantics.Istio, request.DestinationRulePolicy) is { } policy && request.Endpoints is { } endpoints)
        {
            DestinationRuleSettings.ApplyToEndpoints(endpoints, policy, context, DestinationRuleSemantics.Istio);
        }
    }
}
