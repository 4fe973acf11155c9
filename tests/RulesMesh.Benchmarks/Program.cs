using BenchmarkDotNet.Running;
using RulesMesh.Benchmarks;

if (args is ["--startup"])
{
    return StartupCheck.Run();
}

if (args is ["--scale-se", ..])
{
    return ScaleCheck.RunServiceEntries(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000);
}

if (args is ["--incremental-check", ..])
{
    return IncrementalCheck.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5);
}

if (args is ["--engine-memory", ..])
{
    return EngineMemoryCheck.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000);
}

if (args is ["--scale", ..])
{
    return ScaleCheck.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000);
}

if (RepositoryLayout.FindUpstreamBundles() is null && !args.Any(a => a.Contains("Translation", StringComparison.Ordinal) || a.Contains("Write", StringComparison.Ordinal) || a.Contains("Load", StringComparison.Ordinal) || a.Contains("Reading", StringComparison.Ordinal) || a.Contains("Incremental", StringComparison.Ordinal)))
{
    // The bundles are reference material beside the clone, not part of it: without them there is nothing to measure.
    Console.WriteLine("Upstream CRD bundles not found, nothing to benchmark. Expected " + RepositoryLayout.Describe() + ".");
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(CrdModelGeneratorBenchmarks).Assembly).Run(args);
return 0;
