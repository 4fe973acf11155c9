namespace RulesMesh.Engine;

/// <summary>
/// The clusters of one service's backends that the backend policies kept, with the load assignments of those that use
/// EDS, each versioned and kept serialised as soon as it is built: they live until the run ends, and as bytes they cost
/// the garbage collector one object each instead of a tree of messages.
/// </summary>
/// <param name="Clusters">Each kept cluster with its load assignment, if it has one of its own.</param>
internal sealed record ServiceClusters(IReadOnlyList<(VersionedResource Cluster, VersionedResource? Endpoints)> Clusters)
{
    public static ServiceClusters None { get; } = new([]);

    public bool Same(ServiceClusters other)
    {
        if (Clusters.Count != other.Clusters.Count)
        {
            return false;
        }

        for (var i = 0; i < Clusters.Count; i++)
        {
            var (cluster, endpoints) = Clusters[i];
            var (otherCluster, otherEndpoints) = other.Clusters[i];
            if (!cluster.SameContent(otherCluster) || (endpoints is null ? otherEndpoints is not null : otherEndpoints is null || !endpoints.SameContent(otherEndpoints)))
            {
                return false;
            }
        }

        return true;
    }
}
