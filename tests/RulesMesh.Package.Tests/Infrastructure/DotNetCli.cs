using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace RulesMesh.Package.Tests.Infrastructure;

/// <summary>The outcome of one <c>dotnet</c> invocation.</summary>
public sealed record DotNetResult(string CommandLine, string WorkingDirectory, int ExitCode, bool TimedOut, TimeSpan Duration, string StandardOutput, string StandardError)
{
    /// <summary>Everything worth showing when an assertion about this run fails.</summary>
    public string Describe() => new StringBuilder()
        .AppendLine(CultureInfo.InvariantCulture, $"> {CommandLine}")
        .AppendLine(CultureInfo.InvariantCulture, $"  in {WorkingDirectory}")
        .AppendLine(CultureInfo.InvariantCulture, $"  exit code {ExitCode}{(TimedOut ? " (timed out, killed)" : string.Empty)} after {Duration.TotalSeconds:F1}s")
        .AppendLine("--- stdout ---")
        .AppendLine(StandardOutput)
        .AppendLine("--- stderr ---")
        .AppendLine(StandardError)
        .ToString();
}

/// <summary>
/// Runs the .NET CLI as a child process with an environment cleaned of what the test host inherits from the
/// MSBuild that launched it: MSBuildSDKsPath, MSBuildExtensionsPath, MSBUILD_EXE_PATH, DOTNET_HOST_PATH and the
/// like would otherwise pin the child to the parent's SDK and MSBuild, or break it outright.
/// </summary>
internal static class DotNetCli
{
    /// <summary>Generous default: a cold restore from nuget.org plus a full build of the library.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    private static readonly Lazy<string> LazyExecutable = new(FindExecutable);

    /// <summary>The <c>dotnet</c> host to run: the one running these tests when it can be found.</summary>
    public static string Executable => LazyExecutable.Value;

    /// <summary>
    /// Runs <c>dotnet</c> with <paramref name="arguments"/>. <paramref name="inherited"/> adds variables as if the
    /// test host had inherited them (used to prove that they are cleared); they pass through the same cleaning.
    /// </summary>
    public static DotNetResult Run(string workingDirectory, IEnumerable<string> arguments, TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? inherited = null, bool sanitize = true)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in inherited ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        if (sanitize)
        {
            Sanitize(start.Environment);
        }

        var commandLine = "dotnet " + string.Join(' ', start.ArgumentList.Select(a => a.Contains(' ', StringComparison.Ordinal) ? '"' + a + '"' : a));
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var stdoutClosed = new ManualResetEventSlim();
        using var stderrClosed = new ManualResetEventSlim();
        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data, stdoutClosed);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data, stderrClosed);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var limit = timeout ?? DefaultTimeout;
        var exited = process.WaitForExit(limit);
        if (!exited)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited between the wait and the kill.
            }

            process.WaitForExit(TimeSpan.FromSeconds(30));
        }

        // The output pipes close when the last process holding them exits; a lingering build node must not hang the test.
        stdoutClosed.Wait(TimeSpan.FromSeconds(30));
        stderrClosed.Wait(TimeSpan.FromSeconds(30));
        stopwatch.Stop();

        string Snapshot(StringBuilder builder)
        {
            lock (builder)
            {
                return builder.ToString();
            }
        }

        return new DotNetResult(commandLine, workingDirectory, exited ? process.ExitCode : -1, !exited, stopwatch.Elapsed, Snapshot(stdout), Snapshot(stderr));
    }

    /// <summary>
    /// Removes every variable that ties a child <c>dotnet</c> to the MSBuild that started the test host,
    /// and sets the variables that keep the CLI quiet, English and free of long-lived build servers.
    /// </summary>
    public static void Sanitize(IDictionary<string, string?> environment)
    {
        foreach (var name in environment.Keys.Where(IsInheritedBuildVariable).ToList())
        {
            environment.Remove(name);
        }

        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        environment["DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE"] = "1";
        environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        // No build nodes or compiler server outliving the command: they would hold its output pipes open.
        environment["MSBUILDDISABLENODEREUSE"] = "1";
        environment["UseSharedCompilation"] = "false";
    }

    /// <summary>True for variables the test host may have inherited from its parent build and that must not reach a child build.</summary>
    public static bool IsInheritedBuildVariable(string name)
        => name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
           || name.Equals("DOTNET_HOST_PATH", StringComparison.OrdinalIgnoreCase)
           || name.Equals("MSBUILD_EXE_PATH", StringComparison.OrdinalIgnoreCase)
           || name.Equals("DOTNET_MSBUILD_SDK_RESOLVER_CLI_DIR", StringComparison.OrdinalIgnoreCase)
           || name.Equals("DOTNET_MSBUILD_SDK_RESOLVER_SDKS_DIR", StringComparison.OrdinalIgnoreCase)
           || name.Equals("DOTNET_MSBUILD_SDK_RESOLVER_SDKS_VER", StringComparison.OrdinalIgnoreCase);

    private static void Append(StringBuilder builder, string? line, ManualResetEventSlim closed)
    {
        if (line is null)
        {
            closed.Set();
            return;
        }

        lock (builder)
        {
            builder.AppendLine(line);
        }
    }

    private static string FindExecutable()
    {
        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";

        // Set by the CLI for the processes it starts: the host that built and is running these tests.
        var hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(hostPath) && File.Exists(hostPath))
        {
            return hostPath;
        }

        var processPath = Environment.ProcessPath;
        if (processPath is not null && string.Equals(Path.GetFileName(processPath), name, StringComparison.OrdinalIgnoreCase))
        {
            return processPath;
        }

        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (!string.IsNullOrEmpty(root) && File.Exists(Path.Combine(root, name)))
        {
            return Path.Combine(root, name);
        }

        return name;
    }
}
