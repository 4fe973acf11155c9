using System.Diagnostics;

namespace RulesMesh.Server.Tests.EndToEnd;

/// <summary>Runs a command to its end and keeps what it printed.</summary>
internal static class ProcessRun
{
    /// <summary>The exit code, standard output and standard error of <paramref name="fileName"/> run with <paramref name="arguments"/>.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string fileName, IEnumerable<string> arguments, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', start.ArgumentList)} did not end in time.");
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>The built CLI run with <paramref name="arguments"/>.</summary>
    public static Task<(int ExitCode, string Output, string Error)> CliAsync(params string[] arguments)
        => RunAsync("dotnet", [TestPaths.Cli, .. arguments]);
}
