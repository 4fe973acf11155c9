namespace RulesMesh.Cli;

/// <summary>The process exit codes of every rulesmesh command.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command line itself was wrong: unknown command or option, missing argument.</summary>
    public const int Usage = 2;
}
