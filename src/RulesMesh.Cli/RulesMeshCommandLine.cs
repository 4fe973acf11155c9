using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using RulesMesh.Cli.Commands;

namespace RulesMesh.Cli;

/// <summary>The root command: registers every subcommand and maps parse errors to <see cref="ExitCodes.Usage"/>.</summary>
internal static partial class RulesMeshCommandLine
{
    private const string Name = "rulesmesh";

    // A plain Command rather than RootCommand, which names itself after the running file (RulesMesh.Cli, or dotnet's dll path).
    // Having no action of its own makes System.CommandLine answer "Required command was not provided." with the help.
    /// <summary>The command tree; <paramref name="standardInput"/> is what a <c>-</c> path reads (the console's when null).</summary>
    public static Command Create(TextReader? standardInput = null) => new(Name, "RulesMesh: computes Istio-ambient waypoint Envoy configuration from Kubernetes resources.")
    {
        new HelpOption(),
        new VersionOption { Action = new PrintVersion() },
        ModelsCommand.Create(),
        CaptureCommand.Create(() => standardInput ?? Console.In),
        TranslateCommand.Create(() => standardInput ?? Console.In),
        GenerateMeshCommand.Create(),
        ServeCommand.Create(),
    };

    /// <summary>Runs the command line against the console.</summary>
    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>
    /// Runs the command line writing to <paramref name="output"/> and <paramref name="error"/> (help, parse errors,
    /// reports and diagnostics alike) and reading <paramref name="standardInput"/> for a <c>-</c> path.
    /// </summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, TextReader? standardInput = null)
    {
        try
        {
            if (args.Length > 0 && SuggestDirective().Match(args[0]) is { Success: true } suggest)
            {
                return Suggest(args.Length > 1 ? args[1] : string.Empty, suggest.Groups["position"], output);
            }

            var parseResult = Create(standardInput).Parse(args);
            var exitCode = parseResult.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });

            // System.CommandLine exits 1 on a parse error; 2 is the conventional code for a usage error.
            return parseResult.Action is ParseErrorAction ? ExitCodes.Usage : exitCode;
        }
#pragma warning disable CA1031 // The last resort: whatever escaped becomes one line for the user instead of a stack trace.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            error.WriteLine($"internal error: {exception.Message}");
            error.WriteLine("This is a bug in rulesmesh; please report it with the input that caused it.");
            return ExitCodes.InternalError;
        }
    }

    /// <summary>
    /// Shell completion, as System.CommandLine's <c>[suggest]</c> directive answers it (which only a RootCommand carries,
    /// see <see cref="Create"/>): <c>rulesmesh "[suggest:&lt;position&gt;]" "&lt;command line&gt;"</c> prints what completes the
    /// word at that position of the command line (its end when none is given), one a line.
    /// </summary>
    private static int Suggest(string commandLine, Group position, TextWriter output)
    {
        var at = position.Success ? int.Parse(position.Value, CultureInfo.InvariantCulture) : commandLine.Length;
        foreach (var completion in Create().Parse(commandLine).GetCompletions(Math.Min(at, commandLine.Length)))
        {
            output.WriteLine(completion.Label);
        }

        return ExitCodes.Success;
    }

    [GeneratedRegex(@"^\[suggest(:(?<position>[0-9]{1,9}))?\]$")]
    private static partial Regex SuggestDirective();

    /// <summary>
    /// <c>--version</c>: this tool's informational version (the package version MinVer computed, with the commit), not
    /// the entry assembly's, which is the test host's when the command line runs in process.
    /// </summary>
    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var version = typeof(RulesMeshCommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            parseResult.InvocationConfiguration.Output.WriteLine(version);
            return ExitCodes.Success;
        }
    }
}
