using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace RulesMesh.LoadTests;

/// <summary>The real <c>rulesmesh serve</c> process, started from the CLI's build output and stopped with SIGTERM.</summary>
internal sealed partial class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServeProcess(Process process, Uri xds, Uri admin)
    {
        _process = process;
        Xds = xds;
        Admin = admin;
    }

    public Uri Xds { get; }

    public Uri Admin { get; }

    public int ProcessId => _process.Id;

    /// <summary>Starts <c>rulesmesh <paramref name="arguments"/></c> and waits for the line naming its addresses.</summary>
    public static async Task<ServeProcess> StartAsync(string cliDll, IEnumerable<string> arguments, TextWriter log)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(cliDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.ErrorDataReceived += (_, e) =>
        {
            // Warnings and errors only: the server logs every stream it opens and closes at information level.
            if (e.Data is not null && !e.Data.Contains(" info: ", StringComparison.Ordinal))
            {
                log.WriteLine("serve: " + e.Data);
            }
        };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (AddressesLine().Match(line) is { Success: true } match)
            {
                _ = DrainAsync(process.StandardOutput);
                return new ServeProcess(process, new Uri("http://" + match.Groups["xds"].Value), new Uri("http://" + match.Groups["admin"].Value));
            }
        }

        throw new InvalidOperationException($"rulesmesh serve exited ({(process.HasExited ? process.ExitCode : -1)}) before printing its addresses.");
    }

    /// <summary>Resident memory of the process now (Linux /proc), in bytes.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException("No VmRSS line in /proc status.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    private static async Task DrainAsync(StreamReader output)
    {
        while (await output.ReadLineAsync() is not null)
        {
        }
    }

    [GeneratedRegex(@"xds listening on (?:https?://)?(?<xds>[^;\s]+); admin on (?:https?://)?(?<admin>\S+)")]
    private static partial Regex AddressesLine();
}
