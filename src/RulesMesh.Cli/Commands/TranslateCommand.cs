using System.CommandLine;
using RulesMesh.Generated;
using RulesMesh.Translation;
using RulesMesh.Translation.Output;

namespace RulesMesh.Cli.Commands;

/// <summary>
/// <c>rulesmesh translate</c>: computes the waypoints' Envoy configuration and prints one document with
/// <c>clusters</c>, <c>endpoints</c>, <c>listeners</c>, <c>routes</c> and <c>statuses</c>.
/// </summary>
internal static class TranslateCommand
{
    /// <summary>The command; <paramref name="standardInput"/> is read when a path is <c>-</c>.</summary>
    public static Command Create(Func<TextReader> standardInput)
    {
        var gateway = CommonArguments.Gateway("Translate only this waypoint Gateway (listener, routes and status); clusters cover every service.");
        var profile = CommonArguments.Profile();
        var format = new Option<string>("--format")
        {
            Description = "Output format: yaml or json.",
            HelpName = "yaml|json",
            DefaultValueFactory = static _ => "yaml",
        };
        format.AcceptOnlyFromAmong("yaml", "json");
        var outputFile = new Option<string?>("--output")
        {
            Description = "Write the document to this file instead of standard output.",
            HelpName = "file",
        };
        var paths = CommonArguments.Paths();
        var command = new Command("translate", "Compute the waypoints' Envoy xDS (clusters, endpoints, listeners, routes) and the Gateway and route statuses.")
        {
            gateway,
            profile,
            format,
            outputFile,
            paths,
        };
        command.SetAction(parseResult => Run(
            parseResult.GetValue(gateway),
            parseResult.GetValue(profile) ?? RulePipelines.DefaultProfile,
            parseResult.GetValue(format) ?? "yaml",
            parseResult.GetValue(outputFile),
            parseResult.GetValue(paths) ?? [],
            standardInput,
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string? gatewayText, string profile, string format, string? outputFile, IReadOnlyList<string> paths, Func<TextReader> standardInput, TextWriter output, TextWriter error)
    {
        if (!CommonArguments.TryReadSelection(profile, gatewayText, error, out var gateway))
        {
            return ExitCodes.Usage;
        }

        if (CommonArguments.Load(paths, standardInput, error) is not var (input, loaded))
        {
            return ExitCodes.InputError;
        }

        var snapshot = new WaypointTranslator(RulePipelines.Create(profile)).Translate(loaded, gateway);
        var document = format == "json" ? XdsDocument.ToJsonText(snapshot) + Environment.NewLine : XdsDocument.ToYamlText(snapshot);
        if (outputFile is null)
        {
            output.Write(document);
        }
        else
        {
            File.WriteAllText(outputFile, document);
        }

        foreach (var warning in snapshot.Warnings)
        {
            error.WriteLine("warning: " + warning);
        }

        if (paths.Count == 0)
        {
            error.WriteLine(Summary(snapshot, profile, input.Description));
        }

        if (loaded.HasErrors)
        {
            error.WriteLine(CommonArguments.InputErrorSummary(loaded, "the document"));
            return ExitCodes.InputError;
        }

        return ExitCodes.Success;
    }

    private static string Summary(XdsSnapshot snapshot, string profile, string input)
    {
        var chains = snapshot.Listeners.Sum(static l => l.FilterChains.Count);
        return $"Translated {input} with profile {profile}: {snapshot.Clusters.Count} clusters, {snapshot.Endpoints.Count} endpoint assignments, "
            + $"{snapshot.Listeners.Count} listeners with {chains} filter chains, {snapshot.Routes.Count} route configurations, "
            + $"{snapshot.GatewayStatuses.Count} Gateway and {snapshot.HttpRouteStatuses.Count} HTTPRoute statuses.";
    }
}
