using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using RulesMesh.Engine;

namespace RulesMesh.Benchmarks;

/// <summary>
/// Issue 11's incremental figures on the default synthetic mesh (10,000 Services and ServiceEntries, 100,000
/// workloads, 100 waypoints, with HTTPRoutes, AuthorizationPolicies and DestinationRules): one edit applied to an
/// engine that holds the whole mesh, its change set computed, beside a full run (a fresh engine applying every
/// object) from the same process. Each edit alternates with its undo (<see cref="IncrementalMesh"/>), so every
/// invocation is one comparable step; setup makes and undoes the edit once and stops if a change set lacks what the
/// edit must change, or the no-op edit's is not empty. The Speedup column is the full run's median over the benchmark's.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Columns))]
public class IncrementalBenchmarks
{
    private IncrementalMesh _mesh = null!;
    private TranslationEngine _engine = null!;
    private MeshEdit _edit = null!;
    private bool _edited;

    [GlobalSetup(Target = nameof(FullRun))]
    public void SetupFullRun() => _mesh = new IncrementalMesh(IncrementalMesh.DefaultOptions);

    [GlobalSetup(Target = nameof(ServiceEntryEdit))]
    public void SetupServiceEntryEdit() => Setup(nameof(ServiceEntryEdit));

    [GlobalSetup(Target = nameof(EntryPodReadiness))]
    public void SetupEntryPodReadiness() => Setup(nameof(EntryPodReadiness));

    [GlobalSetup(Target = nameof(ServicePodReadiness))]
    public void SetupServicePodReadiness() => Setup(nameof(ServicePodReadiness));

    [GlobalSetup(Target = nameof(NamespaceLabelFlip))]
    public void SetupNamespaceLabelFlip() => Setup(nameof(NamespaceLabelFlip));

    [GlobalSetup(Target = nameof(NoOpEdit))]
    public void SetupNoOpEdit() => Setup(nameof(NoOpEdit));

    /// <summary>A fresh engine applying every object of the mesh: the batch command's work (its state; a first change set, every proxy's whole view, is not asked for).</summary>
    [Benchmark(Baseline = true)]
    public EngineState FullRun() => _mesh.FullRun(out _).State;

    /// <summary>A ServiceEntry's http port changes (and back).</summary>
    [Benchmark]
    public ChangeSet ServiceEntryEdit() => Step();

    /// <summary>A Pod a ServiceEntry selects turns unready (and ready).</summary>
    [Benchmark]
    public ChangeSet EntryPodReadiness() => Step();

    /// <summary>A Pod behind a Service and its EndpointSlice endpoint turn unready (and ready).</summary>
    [Benchmark]
    public ChangeSet ServicePodReadiness() => Step();

    /// <summary>A namespace of 100 Services and 100 ServiceEntries leaves its waypoint (and rejoins it).</summary>
    [Benchmark]
    public ChangeSet NamespaceLabelFlip() => Step();

    /// <summary>An unchanged ServiceEntry upserted again: an empty change set.</summary>
    [Benchmark]
    public ChangeSet NoOpEdit() => Step();

    private void Setup(string edit)
    {
        _mesh = new IncrementalMesh(IncrementalMesh.DefaultOptions);
        _mesh.FullRun(out _engine);
        _edit = _mesh.Edit(edit);
        _edit.Verify(Step(), true);
        _edit.Verify(Step(), false);
    }

    private ChangeSet Step()
    {
        var batch = _edit.Next(_edited);
        _edited = !_edited;
        return _engine.Apply(batch).Changes;
    }

    /// <summary>The default columns, the median and the speedup over the full run.</summary>
    private sealed class Columns : ManualConfig
    {
        public Columns() => AddColumn(StatisticColumn.Median, new SpeedupColumn());
    }
}
