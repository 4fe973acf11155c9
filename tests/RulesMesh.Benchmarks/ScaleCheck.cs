using System.Diagnostics;
using RulesMesh.Store;
using RulesMesh.Synthetic;
using RulesMesh.Translation.Output;

namespace RulesMesh.Benchmarks;

/// <summary>
/// <c>--scale [services]</c>: one translation of the synthetic mesh in a fresh process, then writing its document as
/// JSON and as YAML to a stream that discards it, printing the wall time of each step and the process's peak working
/// set, which BenchmarkDotNet does not report (it reports allocations). Loading is not included: the mesh is built in memory.
/// </summary>
internal static class ScaleCheck
{
    public static int Run(int services) => Run(new SyntheticMeshOptions { Services = services, ServiceEntries = services, Workloads = services * 10, Waypoints = 100 });

    /// <summary>The ServiceEntry-heavy mesh: ServiceEntries only, selecting ten workloads (Pods and WorkloadEntries) each on average.</summary>
    public static int RunServiceEntries(int entries) => Run(new SyntheticMeshOptions { Services = 0, ServiceEntries = entries, Workloads = entries * 10, Waypoints = 100 });

    private static int Run(SyntheticMeshOptions options)
    {
        var build = Stopwatch.StartNew();
        var store = new ResourceStore(SyntheticMesh.Build(options));
        build.Stop();

        var translate = Stopwatch.StartNew();
        var snapshot = new WaypointTranslator().Translate(store);
        translate.Stop();

        var writeJson = Stopwatch.StartNew();
        XdsDocument.WriteJson(snapshot, Stream.Null);
        writeJson.Stop();

        var writeYaml = Stopwatch.StartNew();
        XdsDocument.WriteYaml(snapshot, Stream.Null);

        writeYaml.Stop();

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine($"services={options.Services} serviceEntries={options.ServiceEntries} workloads={options.Workloads} waypoints={options.Waypoints}");
        Console.WriteLine($"mesh build + store: {build.Elapsed.TotalSeconds:F2} s");
        Console.WriteLine($"translation: {translate.Elapsed.TotalSeconds:F2} s; clusters={snapshot.Clusters.Count} endpoints={snapshot.Endpoints.Count} listeners={snapshot.Listeners.Count} routes={snapshot.Routes.Count}");
        Console.WriteLine($"writing (discarded): JSON {writeJson.Elapsed.TotalSeconds:F2} s, then YAML {writeYaml.Elapsed.TotalSeconds:F2} s");
        Console.WriteLine($"peak working set: {process.PeakWorkingSet64 / (1024.0 * 1024.0):F0} MB");
        return 0;
    }
}
