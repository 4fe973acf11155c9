using System.Text.Json.Nodes;
using k8s.Models;
using RulesMesh.Engine;
using RulesMesh.Synthetic;
using RulesMesh.Translation.Output;

namespace RulesMesh.Tests.Engine;

/// <summary>An object whose labels were changed in place and upserted again is refiled under its new labels, and what read its old ones is recomputed.</summary>
public sealed class EngineInPlaceEditTests
{
    [Fact]
    public void A_pod_relabelled_in_place_and_upserted_again_leaves_the_entry_that_selected_it_as_a_full_run_does()
    {
        var objects = SyntheticMesh.Build(new SyntheticMeshOptions { Services = 4, ServiceEntries = 4, Workloads = 40, Waypoints = 2 });
        var engine = new TranslationEngine(WaypointPipelines.Create());
        var before = engine.Apply(objects.Select(static o => new ResourceChange.Upsert(o))).State;
        var pod = engine.Objects.OfType<V1Pod>().First(static p => p.Metadata.Name.StartsWith("se-", StringComparison.Ordinal));
        var selector = pod.Metadata.Labels.ToDictionary();

        foreach (var label in selector.Keys)
        {
            pod.Metadata.Labels[label] = "relabelled";
        }

        var step = engine.Apply([new ResourceChange.Upsert(pod)]);
        var full = new TranslationEngine(WaypointPipelines.Create()).Apply(engine.Objects.Select(static o => new ResourceChange.Upsert(o))).State;

        Assert.True(JsonNode.DeepEquals(XdsDocument.ToJson(full.ToSnapshot()), XdsDocument.ToJson(step.State.ToSnapshot())));
        Assert.False(JsonNode.DeepEquals(XdsDocument.ToJson(before.ToSnapshot()), XdsDocument.ToJson(step.State.ToSnapshot())));
        Assert.Contains(step.Changes.Shared.Types, static t => t.Type == XdsResourceType.Endpoint && t.Upserted.Count > 0);
    }
}
