using System.CommandLine;
using RulesMesh.Cli.Input;
using RulesMesh.Cli.Reports;
using RulesMesh.Loading;
using RulesMesh.Mesh;
using RulesMesh.Validation;

namespace RulesMesh.Cli.Commands;

/// <summary>The options and arguments <c>capture</c> and <c>translate</c> share, and their checks.</summary>
internal static class CommonArguments
{
    public static Option<string?> Gateway(string description) => new("--gateway")
    {
        Description = description,
        HelpName = "namespace/name",
    };

    /// <summary>
    /// Lets <paramref name="option"/> take only <paramref name="values"/> (offered for completion too); any other value is
    /// a usage error naming the option, its aliases and the values (System.CommandLine's own message names neither).
    /// </summary>
    public static void AcceptOnly<T>(Option<T> option, params string[] values)
    {
        option.CompletionSources.Add(values);
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<T>()?.ToString() is { } value && !values.Contains(value, StringComparer.Ordinal))
            {
                var names = string.Join(" or ", new[] { option.Name }.Concat(option.Aliases.Order(StringComparer.Ordinal)));
                result.AddError($"{names} takes {string.Join(", ", values)}, not '{value}'.");
            }
        });
    }

    /// <summary><c>--timings</c>: where the run's time and memory went, phase by phase (<see cref="Reports.PhaseTimings"/>).</summary>
    public static Option<bool> Timings(string phases) => new("--timings")
    {
        Description = $"Print to standard error how long {phases} took (wall time, CPU time, GC pauses and collections, bytes allocated), the whole process's time and its peak memory.",
    };

    /// <summary>kubectl's <c>-f</c>: inputs named by option, beside the positional paths.</summary>
    public static Option<string[]> Files() => new("--filename", "-f")
    {
        Description = "A manifest file or folder, as the paths (repeat it; as kubectl -f).",
        HelpName = "path",
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>The inputs: the positional paths, then every <c>-f</c>.</summary>
    public static string[] Inputs(ParseResult parseResult, Argument<string[]> paths, Option<string[]> files)
        => [.. parseResult.GetValue(paths) ?? [], .. parseResult.GetValue(files) ?? []];

    /// <summary>The <c>--gateway</c> text, a bare name completed by <c>-n</c>.</summary>
    public static string? GatewayText(ParseResult parseResult, Option<string?> gateway, Option<string?> @namespace)
        => parseResult.GetValue(gateway) is { } name && !name.Contains('/', StringComparison.Ordinal) && parseResult.GetValue(@namespace) is { } ns
            ? ns + "/" + name
            : parseResult.GetValue(gateway);

    public static Option<string> Profile()
    {
        var profile = new Option<string>("--profile")
        {
            Description = $"The rule profile to run: {string.Join(", ", WaypointPipelines.Profiles)}.",
            HelpName = "profile",
            DefaultValueFactory = static _ => WaypointPipelines.DefaultProfile,
        };
        profile.CompletionSources.Add(WaypointPipelines.Profiles.ToArray());
        return profile;
    }

    public static Argument<string[]> Paths()
    {
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
        return paths;
    }

    /// <summary>Checks the profile and parses the gateway; false (after telling why on <paramref name="error"/>) on a usage error.</summary>
    public static bool TryReadSelection(string profile, string? gatewayText, TextWriter error, out NamespacedName? gateway)
    {
        gateway = null;
        if (!WaypointPipelines.Profiles.Contains(profile, StringComparer.Ordinal))
        {
            error.WriteLine($"Unknown profile '{profile}'. Known profiles: {string.Join(", ", WaypointPipelines.Profiles)}.");
            return false;
        }

        if (gatewayText is null)
        {
            return true;
        }

        try
        {
            var name = NamespacedName.Parse(gatewayText);
            if (!name.Name.Contains('/', StringComparison.Ordinal))
            {
                gateway = name;
                return true;
            }
        }
        catch (FormatException)
        {
        }

        error.WriteLine($"--gateway '{gatewayText}' is not of the form namespace/name.");
        return false;
    }

    /// <summary>Loads the input, telling every diagnostic on <paramref name="error"/>; null when the built-in sample is missing.</summary>
    public static (ManifestInput Input, LoadResult Loaded)? Load(IReadOnlyList<string> paths, string? objectNamespace, Func<TextReader> standardInput, TextWriter error, LoaderLimits limits)
    {
        var input = ManifestInput.Resolve(paths, standardInput);
        foreach (var warning in input.Warnings)
        {
            error.WriteLine(warning);
        }

        if (paths.Count == 0 && input.Sources.Count == 0)
        {
            error.WriteLine($"The built-in sample is missing: no manifests in {ManifestInput.SampleDirectory}. Name the files to load instead.");
            return null;
        }

        // Validation rules (Istio's webhook checks) carry no profile: the default pipeline has them all.
        var read = new ManifestLoader(limits: limits) { DefaultNamespace = objectNamespace }.Load(input.Sources);
        var loaded = ObjectValidation.Apply(read, WaypointPipelines.Create(WaypointPipelines.DefaultProfile));
        foreach (var diagnostic in loaded.Diagnostics)
        {
            error.WriteLine(OneLine.Of(diagnostic.ToString()));
        }

        return (input, loaded);
    }

    /// <summary>The closing line after input errors.</summary>
    public static string InputErrorSummary(LoadResult loaded, string whatWasWritten)
    {
        var errors = loaded.Diagnostics.Count(static d => d.Severity == DiagnosticSeverity.Error);
        return $"{(errors == 1 ? "1 input error" : $"{errors} input errors")} (see above): the documents with errors were left out; {whatWasWritten} covers the rest.";
    }
}
