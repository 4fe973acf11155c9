using System.Diagnostics;

namespace RulesMesh.Benchmarks;

/// <summary>
/// <c>--engine-memory [services]</c>: the engine's steady memory for the synthetic mesh. The managed heap is measured
/// after full collections (<see cref="GC.GetTotalMemory(bool)"/>) before the mesh is built, once its objects are
/// built, after a full run (an engine holding the objects and its state), and after each edit of
/// <see cref="IncrementalMesh"/> was made and undone (the state an engine settles in once it serves changes).
/// The engine's memory is what it retains beyond the bare input objects plus those objects, which it holds too.
/// </summary>
internal static class EngineMemoryCheck
{
    public static int Run(int services)
    {
        var empty = Retained();
        var mesh = new IncrementalMesh(IncrementalMesh.DefaultOptions with { Services = services, ServiceEntries = services, Workloads = services * 10 });
        var withObjects = Retained();

        mesh.FullRun(out var engine);
        var afterFullRun = Retained();
        foreach (var edit in mesh.Edits)
        {
            _ = engine.Apply(edit.Forward).Changes;
            _ = engine.Apply(edit.Back).Changes;
        }

        var steady = Retained();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var options = mesh.Options;
        Console.WriteLine($"mesh: {options.Services} Services, {options.ServiceEntries} ServiceEntries, {options.Workloads} workloads, {options.Waypoints} waypoints; {mesh.Objects.Count} objects");
        Console.WriteLine($"input objects: {Figures.Size(withObjects - empty)}");
        Console.WriteLine($"after the full run: engine {Figures.Size(afterFullRun - empty)} (its state and indexes {Figures.Size(afterFullRun - withObjects)}, plus the input objects it holds); {engine.Current.Shared.Count} shared resources, {engine.Current.Proxies.Count} proxies");
        Console.WriteLine($"steady, after each of {mesh.Edits.Count} edits was made and undone: engine {Figures.Size(steady - empty)} (its state and indexes {Figures.Size(steady - withObjects)})");
        Console.WriteLine($"process peak working set: {Figures.Size(process.PeakWorkingSet64)}");
        GC.KeepAlive(mesh);
        GC.KeepAlive(engine);
        return 0;
    }

    /// <summary>The managed heap after collections that leave only what is reachable.</summary>
    private static long Retained()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
