using Envoy.Config.Cluster.V3;
using Envoy.Config.Endpoint.V3;
using RulesMesh.Engine;

namespace RulesMesh.Tests.Engine;

/// <summary>A service's clusters are the same as before only when every cluster and its load assignment (or its lack of one) are.</summary>
public sealed class ServiceClustersTests
{
    private static VersionedResource Cluster(string name) => VersionedResource.Serialize(name, new Cluster { Name = name });

    private static VersionedResource Endpoints(string name, string address)
        => VersionedResource.Serialize(name, new ClusterLoadAssignment
        {
            ClusterName = name,
            Endpoints = { new LocalityLbEndpoints { LbEndpoints = { new LbEndpoint { Endpoint = new Endpoint { Hostname = address } } } } },
        });

    private static ServiceClusters Of(params (VersionedResource, VersionedResource?)[] clusters) => new(clusters);

    [Fact]
    public void Equal_clusters_with_equal_or_no_load_assignments_are_the_same()
    {
        Assert.True(Of((Cluster("a"), null)).Same(Of((Cluster("a"), null))));
        Assert.True(Of((Cluster("a"), Endpoints("a", "x"))).Same(Of((Cluster("a"), Endpoints("a", "x")))));
    }

    [Fact]
    public void A_load_assignment_gained_lost_or_changed_is_a_change()
    {
        Assert.False(Of((Cluster("a"), null)).Same(Of((Cluster("a"), Endpoints("a", "x")))));
        Assert.False(Of((Cluster("a"), Endpoints("a", "x"))).Same(Of((Cluster("a"), null))));
        Assert.False(Of((Cluster("a"), Endpoints("a", "x"))).Same(Of((Cluster("a"), Endpoints("a", "y")))));
    }

    [Fact]
    public void A_cluster_changed_added_or_removed_is_a_change()
    {
        Assert.False(Of((Cluster("a"), null)).Same(Of((Cluster("b"), null))));
        Assert.False(Of((Cluster("a"), null)).Same(Of((Cluster("a"), null), (Cluster("b"), null))));
        Assert.False(Of((Cluster("a"), null), (Cluster("b"), null)).Same(Of((Cluster("a"), null))));
    }
}
