using BenchmarkDotNet.Running;
using RulesMesh.Benchmarks;

if (RepositoryLayout.FindUpstreamBundles() is null)
{
    // The bundles are reference material beside the clone, not part of it: without them there is nothing to measure.
    Console.WriteLine("Upstream CRD bundles not found, nothing to benchmark. Expected " + RepositoryLayout.Describe() + ".");
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(CrdModelGeneratorBenchmarks).Assembly).Run(args);
return 0;
