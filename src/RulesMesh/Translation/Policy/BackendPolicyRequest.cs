using Envoy.Config.Cluster.V3;
using RulesMesh.Rules;
using RulesMesh.Mesh;
using RulesMesh.Translation.Backends;

namespace RulesMesh.Translation.Policy;

/// <summary>
/// A backend's cluster (and its EDS endpoints, if any) for policies to adjust in place: DestinationRule outlier
/// detection and failover priorities, BackendTLSPolicy, traffic distribution. The first parameter of the policy
/// contract, so <see cref="AppliesToAttribute"/> filters by the backend's service.
/// </summary>
/// <param name="Backend">The backend.</param>
/// <param name="Cluster">Its cluster.</param>
/// <param name="Endpoints">Its endpoints with their labels: the EDS assignment of an EDS cluster, else the inline <c>Cluster.LoadAssignment</c> the cluster rule reported; null when there is none.</param>
public sealed record BackendPolicyRequest(BackendObject Backend, Cluster Cluster, BackendEndpoints? Endpoints) : IRuleSubject
{
    /// <inheritdoc />
    public ObjectKey Key => Backend.Key;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Labels => Backend.Labels;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Annotations => Backend.Annotations;

    /// <summary>
    /// Why a policy left the cluster (and its endpoints) out of the snapshot, or null to keep it: kgateway drops the
    /// cluster of a backend whose BackendConfigPolicy is invalid, so routes to it answer 500 (their
    /// <c>cluster_not_found_response_code</c>) instead of reaching a half-configured cluster.
    /// </summary>
    public string? LeftOutBecause { get; private set; }

    /// <summary>
    /// The DestinationRule traffic policy the cluster's builder already resolved (the istio profile's subset clusters,
    /// whose subset policy is merged over the rule's), or null for the policy rules to look it up.
    /// </summary>
    internal BackendTrafficPolicy? DestinationRulePolicy { get; init; }

    /// <summary>
    /// Why a policy failed the cluster closed, or null: it keeps no endpoint, whatever a later policy puts there (a
    /// BackendTLSPolicy that cannot be honoured must give 5xx, never plaintext or unverified TLS).
    /// </summary>
    public string? ClosedBecause { get; private set; }

    /// <summary>Leaves the cluster out of the snapshot for <paramref name="reason"/> (the first reason given is kept).</summary>
    public void LeaveOut(string reason) => LeftOutBecause ??= reason;

    /// <summary>Fails the cluster closed for <paramref name="reason"/> (the first reason given is kept): see <see cref="ClosedBecause"/>.</summary>
    public void Close(string reason) => ClosedBecause ??= reason;
}
