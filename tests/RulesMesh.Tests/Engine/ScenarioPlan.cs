using System.Text;
using k8s;
using k8s.Models;
using RulesMesh.Engine;

namespace RulesMesh.Tests.Engine;

/// <summary>
/// A scenario read into batches: the start as the first batch, then each edit's steps, an edit marked
/// <see cref="MeshEdit.SameBatch"/> joining the batch before it. Edits with nothing to do are kept as lines only.
/// </summary>
internal sealed class ScenarioPlan
{
    private readonly IReadOnlyList<(int AfterBatch, string Why)> _skipped;

    private ScenarioPlan(IReadOnlyList<EngineBatch> batches, IReadOnlyList<(int AfterBatch, string Why)> skipped)
    {
        Batches = batches;
        _skipped = skipped;
    }

    /// <summary>The batches to apply, the start first.</summary>
    public IReadOnlyList<EngineBatch> Batches { get; }

    /// <summary>How many edits had nothing to do (or made an object the loader refused).</summary>
    public int SkippedEdits => _skipped.Count;

    /// <summary>Plans <paramref name="scenario"/> with the keys <paramref name="keyOf"/> gives.</summary>
    public static ScenarioPlan Of(EngineScenario scenario, EditPlanner planner, Func<IKubernetesObject<V1ObjectMeta>, ResourceKey> keyOf)
    {
        var objects = new ObjectSet(keyOf);
        var start = scenario.Start.Objects.Select(static o => (ResourceChange)new ResourceChange.Upsert(o)).ToList();
        objects.Apply(start);
        var batches = new List<EngineBatch> { new(start, [$"start from {scenario.Start} with the {scenario.Profile} profile"], false, Held(objects)) };
        var skipped = new List<(int, string)>();
        foreach (var edit in scenario.Edits)
        {
            var join = edit.SameBatch && batches.Count > 1;
            foreach (var step in planner.Plan(edit, objects))
            {
                if (step.IsSkipped)
                {
                    skipped.Add((batches.Count - 1, $"{edit.Target}: {step.Description}"));
                    continue;
                }

                objects.Apply(step.Changes);
                if (join)
                {
                    var last = batches[^1];
                    batches[^1] = new EngineBatch([.. last.Changes, .. step.Changes], [.. last.Descriptions, step.Description], last.ChangesNothing && step.ChangesNothing, Held(objects));
                }
                else
                {
                    batches.Add(new EngineBatch(step.Changes, [step.Description], step.ChangesNothing, Held(objects)));
                }

                join = edit.SameBatch;
            }
        }

        return new ScenarioPlan(batches, skipped);
    }

    /// <summary>Batch <paramref name="index"/> in words.</summary>
    public static string Describe(int index, EngineBatch batch)
    {
        var text = new StringBuilder($"batch {index}{(batch.ChangesNothing ? " (changes nothing)" : string.Empty)}:");
        foreach (var line in batch.Descriptions)
        {
            text.Append("\n    ").Append(line);
        }

        return text.ToString();
    }

    /// <summary>The whole plan in words: the start, every batch, and where edits were skipped.</summary>
    public string Describe()
    {
        var text = new StringBuilder(Batches[0].Descriptions[0]);
        for (var index = 0; index < Batches.Count; index++)
        {
            if (index > 0)
            {
                text.Append('\n').Append(Describe(index, Batches[index]));
            }

            foreach (var (_, why) in _skipped.Where(s => s.AfterBatch == index))
            {
                text.Append("\n  (skipped ").Append(why).Append(')');
            }
        }

        return text.ToString();
    }

    private static List<(ResourceKey, IKubernetesObject<V1ObjectMeta>)> Held(ObjectSet objects) => [.. objects.Objects.Select(o => (objects.KeyOf(o), o))];
}
