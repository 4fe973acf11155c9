using System.CommandLine;
using RulesMesh.Capture;
using RulesMesh.Cli.Reports;
using RulesMesh.Loading;
using RulesMesh.Mesh;
using RulesMesh.Rules;

namespace RulesMesh.Cli.Commands;

/// <summary>
/// <c>rulesmesh capture</c>: loads manifests, runs a profile's rules, and reports which Services and ServiceEntries
/// each waypoint captures, and why the others are not captured or not served.
/// </summary>
internal static class CaptureCommand
{
    /// <summary>The command; <paramref name="standardInput"/> is read when a path is <c>-</c>.</summary>
    public static Command Create(Func<TextReader> standardInput)
    {
        var gateway = CommonArguments.Gateway("Report only this waypoint Gateway and the services that name it.");
        var profile = CommonArguments.Profile();
        var explain = new Option<bool>("--explain")
        {
            Description = "Explain every decision: the deciding rule and the step of every rule consulted.",
        };
        var clusterDomain = ClusterDomainOption.Create();
        var timings = CommonArguments.Timings("reading, capturing and reporting");
        var paths = CommonArguments.Paths();
        var files = CommonArguments.Files();
        var gatewayNamespace = NamespaceOption.Create();
        var limits = new LimitOptions();

        var command = new Command("capture", "Show which Services and ServiceEntries each waypoint captures, and why the others are not.")
        {
            gateway,
            profile,
            explain,
            clusterDomain,
            timings,
            files,
            gatewayNamespace,
            paths,
        };
        limits.AddTo(command);
        command.SetAction(parseResult => Run(
            new CaptureOptions(
                CommonArguments.GatewayText(parseResult, gateway, gatewayNamespace),
                parseResult.GetValue(profile) ?? WaypointPipelines.DefaultProfile,
                parseResult.GetValue(explain),
                parseResult.GetValue(clusterDomain),
                CommonArguments.Inputs(parseResult, paths, files),
                parseResult.GetValue(gatewayNamespace),
                limits.Read(parseResult)),
            parseResult.GetValue(timings) ? new PhaseTimings() : null,
            standardInput,
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(CaptureOptions options, PhaseTimings? timings, Func<TextReader> standardInput, TextWriter output, TextWriter error)
    {
        if (!NamespaceOption.IsValid(options.Namespace, error)
            || !CommonArguments.TryReadSelection(options.Profile, options.Gateway, error, out var only)
            || ClusterDomainOption.Resolve(options.ClusterDomain, error) is not { } domain)
        {
            return ExitCodes.Usage;
        }

        if (CommonArguments.Load(options.Paths, options.Namespace, standardInput, error, options.Limits) is not var (input, loaded))
        {
            return ExitCodes.InputError;
        }

        timings?.End("read");
        var result = new WaypointCapture(WaypointPipelines.Create(options.Profile), new EngineSettings { ClusterDomain = domain }).Run(loaded);
        timings?.End("capture");
        if (only is { } asked && result.Gateway(asked) is null)
        {
            // No such Gateway: with input errors it may be among the documents that could not be read.
            error.WriteLine(MissingGateway(result, asked, loaded.HasErrors));
            return loaded.HasErrors ? ExitCodes.InputError : ExitCodes.Usage;
        }

        new CaptureReport(result, output, options.Explain).Write(options.Profile, input.Description, only);
        timings?.End("report");
        timings?.Write(error);
        if (loaded.HasErrors)
        {
            error.WriteLine(CommonArguments.InputErrorSummary(loaded, "the report"));
            return ExitCodes.InputError;
        }

        return ExitCodes.Success;
    }

    private static string MissingGateway(CaptureResult result, NamespacedName asked, bool inputErrors)
    {
        var known = result.Gateways.Count == 0 ? "The input has no Gateway." : $"Gateways in the input: {string.Join(", ", result.Gateways.Select(static g => g.Name))}.";
        var naming = result.ServicesNaming(asked);
        var services = naming.Count == 0
            ? string.Empty
            : $" {(naming.Count == 1 ? "1 service names" : $"{naming.Count} services name")} it as their waypoint ({string.Join(", ", naming.Select(static s => $"{s.Key.Kind} {s.Key.Namespace}/{s.Key.Name}"))}); run without --gateway to see them.";
        var hint = inputErrors ? " It may be in a document that could not be loaded (see the errors above)." : string.Empty;
        return $"--gateway {asked}: no Gateway {asked} in the input. {known}{services}{hint}";
    }

    private sealed record CaptureOptions(string? Gateway, string Profile, bool Explain, string? ClusterDomain, IReadOnlyList<string> Paths, string? Namespace, LoaderLimits Limits);
}
