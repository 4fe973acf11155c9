using System.Diagnostics.CodeAnalysis;
using Envoy.Config.Cluster.V3;

namespace RulesMesh.Translation.Backends;

/// <summary>
/// A backend's cluster as a cluster rule built it, with the endpoints it carries inline (<c>Cluster.LoadAssignment</c>,
/// for STATIC and DNS clusters) and their labels, so that backend policies can prioritize them.
/// </summary>
/// <param name="Cluster">The cluster.</param>
/// <param name="InlineEndpoints">The endpoints in <c>Cluster.LoadAssignment</c>, or null when it has none or they carry no labels.</param>
public sealed record BackendCluster(Cluster Cluster, BackendEndpoints? InlineEndpoints = null)
{
    /// <summary>A cluster without inline endpoint labels (null stays null).</summary>
    [return: NotNullIfNotNull(nameof(cluster))]
    public static implicit operator BackendCluster?(Cluster? cluster) => cluster is null ? null : new(cluster);
}
