using Envoy.Config.Cluster.V3;
using Envoy.Config.Endpoint.V3;
using RulesMesh.Rules;
using RulesMesh.Mesh;

namespace RulesMesh.Translation.Backends;

/// <summary>
/// A backend's cluster (and its EDS endpoints, if any) for policies to adjust in place: DestinationRule outlier
/// detection and failover priorities, BackendTLSPolicy, traffic distribution. The first parameter of the policy
/// contract, so <see cref="AppliesToAttribute"/> filters by the backend's service.
/// </summary>
/// <param name="Backend">The backend.</param>
/// <param name="Cluster">Its cluster; inline endpoints are in <c>Cluster.LoadAssignment</c>.</param>
/// <param name="Endpoints">Its EDS assignment, for EDS clusters.</param>
public sealed record BackendPolicyRequest(BackendObject Backend, Cluster Cluster, ClusterLoadAssignment? Endpoints) : IRuleSubject
{
    /// <inheritdoc />
    public ObjectKey Key => Backend.Key;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Labels => Backend.Labels;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Annotations => Backend.Annotations;
}
