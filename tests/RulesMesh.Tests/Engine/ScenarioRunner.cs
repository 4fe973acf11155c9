using System.Globalization;
using System.Text;
using RulesMesh.Engine;
using RulesMesh.Rules;

namespace RulesMesh.Tests.Engine;

/// <summary>
/// Runs scenarios and checks, after every batch: (a) the engine's state equals a fresh engine's full run over the same
/// objects in the same order; (b) the change sets, replayed from nothing, rebuild the state, and each is exact; (c) a
/// batch that changes nothing translation reads gives an empty change set. Also that the engine keeps the objects in
/// the order <see cref="ObjectSet"/> says; (d) an engine made for one batch (<see cref="TranslationEngine.ForOneBatch"/>,
/// which records no store reads) gives the full run's state over the same objects. Counts what it checked.
/// </summary>
internal sealed class ScenarioRunner(EditPlanner planner, Func<string, RulePipeline> pipelines)
{
    /// <summary>Scenarios run.</summary>
    public int Scenarios { get; private set; }

    /// <summary>Batches applied and checked, the starts included.</summary>
    public int Batches { get; private set; }

    /// <summary>Batches that had to give an empty change set.</summary>
    public int NoChangeBatches { get; private set; }

    /// <summary>Batches whose change set was not empty.</summary>
    public int ChangingBatches { get; private set; }

    /// <summary>Edits generated.</summary>
    public int Edits { get; private set; }

    /// <summary>Edits that had nothing to do or that the loader refused.</summary>
    public int SkippedEdits { get; private set; }

    /// <summary>Runs <paramref name="scenario"/>; throws naming the batch and the property that failed.</summary>
    public void Check(EngineScenario scenario)
    {
        var pipeline = pipelines(scenario.Profile);
        var engine = new TranslationEngine(pipeline, scenario.Start.Settings, gateway: scenario.Start.Gateway);
        var plan = ScenarioPlan.Of(scenario, planner, engine.KeyOf);
        Scenarios++;
        Edits += scenario.Edits.Count;
        SkippedEdits += plan.SkippedEdits;
        var replay = new ChangeSetReplay();
        for (var index = 0; index < plan.Batches.Count; index++)
        {
            var batch = plan.Batches[index];
            if (Problem(scenario, engine, replay, batch) is { } problem)
            {
                throw new EnginePropertyException($"After {ScenarioPlan.Describe(index, batch)}\n{problem}");
            }

            Batches++;
        }
    }

    /// <summary>The plan of <paramref name="scenario"/> in words (for CsCheck's report of the smallest failing one).</summary>
    public string Describe(EngineScenario scenario)
        => ScenarioPlan.Of(scenario, planner, new TranslationEngine(pipelines(scenario.Profile)).KeyOf).Describe();

    private string? Problem(EngineScenario scenario, TranslationEngine engine, ChangeSetReplay replay, EngineBatch batch)
    {
        EngineStep step;
        try
        {
            step = engine.Apply(batch.Changes);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return $"Apply threw: {exception}";
        }

        if (!ReferenceEquals(step.State, engine.Current))
        {
            return "the step's state is not the engine's current state";
        }

        // The engine must hold exactly the objects it was given, in its documented order; the full run then reads those.
        var held = engine.Objects.ToList();
        if (!held.Select(engine.KeyOf).SequenceEqual(batch.ObjectsAfter.Select(static o => o.Key)))
        {
            return $"the engine's objects are [{string.Join(", ", held.Select(engine.KeyOf))}]\nexpected [{string.Join(", ", batch.ObjectsAfter.Select(static o => o.Key))}]";
        }

        if (held.Zip(batch.ObjectsAfter).FirstOrDefault(static p => !ReferenceEquals(p.First, p.Second.Object)) is ({ } stale, var given))
        {
            return $"the engine holds another {given.Key} than the one it was given last: {ManifestObjects.ToJson(stale).ToJsonString()}";
        }

        EngineState full;
        try
        {
            full = new TranslationEngine(pipelines(scenario.Profile), scenario.Start.Settings, gateway: scenario.Start.Gateway)
                .Apply(batch.ObjectsAfter.Select(static o => new ResourceChange.Upsert(o.Object))).State;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return $"a full run over the same objects threw: {exception}";
        }

        if (StateComparison.Difference(full, step.State) is { } difference)
        {
            return "(a) the state differs from a full run over the same objects: " + difference;
        }

        EngineState oneBatch;
        try
        {
            oneBatch = TranslationEngine.ForOneBatch(pipelines(scenario.Profile), scenario.Start.Settings, scenario.Start.Gateway)
                .Apply(batch.ObjectsAfter.Select(static o => new ResourceChange.Upsert(o.Object))).State;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return $"(d) a one-batch run over the same objects threw: {exception}";
        }

        if (StateComparison.Difference(full, oneBatch) is { } oneBatchDifference)
        {
            return "(d) a one-batch run differs from a full run over the same objects: " + oneBatchDifference;
        }

        var changes = step.Changes;
        if (replay.Apply(changes) is { } inexact)
        {
            return "(b) the change set is not exact: " + inexact;
        }

        if (replay.Differs(step.State) is { } replayed)
        {
            return "(b) replaying the change sets from nothing does not give the state: " + replayed;
        }

        if (batch.ChangesNothing)
        {
            NoChangeBatches++;
            if (!changes.IsEmpty)
            {
                return "(c) the batch changes nothing translation reads, yet the change set is not empty: " + Summary(changes);
            }
        }
        else if (!changes.IsEmpty)
        {
            ChangingBatches++;
        }

        return null;
    }

    private static string Summary(ChangeSet changes)
    {
        var text = new StringBuilder();
        foreach (var (receiver, proxy) in changes.Proxies.Select(static p => (p.Key.ToString(), p.Value)).Prepend(("shared", changes.Shared)))
        {
            foreach (var type in proxy.Types)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n  {receiver} {type.Type}: upserted [{string.Join(", ", type.Upserted)}], removed [{string.Join(", ", type.Removed)}]");
            }
        }

        foreach (var removed in changes.RemovedProxies)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  proxy {removed} removed");
        }

        foreach (var status in changes.Statuses)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  {status.Kind} {status.Key} status {(status.Status is null ? "removed" : "now " + status.Status.Version)}");
        }

        return text.ToString();
    }
}
