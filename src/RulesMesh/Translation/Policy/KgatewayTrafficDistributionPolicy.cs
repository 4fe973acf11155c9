using RulesMesh.Rules;
using RulesMesh.Translation.Backends;

namespace RulesMesh.Translation.Policy;

/// <summary>
/// Traffic distribution (docs/spec/kgateway-destinationrule-priorities.md §B3, §B5), for Services and ServiceEntries
/// alike: the backend's mode (<see cref="TrafficDistribution.Of"/>) gives its endpoints label-list priorities relative to
/// the client, <c>PreferSameZone</c>/<c>PreferClose</c> over network, region, zone (3, 2, 1, 0),
/// <c>PreferSameNode</c> over network, region, zone, subzone, node (5 … 0), <c>PreferNetwork</c> over the network (1, 0),
/// gaps kept. Nothing when a DestinationRule's locality setting already decided the priorities (it runs first), or when a
/// BackendConfigPolicy with zone-aware load balancing forces Any. No outlier detection is needed. The cluster's locality
/// weighting comes from the cluster rules.
/// </summary>
[Rule("kgateway.policy.traffic-distribution", Order = 310,
    Description = "A Service's trafficDistribution or traffic-distribution annotation, or a ServiceEntry's annotation, gives its endpoints priorities relative to the client (same network, region, zone, node as asked), unless a DestinationRule's locality setting decided them.")]
[AppliesTo("networking.istio.io", "ServiceEntry")]
[AppliesTo("", "Service")]
public sealed class KgatewayTrafficDistributionPolicy : IBackendPolicyRule
{
    /// <inheritdoc />
    public void ApplyBackendPolicy(BackendPolicyRequest request, TranslationContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        Apply(request, context, withSubzone: false, compact: false);
    }

    /// <summary>The rule for either profile: Istio's <c>PreferSameZone</c> list ends with the subzone and its priorities are compacted.</summary>
    internal static void Apply(BackendPolicyRequest request, TranslationContext context, bool withSubzone, bool compact)
    {
        if (request.Endpoints is not { PrioritizedBy: null } endpoints)
        {
            return;
        }

        var mode = BackendConfigPolicies.ForcesAnyTrafficDistribution(request.Backend, context) ? TrafficDistributionMode.Any : TrafficDistribution.Of(request.Backend.Service);
        if (mode != TrafficDistributionMode.Any)
        {
            EndpointPriorities.ApplyLabelList(endpoints, EndpointPriorities.Labels(mode, withSubzone), context, compact);
        }
    }
}
