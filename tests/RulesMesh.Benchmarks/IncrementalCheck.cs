using System.Diagnostics;
using RulesMesh.Engine;

namespace RulesMesh.Benchmarks;

/// <summary>
/// <c>--incremental-check [services] [runs]</c>: the incremental benchmarks' figures in a minute, without
/// BenchmarkDotNet. Builds the mesh, times full runs (a fresh engine applying every object), then each edit of
/// <see cref="IncrementalMesh"/> applied in turn to one engine (edit, undo, …; each step's change set computed), and
/// prints medians, allocations per step and the speedup over the full run's median. Every timed step's change set is
/// checked to hold what the edit must change, and a no-op edit's to be empty, so the figures are of real work.
/// </summary>
internal static class IncrementalCheck
{
    public static int Run(int services, int runs)
    {
        var build = Stopwatch.StartNew();
        var mesh = new IncrementalMesh(IncrementalMesh.DefaultOptions with { Services = services, ServiceEntries = services, Workloads = services * 10 });
        build.Stop();
        var options = mesh.Options;
        Console.WriteLine($"mesh: {options.Services} Services, {options.ServiceEntries} ServiceEntries, {options.Workloads} workloads, {options.Waypoints} waypoints; {mesh.Objects.Count} objects, built in {Figures.Seconds(build.Elapsed)}; load average {Figures.LoadAverage()}");

        var cold = Stopwatch.StartNew();
        var first = mesh.FullRun(out var engine);
        cold.Stop();
        var wholeView = Stopwatch.StartNew();
        var firstChanges = first.Changes;
        wholeView.Stop();
        Console.WriteLine($"first full run, JIT included: {Figures.Seconds(cold.Elapsed)}; its change set (every proxy's whole view) {Figures.Seconds(wholeView.Elapsed)}: {firstChanges.Proxies.Count} proxies, {first.State.Shared.Count} shared resources");

        var full = Measure(runs, () => mesh.FullRun(out _).State);
        Console.WriteLine($"full run (a fresh engine applying all objects, state only): {full}");
        Console.WriteLine();
        Console.WriteLine($"{"edit",-20} {"median",10} {"min",10} {"max",10} {"allocated",12} {"speedup",9}");
        foreach (var edit in mesh.Edits)
        {
            var edited = false;
            ChangeSet Step()
            {
                var changes = engine.Apply(edit.Next(edited)).Changes;
                edited = !edited;
                return changes;
            }

            // edited is already flipped when the check runs: the step just made was forward when it now is true.
            void Check(ChangeSet changes) => edit.Verify(changes, edited);

            // One warm-up round trip, checked like every timed step.
            var forward = Step();
            Check(forward);
            Check(Step());
            var timing = Measure(runs + (runs % 2), Step, Check);
            Console.WriteLine($"{edit.Name,-20} {Figures.Duration(timing.Median),10} {Figures.Duration(timing.Min),10} {Figures.Duration(timing.Max),10} {Figures.Size(timing.AllocatedPerRun),12} {Figures.Speedup(full.Median.TotalMilliseconds, timing.Median.TotalMilliseconds),9}");
            Console.WriteLine($"  {edit.Description}");
            Console.WriteLine($"  change set: {ChangeSetSummary.Describe(forward)}");
        }

        GC.KeepAlive(engine);
        return 0;
    }

    /// <summary>Times <paramref name="runs"/> calls of <paramref name="step"/>, each after a full collection so that no run pays for garbage an earlier one left; <paramref name="check"/> looks at each result untimed.</summary>
    private static Timing Measure<T>(int runs, Func<T> step, Action<T>? check = null)
    {
        var times = new List<TimeSpan>();
        long allocated = 0;
        for (var i = 0; i < runs; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            var result = step();
            watch.Stop();
            allocated += GC.GetTotalAllocatedBytes(precise: true) - before;
            times.Add(watch.Elapsed);
            check?.Invoke(result);
        }

        times.Sort();
        return new Timing((times[(runs - 1) / 2] + times[runs / 2]) / 2, times[0], times[^1], allocated / runs, runs);
    }

    private sealed record Timing(TimeSpan Median, TimeSpan Min, TimeSpan Max, long AllocatedPerRun, int Runs)
    {
        public override string ToString() => $"median {Figures.Duration(Median)} (min {Figures.Duration(Min)}, max {Figures.Duration(Max)}), {Figures.Size(AllocatedPerRun)} allocated per run; {Runs} runs";
    }
}
