using System.CommandLine;
using RulesMesh.Capture;
using RulesMesh.Cli.Input;
using RulesMesh.Cli.Reports;
using RulesMesh.Generated;
using RulesMesh.Loading;
using RulesMesh.Mesh;

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
        var gateway = new Option<string?>("--gateway")
        {
            Description = "Report only this waypoint Gateway and the services that name it.",
            HelpName = "namespace/name",
        };
        var profile = new Option<string>("--profile")
        {
            Description = $"The rule profile to run: {string.Join(", ", RulePipelines.Profiles)}.",
            HelpName = "profile",
            DefaultValueFactory = static _ => RulePipelines.DefaultProfile,
        };
        profile.CompletionSources.Add(RulePipelines.Profiles.ToArray());
        var explain = new Option<bool>("--explain")
        {
            Description = "Explain every decision: the deciding rule and the step of every rule consulted.",
        };
        var paths = new Argument<string[]>("paths")
        {
            Description = "Manifest files or folders (every .yaml, .yml and .json below them); - reads standard input. None: the built-in sample mesh.",
            HelpName = "path",
            Arity = ArgumentArity.ZeroOrMore,
        };

        // An unknown option such as --gatway would otherwise be taken for a path and reported as a missing file.
        paths.Validators.Add(static result =>
        {
            foreach (var token in result.Tokens.Where(static t => t.Value.Length > 1 && t.Value[0] == '-'))
            {
                result.AddError($"Unrecognized option '{token.Value}'. To load a file whose name starts with '-', write ./{token.Value}.");
            }
        });

        var command = new Command("capture", "Show which Services and ServiceEntries each waypoint captures, and why the others are not.")
        {
            gateway,
            profile,
            explain,
            paths,
        };
        command.SetAction(parseResult => Run(
            new CaptureOptions(
                parseResult.GetValue(gateway),
                parseResult.GetValue(profile) ?? RulePipelines.DefaultProfile,
                parseResult.GetValue(explain),
                parseResult.GetValue(paths) ?? []),
            standardInput,
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(CaptureOptions options, Func<TextReader> standardInput, TextWriter output, TextWriter error)
    {
        if (!RulePipelines.Profiles.Contains(options.Profile, StringComparer.Ordinal))
        {
            error.WriteLine($"Unknown profile '{options.Profile}'. Known profiles: {string.Join(", ", RulePipelines.Profiles)}.");
            return ExitCodes.Usage;
        }

        NamespacedName? only = null;
        if (options.Gateway is { } text)
        {
            if (!TryParseName(text, out var name))
            {
                error.WriteLine($"--gateway '{text}' is not of the form namespace/name.");
                return ExitCodes.Usage;
            }

            only = name;
        }

        var input = ManifestInput.Resolve(options.Paths, standardInput);
        foreach (var warning in input.Warnings)
        {
            error.WriteLine(warning);
        }

        if (options.Paths.Count == 0 && input.Sources.Count == 0)
        {
            error.WriteLine($"The built-in sample is missing: no manifests in {ManifestInput.SampleDirectory}. Name the files to load instead.");
            return ExitCodes.InputError;
        }

        var loaded = new ManifestLoader().Load(input.Sources);
        foreach (var diagnostic in loaded.Diagnostics)
        {
            error.WriteLine(diagnostic.ToString());
        }

        var result = new WaypointCapture(RulePipelines.Create(options.Profile)).Run(loaded);
        if (only is { } asked && result.Gateway(asked) is null)
        {
            // No such Gateway: with input errors it may be among the documents that could not be read.
            error.WriteLine(MissingGateway(result, asked, loaded.HasErrors));
            return loaded.HasErrors ? ExitCodes.InputError : ExitCodes.Usage;
        }

        new CaptureReport(result, output, options.Explain).Write(options.Profile, input.Description, only);
        if (loaded.HasErrors)
        {
            var errors = loaded.Diagnostics.Count(static d => d.Severity == DiagnosticSeverity.Error);
            error.WriteLine($"{(errors == 1 ? "1 input error" : $"{errors} input errors")} (see above): the documents with errors were left out; the report covers the rest.");
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

    private static bool TryParseName(string text, out NamespacedName name)
    {
        try
        {
            name = NamespacedName.Parse(text);
            return !name.Name.Contains('/', StringComparison.Ordinal);
        }
        catch (FormatException)
        {
            name = default;
            return false;
        }
    }

    private sealed record CaptureOptions(string? Gateway, string Profile, bool Explain, IReadOnlyList<string> Paths);
}
