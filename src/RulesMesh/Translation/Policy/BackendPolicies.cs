using Envoy.Config.Cluster.V3;
using RulesMesh.Rules;
using RulesMesh.Translation.Backends;

namespace RulesMesh.Translation.Policy;

/// <summary>Runs the backend policy stage on a cluster, and then what the policies asked for as a whole.</summary>
internal static class BackendPolicies
{
    /// <summary>
    /// Applies every <see cref="IBackendPolicyRule"/> to <paramref name="cluster"/> and <paramref name="endpoints"/>;
    /// false when a policy left the cluster out. A cluster a policy closed loses its endpoints (EDS and inline) only
    /// once every policy has run, so no later one can put them back.
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
            endpoints?.Assignment.Endpoints.Clear();
            cluster.LoadAssignment?.Endpoints.Clear();
        }

        return true;
    }
}
