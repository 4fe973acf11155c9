using System.Diagnostics;
using RulesMesh.Store;
using RulesMesh.Synthetic;
using RulesMesh.Translation.Output;
using RulesMesh.Xds;

namespace RulesMesh.Benchmarks;

/// <summary>
/// <c>--startup</c>: what a fresh process pays before its first document, step by step: runtime start until Main, building
/// every protobuf descriptor of the Envoy API (what <see cref="EnvoyJson"/> needs to format an <c>Any</c>), then
/// translating and writing a small mesh twice. The first run minus the second is what the JIT (and other first-use
/// work) costs; run it with <c>DOTNET_ReadyToRun=0</c>, <c>DOTNET_TieredPGO=0</c> and the like to compare settings.
/// Each step reports wall time and the process's CPU time, which a busy machine disturbs less.
/// </summary>
internal static class StartupCheck
{
    public static int Run()
    {
        using var process = Process.GetCurrentProcess();
        Console.WriteLine($"runtime start until Main: {(DateTime.Now - process.StartTime).TotalMilliseconds:F0} ms wall, {process.TotalProcessorTime.TotalMilliseconds:F0} ms CPU");

        var files = 0;
        Step(process, "protobuf descriptors", () => files = EnvoyJson.TypeRegistry is null ? 0 : EnvoyJson.Files.Count);
        Console.WriteLine($"  ({files} files)");
        var options = new SyntheticMeshOptions { Services = 10, ServiceEntries = 10, Workloads = 100, Waypoints = 2 };
        Step(process, "first translation + JSON of a small mesh", () => TranslateAndWrite(options));
        Step(process, "second translation + JSON of a small mesh", () => TranslateAndWrite(options));
        return 0;
    }

    private static void Step(Process process, string name, Action step)
    {
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        step();
        wall.Stop();
        process.Refresh();
        Console.WriteLine($"{name}: {wall.Elapsed.TotalMilliseconds:F0} ms wall, {(process.TotalProcessorTime - cpu).TotalMilliseconds:F0} ms CPU");
    }

    private static void TranslateAndWrite(SyntheticMeshOptions options)
        => XdsDocument.WriteJson(new WaypointTranslator().Translate(new ResourceStore(SyntheticMesh.Build(options))), Stream.Null);
}
