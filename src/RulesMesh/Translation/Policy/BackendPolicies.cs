using Envoy.Config.Cluster.V3;
using RulesMesh.Rules;
using RulesMesh.Translation.Backends;

namespace RulesMesh.Translation.Policy;

/// <summary>Runs the backend policy stage on a cluster, and then what the policies asked for as a whole.</summary>
internal static class BackendPolicies
{
    /// <summary>
    /// Applies every <see cref="IBackendPolicyRule"/> to <paramref name="cluster"/> and <paramref name="endpoints"/>;
    /// false when a policy left the cluster out. A cluster a policy closed is closed only once every policy has run, so
    /// no later one can open it again: it keeps no endpoint and no way to find one.
    /// </summary>
    public static bool Apply(BackendObject backend, Cluster cluster, BackendEndpoints? endpoints, RulePipeline pipeline, TranslationContext context, BackendTrafficPolicy? resolved = null)
    {
        var request = new BackendPolicyRequest(backend, cluster, endpoints) { DestinationRulePolicy = resolved };
        pipeline.Stage<IBackendPolicyRule>().ApplyBackendPolicy(request, context);
        if (request.LeftOutBecause is not null)
        {
            return false;
        }

        if (request.ClosedBecause is not null)
        {
            Close(cluster, endpoints);
        }

        DynamicForwardProxyOptions.KeepSecure(cluster);
        return true;
    }

    // An EDS cluster keeps its type with no endpoints. Any other becomes STATIC with none: an ORIGINAL_DST or dynamic
    // forward proxy cluster routes without an endpoint list, so emptying one would leave it open.
    private static void Close(Cluster cluster, BackendEndpoints? endpoints)
    {
        endpoints?.Assignment.Endpoints.Clear();
        if (cluster.Type == Cluster.Types.DiscoveryType.Eds && cluster.ClusterType is null)
        {
            return;
        }

        cluster.ClusterType = null;
        cluster.Type = Cluster.Types.DiscoveryType.Static;
        cluster.OriginalDstLbConfig = null;
        if (cluster.LbPolicy == Cluster.Types.LbPolicy.ClusterProvided)
        {
            cluster.LbPolicy = Cluster.Types.LbPolicy.RoundRobin;
        }

        cluster.LoadAssignment = new Envoy.Config.Endpoint.V3.ClusterLoadAssignment { ClusterName = cluster.Name };
    }
}
