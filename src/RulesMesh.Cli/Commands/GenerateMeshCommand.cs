using System.CommandLine;
using System.Globalization;
using RulesMesh.Cli.Output;
using System.Text.Json;
using RulesMesh.Loading;
using RulesMesh.Synthetic;
using RulesMesh.Translation.Output;

namespace RulesMesh.Cli.Commands;

/// <summary><c>rulesmesh generate-mesh</c>: writes the deterministic synthetic mesh the scale benchmark uses, as multi-document YAML.</summary>
internal static class GenerateMeshCommand
{
    /// <summary>The most of each kind a mesh may have: ten times the benchmark's workloads, so the output stays within a few hundred MB.</summary>
    public const int MaximumCount = 1_000_000;

    public static Command Create()
    {
        var defaults = new SyntheticMeshOptions();
        var services = Count("--services", "Kubernetes Services, each with an EndpointSlice.", defaults.Services);
        var entries = Count("--service-entries", "ServiceEntries, alternating STATIC with a workload selector and DNS.", defaults.ServiceEntries);
        var workloads = Count("--workloads", "Pods and WorkloadEntries in all.", defaults.Workloads);
        var waypoints = Count("--waypoints", "Namespaces, each with a waypoint that captures it.", defaults.Waypoints);
        var outputFile = new Option<string?>("--output") { Description = "Write to this file instead of standard output.", HelpName = "file" };
        var command = new Command("generate-mesh", "Write a deterministic synthetic mesh (the scale benchmark's) as multi-document YAML.")
        {
            services,
            entries,
            workloads,
            waypoints,
            outputFile,
        };
        command.SetAction(parseResult =>
        {
            var options = new SyntheticMeshOptions
            {
                Services = parseResult.GetValue(services),
                ServiceEntries = parseResult.GetValue(entries),
                Workloads = parseResult.GetValue(workloads),
                Waypoints = parseResult.GetValue(waypoints),
            };
            var path = parseResult.GetValue(outputFile);
            using var file = path is null ? null : OutputFile.Open(path, parseResult.InvocationConfiguration.Error);
            if (path is not null && file is null)
            {
                return ExitCodes.Usage;
            }

            using var output = OutputStream.Text(OutputStream.For(file, parseResult.InvocationConfiguration.Output));
            foreach (var resource in SyntheticMesh.Build(options))
            {
                output.WriteLine("---");
                output.Write(JsonYamlWriter.Write(JsonSerializer.SerializeToNode(resource, resource.GetType(), ManifestJsonOptions.Default)));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Option<int> Count(string name, string description, int defaultValue)
        => LimitOptions.WholeNumber(name, string.Create(CultureInfo.InvariantCulture, $"{description} Default {defaultValue}, at most {MaximumCount}."), "count", defaultValue, 0, MaximumCount);
}
