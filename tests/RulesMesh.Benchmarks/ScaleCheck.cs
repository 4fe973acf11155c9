using System.Diagnostics;
using RulesMesh.Store;
using RulesMesh.Synthetic;
using RulesMesh.Translation;

namespace RulesMesh.Benchmarks;

/// <summary>
/// <c>--scale [services]</c>: one translation of the synthetic mesh in a fresh process, printing wall time and the
/// process's peak working set, which BenchmarkDotNet does not report (it reports allocations).
/// </summary>
internal static class ScaleCheck
{
    public static int Run(int services)
    {
        var options = new SyntheticMeshOptions { Services = services, ServiceEntries = services, Workloads = services * 10, Waypoints = 100 };
        var build = Stopwatch.StartNew();
        var store = new ResourceStore(SyntheticMesh.Build(options));
        build.Stop();

        var translate = Stopwatch.StartNew();
        var snapshot = new WaypointTranslator().Translate(store);
        translate.Stop();

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine($"services={services} serviceEntries={services} workloads={options.Workloads} waypoints={options.Waypoints}");
        Console.WriteLine($"mesh build + store: {build.Elapsed.TotalSeconds:F2} s");
        Console.WriteLine($"translation: {translate.Elapsed.TotalSeconds:F2} s; clusters={snapshot.Clusters.Count} endpoints={snapshot.Endpoints.Count} listeners={snapshot.Listeners.Count} routes={snapshot.Routes.Count}");
        Console.WriteLine($"peak working set: {process.PeakWorkingSet64 / (1024.0 * 1024.0):F0} MB");
        return 0;
    }
}
