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
/// </summary>
internal static class StartupCheck
{
    public static int Run()
    {
        using var process = Process.GetCurrentProcess();
        var toMain = DateTime.Now - process.StartTime;

        var descriptors = Stopwatch.StartNew();
        var files = EnvoyJson.Files.Count;
        _ = EnvoyJson.TypeRegistry;
        descriptors.Stop();

        var options = new SyntheticMeshOptions { Services = 10, ServiceEntries = 10, Workloads = 100, Waypoints = 2 };
        var first = Stopwatch.StartNew();
        TranslateAndWrite(options);
        first.Stop();
        var second = Stopwatch.StartNew();
        TranslateAndWrite(options);
        second.Stop();

        Console.WriteLine($"runtime start until Main: {toMain.TotalMilliseconds:F0} ms");
        Console.WriteLine($"protobuf descriptors ({files} files): {descriptors.Elapsed.TotalMilliseconds:F0} ms");
        Console.WriteLine($"first translation + JSON of a small mesh: {first.Elapsed.TotalMilliseconds:F0} ms; second: {second.Elapsed.TotalMilliseconds:F0} ms");
        Console.WriteLine($"total CPU: {process.TotalProcessorTime.TotalMilliseconds:F0} ms");
        return 0;
    }

    private static void TranslateAndWrite(SyntheticMeshOptions options)
        => XdsDocument.WriteJson(new WaypointTranslator().Translate(new ResourceStore(SyntheticMesh.Build(options))), Stream.Null);
}
