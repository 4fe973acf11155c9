using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace RulesMesh.Server.Tests.EndToEnd;

/// <summary>
/// The real <c>rulesmesh serve</c> process (the built CLI run by <c>dotnet</c>) on loopback with free ports, its
/// addresses read from the line it prints at start. Killed on dispose if a test left it running.
/// </summary>
internal sealed partial class ServeProcess : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly StringBuilder errors;

    private ServeProcess(Process process, StringBuilder errors, IPEndPoint xds, IPEndPoint admin)
    {
        this.process = process;
        this.errors = errors;
        Xds = xds;
        Admin = admin;
        Http = new HttpClient { BaseAddress = new Uri($"http://{admin}/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The xDS address it printed.</summary>
    public IPEndPoint Xds { get; }

    /// <summary>The admin address it printed.</summary>
    public IPEndPoint Admin { get; }

    /// <summary>A client of the admin endpoints.</summary>
    public HttpClient Http { get; }

    /// <summary>What it logged so far (standard error), for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (errors)
            {
                return errors.ToString();
            }
        }
    }

    /// <summary>Starts <c>rulesmesh serve --listen 127.0.0.1:0 --admin 127.0.0.1:0 --debounce 20 &lt;paths&gt;</c> and waits for its addresses line.</summary>
    public static async Task<ServeProcess> StartAsync(params string[] paths)
    {
        // A test run started in the background of a non-interactive shell ignores SIGINT, and so would the serve process
        // (exec keeps an ignored signal ignored, and .NET leaves it so): the drain test's Ctrl-C would never arrive. env
        // (GNU coreutils) puts SIGINT back to its default for the child, as a terminal's Ctrl-C would find it.
        string[] command = InterruptIgnored() ? ["env", "--default-signal=INT", "dotnet"] : ["dotnet"];
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[.. command[1..], TestPaths.Cli, "serve", "--listen", "127.0.0.1:0", "--admin", "127.0.0.1:0", "--debounce", "20", .. paths])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("rulesmesh serve did not start.");
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();

        using var limit = new CancellationTokenSource(Patience);
        string? line;
        try
        {
            line = await process.StandardOutput.ReadLineAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"rulesmesh serve printed no addresses within {Patience.TotalSeconds} s:\n{errors}");
        }

        var match = line is null ? null : ListeningLine().Match(line);
        if (match is not { Success: true })
        {
            await process.WaitForExitAsync(CancellationToken.None);
            throw new InvalidOperationException($"rulesmesh serve printed '{line}' instead of its addresses (exit {process.ExitCode}):\n{errors}");
        }

        return new ServeProcess(process, errors, IPEndPoint.Parse(match.Groups["xds"].Value), IPEndPoint.Parse(match.Groups["admin"].Value));
    }

    // SigIgn in /proc/self/status: the ignored signals as a hexadecimal mask, signal n at bit n - 1 (SIGINT is 2).
    private static bool InterruptIgnored()
        => File.ReadLines("/proc/self/status").FirstOrDefault(static line => line.StartsWith("SigIgn:", StringComparison.Ordinal)) is { } ignored
            && (ulong.Parse(ignored["SigIgn:".Length..].Trim(), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture) & 0b10) != 0;

    /// <summary>Polls <c>/readyz</c> until it answers 200 (the first full snapshot is built).</summary>
    public async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await Http.GetAsync(new Uri("readyz", UriKind.Relative));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"/readyz did not answer 200 within {Patience.TotalSeconds} s:\n{Log}");
    }

    /// <summary>Waits until standard error holds <paramref name="text"/>.</summary>
    public async Task WaitForLogAsync(string text)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!Log.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"'{text}' was not logged within {Patience.TotalSeconds} s:\n{Log}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Sends <paramref name="signal"/> (<c>TERM</c>, <c>INT</c>) and waits for the process to end; returns its exit code.</summary>
    public async Task<int> SignalAsync(string signal)
    {
        var (exitCode, _, error) = await ProcessRun.RunAsync("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.True(exitCode == 0, $"kill -{signal} failed: {error}");
        using var limit = new CancellationTokenSource(Patience);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"rulesmesh serve did not exit within {Patience.TotalSeconds} s of SIG{signal}:\n{Log}");
        }

        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        process.Dispose();
    }

    [GeneratedRegex(@"^xds listening on (?<xds>\S+); admin on (?<admin>\S+)$")]
    private static partial Regex ListeningLine();
}
