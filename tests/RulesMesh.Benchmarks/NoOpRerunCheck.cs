using Microsoft.CodeAnalysis;

namespace RulesMesh.Benchmarks;

/// <summary>
/// Makes sure the no-op rerun measures what its name says: after an unrelated C# edit, every step of the
/// generator's pipeline must come from the cache. Should a change to the generator break that, the benchmark
/// stops with the offending steps rather than timing recomputation under a misleading name.
/// </summary>
internal static class NoOpRerunCheck
{
    public static void EnsureEverythingCached(GeneratorDriver trackingDriver, Compilation original, Compilation edited)
    {
        var first = trackingDriver.RunGenerators(original);
        if (first.GetRunResult().Results.Single() is { Exception: { } exception })
        {
            throw new InvalidOperationException("The model generator failed on the upstream bundles.", exception);
        }

        var rerun = first.RunGenerators(edited).GetRunResult().Results.Single();
        var recomputed = rerun.TrackedSteps
            .Concat(rerun.TrackedOutputSteps)
            .SelectMany(step => step.Value.SelectMany(run => run.Outputs.Select(output => (Step: step.Key, output.Reason))))
            .Where(output => output.Reason != IncrementalStepRunReason.Cached)
            .Select(output => $"{output.Step}: {output.Reason}")
            .Distinct()
            .ToList();
        if (recomputed.Count > 0)
        {
            throw new InvalidOperationException("The no-op rerun recomputed steps: " + string.Join(", ", recomputed));
        }
    }
}
