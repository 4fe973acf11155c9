using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using RulesMesh.Cli.Commands;

namespace RulesMesh.Cli;

/// <summary>The root command: registers every subcommand and maps parse errors to <see cref="ExitCodes.Usage"/>.</summary>
internal static class RulesMeshCommandLine
{
    private const string Name = "rulesmesh";

    // A plain Command rather than RootCommand, which names itself after the running file (RulesMesh.Cli, or dotnet's dll path).
    // Having no action of its own makes System.CommandLine answer "Required command was not provided." with the help.
    /// <summary>The command tree; <paramref name="standardInput"/> is what a <c>-</c> path reads (the console's when null).</summary>
    public static Command Create(TextReader? standardInput = null) => new(Name, "RulesMesh: computes Istio-ambient waypoint Envoy configuration from Kubernetes resources.")
    {
        new HelpOption(),
        new VersionOption(),
        ModelsCommand.Create(),
        CaptureCommand.Create(() => standardInput ?? Console.In),
        TranslateCommand.Create(() => standardInput ?? Console.In),
        GenerateMeshCommand.Create(),
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
}
