using System.Diagnostics;

namespace RulesMesh.LoadTests;

/// <summary>Runs a one-shot rulesmesh command (generate-mesh) to completion.</summary>
internal static class Cli
{
    public static async Task RunAsync(string cliDll, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(cliDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"rulesmesh {string.Join(' ', start.ArgumentList.Skip(1))} exited {process.ExitCode}: {errors}");
        }
    }
}
