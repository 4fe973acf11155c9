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
    public static Command Create() => new(Name, "RulesMesh: computes Istio-ambient waypoint Envoy configuration from Kubernetes resources.")
    {
        new HelpOption(),
        new VersionOption(),
        ModelsCommand.Create(),
    };

    public static int Run(string[] args)
    {
        var parseResult = Create().Parse(args);
        var exitCode = parseResult.Invoke();

        // System.CommandLine exits 1 on a parse error; 2 is the conventional code for a usage error.
        return parseResult.Action is ParseErrorAction ? ExitCodes.Usage : exitCode;
    }
}
