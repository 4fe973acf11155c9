namespace RulesMesh.Cli;

/// <summary>The process exit codes of every rulesmesh command.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Some input could not be used (a file missing or unreadable, a document invalid); the output covers the rest.</summary>
    public const int InputError = 1;

    /// <summary>The command line itself was wrong: unknown command or option, missing argument, a number out of range, unknown profile or Gateway, an --output that cannot be written.</summary>
    public const int Usage = 2;

    /// <summary>A fault in rulesmesh itself (an exception nothing expected), reported as "internal error: …"; sysexits' EX_SOFTWARE.</summary>
    public const int InternalError = 70;
}
