using System.Diagnostics;
using System.Globalization;
using CsCheck;
using Xunit.Abstractions;

namespace RulesMesh.Tests.Engine;

/// <summary>
/// Issue 11's properties of the translation engine, over random edit sequences from the conformance inputs and a small
/// synthetic mesh, in both profiles. After every batch: the state equals a fresh full run over the same objects,
/// resource for resource, version for version, status for status and warning for warning, and so does an engine made
/// for one batch (a batch command's, recording no store reads) over those objects; the change sets replayed
/// from nothing rebuild the state and hold no change that is not one; a batch that changes nothing gives an empty
/// change set. A failing sequence is shrunk by CsCheck and printed batch by batch.
/// </summary>
/// <remarks>
/// Scenarios per test: RULESMESH_ENGINE_PROPERTY_ITERATIONS when set (e.g. 2000 for a long local run), else a count
/// that keeps the class near half a minute.
/// </remarks>
public sealed class IncrementalEnginePropertyTests(EngineStarts starts, ITestOutputHelper output) : IClassFixture<EngineStarts>
{
    private const int MaxEdits = 12;

    [ConformanceFact]
    public void Every_step_from_the_conformance_inputs_in_the_kgateway_profile_equals_a_full_run_and_a_one_batch_run_and_the_replayed_change_sets()
        => AssertProperties(EngineStarts.For("kgateway", starts.Conformance), "kgateway", Iterations(80));

    [ConformanceFact]
    public void Every_step_from_the_conformance_inputs_in_the_istio_profile_equals_a_full_run_and_a_one_batch_run_and_the_replayed_change_sets()
        => AssertProperties(EngineStarts.For("istio", starts.Conformance), "istio", Iterations(80));

    [Fact]
    public void Every_step_from_the_synthetic_mesh_in_the_kgateway_profile_equals_a_full_run_and_a_one_batch_run_and_the_replayed_change_sets()
        => AssertProperties(EngineStarts.For("kgateway", starts.Synthetic), "kgateway", Iterations(20));

    [Fact]
    public void Every_step_from_the_synthetic_mesh_in_the_istio_profile_equals_a_full_run_and_a_one_batch_run_and_the_replayed_change_sets()
        => AssertProperties(EngineStarts.For("istio", starts.Synthetic), "istio", Iterations(20));

    private static long Iterations(long byDefault)
        => long.TryParse(Environment.GetEnvironmentVariable("RULESMESH_ENGINE_PROPERTY_ITERATIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : byDefault;

    private void AssertProperties(IReadOnlyList<EngineStart> from, string profile, long iterations)
    {
        var pipeline = WaypointPipelines.Create(profile);
        var runner = new ScenarioRunner(new EditPlanner(new ManifestObjects()), _ => pipeline);
        var clock = Stopwatch.StartNew();

        // One thread: the runner's loader and counters are not shared across threads, and CI has two cores for everything.
        MeshEdits.Scenarios(from, profile, MaxEdits).Sample(runner.Check, iter: iterations, threads: 1, print: runner.Describe);

        output.WriteLine($"{runner.Scenarios} scenarios, {runner.Edits} edits ({runner.SkippedEdits} skipped), {runner.Batches} batches checked ({runner.ChangingBatches} with changes, {runner.NoChangeBatches} that had to change nothing) in {clock.Elapsed.TotalSeconds:F1} s");

        // Edits the loader refuses or that find nothing to change would make the properties hold vacuously.
        Assert.True(runner.SkippedEdits * 3 < runner.Edits, $"{runner.SkippedEdits} of {runner.Edits} edits were skipped");
        Assert.True(runner.ChangingBatches * 3 > runner.Batches, $"only {runner.ChangingBatches} of {runner.Batches} batches changed the engine's output");
    }
}
