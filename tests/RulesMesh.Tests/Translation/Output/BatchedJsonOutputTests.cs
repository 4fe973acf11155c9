using Envoy.Config.Cluster.V3;
using Envoy.Config.Endpoint.V3;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using RulesMesh.Translation.Output;

namespace RulesMesh.Tests.Translation.Output;

/// <summary>
/// The JSON writer formats resources in batches on worker threads and copies them into the document in order; with
/// thousands of resources of very different sizes (batches of one and of many, more batches than are ever in flight)
/// the document must still be exactly the whole tree's text.
/// </summary>
public sealed class BatchedJsonOutputTests
{
    [Fact]
    public void Thousands_of_resources_of_mixed_sizes_are_written_in_order_with_the_whole_trees_text()
    {
        var clusters = Enumerable.Range(0, 3_000)
            .Select(i => new Cluster { Name = $"cluster-{i:D4}", AltStatName = new string('x', i % 7 == 0 ? 20_000 : i % 50) })
            .ToList();
        var endpoints = Enumerable.Range(0, 500)
            .Select(i => new ClusterLoadAssignment { ClusterName = $"cluster-{i:D4}" })
            .ToList();
        var snapshot = new XdsSnapshot(clusters, endpoints, [], [], new Dictionary<string, GatewayStatus>(), new Dictionary<string, HTTPRouteStatus>(), []);

        WrittenDocument.AssertIsTheWholeTreesText(snapshot);
    }
}
