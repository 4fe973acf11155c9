using RulesMesh.Rules;
using RulesMesh.Translation.Backends;

namespace RulesMesh.Translation.Policy;

/// <summary>
/// A ServiceEntry's <c>networking.istio.io/traffic-distribution</c> annotation (docs/spec/kgateway-waypoint.md §3.2) prioritizes its endpoints
/// relative to the client as Istio's traffic distribution does, through the failover labels
/// <c>PreferClose</c>/<c>PreferSameZone</c>: network, region, zone, subzone; <c>PreferSameNode</c>: those and
/// <c>kubernetes.io/hostname</c>; <c>PreferNetwork</c>: network. No outlier detection is needed. A DestinationRule with a
/// <c>localityLbSetting</c> for the backend takes precedence (it runs first and this rule then leaves the endpoints alone).
/// The cluster's locality weighting comes from the cluster rules.
/// </summary>
[Rule("kgateway.policy.traffic-distribution", Order = 310,
    Description = "A ServiceEntry's traffic-distribution annotation gives its endpoints priorities relative to the client (same network, region, zone, subzone, node as asked), unless a DestinationRule sets locality load balancing.")]
[AppliesTo("networking.istio.io", "ServiceEntry", Annotation = "networking.istio.io/traffic-distribution")]
public sealed class KgatewayTrafficDistributionPolicy : IBackendPolicyRule
{
    /// <inheritdoc />
    public void ApplyBackendPolicy(BackendPolicyRequest request, TranslationContext context)
    {
        var failover = ServiceEntrySpecs.TrafficDistribution(request.Backend.Service) switch
        {
            "PreferClose" or "PreferSameZone" => EndpointPriorities.PreferSameZone,
            "PreferSameNode" => EndpointPriorities.PreferSameNode,
            "PreferNetwork" => EndpointPriorities.PreferNetwork,
            _ => null,
        };
        if (failover is null
            || request.Endpoints is not { } endpoints
            || DestinationRules.For(request.Backend, context)?.Locality is not null)
        {
            return;
        }

        EndpointPriorities.ApplyFailoverPriority(endpoints, failover, context);
    }
}
