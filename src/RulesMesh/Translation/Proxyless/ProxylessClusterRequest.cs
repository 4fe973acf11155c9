using Envoy.Config.Cluster.V3;
using Envoy.Config.Endpoint.V3;
using RulesMesh.Mesh;
using RulesMesh.Translation.Backends;

namespace RulesMesh.Translation.Proxyless;

/// <summary>
/// A backend's cluster and endpoints as the backends stage and the backend policies made them, to be turned into what
/// a proxyless gRPC client accepts.
/// </summary>
/// <param name="Backend">The backend.</param>
/// <param name="Cluster">Its cluster (a copy the rule may change).</param>
/// <param name="Endpoints">Its EDS assignment, or null when the cluster carries its endpoints inline or has none.</param>
public sealed record ProxylessClusterRequest(BackendObject Backend, Cluster Cluster, ClusterLoadAssignment? Endpoints) : IRuleSubject
{
    /// <inheritdoc />
    public ObjectKey Key => Backend.Key;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Labels => Backend.Labels;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Annotations => Backend.Annotations;

    /// <summary>The service the warnings name: <c>Kind ns/name</c>.</summary>
    public string Subject => $"{Backend.Key.Kind} {Backend.Key.Namespace}/{Backend.Key.Name}";
}
