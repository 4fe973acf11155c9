using RulesMesh.Rules;

namespace RulesMesh.Translation.Policy;

/// <summary>
/// The <c>istio</c> profile's traffic distribution: as kgateway's (<see cref="KgatewayTrafficDistributionPolicy"/>), but
/// <c>PreferSameZone</c>/<c>PreferClose</c> compare the subzone too (network, region, zone, subzone) and the priorities are
/// compacted to 0, 1, 2…, as Istio's failover-priority load balancer does.
/// </summary>
[Rule("istio.policy.traffic-distribution", Order = 310, Profile = "istio", Replaces = "kgateway.policy.traffic-distribution",
    Description = "Traffic distribution as Istio applies it: PreferClose compares network, region, zone and subzone, and priorities are compacted.")]
[AppliesTo("networking.istio.io", "ServiceEntry")]
[AppliesTo("", "Service")]
public sealed class IstioTrafficDistributionPolicy : IBackendPolicyRule
{
    /// <inheritdoc />
    public void ApplyBackendPolicy(BackendPolicyRequest request, TranslationContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        KgatewayTrafficDistributionPolicy.Apply(request, context, withSubzone: true, compact: true);
    }
}
