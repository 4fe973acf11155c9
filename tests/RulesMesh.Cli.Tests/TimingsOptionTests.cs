using System.Globalization;
using System.Text.RegularExpressions;
using RulesMesh.Cli.Reports;
using RulesMesh.Cli.Tests.Support;

namespace RulesMesh.Cli.Tests;

/// <summary><c>--timings</c> of <c>translate</c> and <c>capture</c>: where a run's time and memory went, per phase, on standard error.</summary>
public sealed partial class TimingsOptionTests
{
    [Fact]
    public void Timings_are_printed_to_standard_error_per_phase_and_leave_the_document_alone()
    {
        var timed = CliRun.Of(["translate", "--format", "json", "--timings"]);
        var plain = CliRun.Of(["translate", "--format", "json"]);

        Assert.True(timed.ExitCode == 0, timed.Describe());
        Assert.Equal(plain.Output, timed.Output);
        var rows = TimingRows(timed.Error);
        Assert.Equal(["read", "translate", "write", "total"], rows.Select(static r => r[0]));
        foreach (var row in rows)
        {
            Assert.Equal(6, row.Length);
            Assert.All(row[1..4], static cell => Assert.Matches(SecondsCell(), cell));
            Assert.Matches(CollectionsCell(), row[4]);
            Assert.Matches(MegabytesCell(), row[5]);
        }

        var process = Assert.Single(timed.Error.Split('\n'), static line => line.StartsWith("process: ", StringComparison.Ordinal));
        var peak = ProcessLine().Match(process);
        Assert.True(peak.Success, process);
        Assert.True(int.Parse(peak.Groups["peak"].Value, CultureInfo.InvariantCulture) > 0, process);
    }

    [Fact]
    public void Capture_times_reading_capturing_and_reporting_and_leaves_the_report_alone()
    {
        var timed = CliRun.Of(["capture", "--timings"]);
        var plain = CliRun.Of(["capture"]);

        Assert.True(timed.ExitCode == 0, timed.Describe());
        Assert.Equal(plain.Output, timed.Output);
        Assert.Equal(["read", "capture", "report", "total"], TimingRows(timed.Error).Select(static r => r[0]));
        Assert.Single(timed.Error.Split('\n'), static line => ProcessLine().IsMatch(line));
    }

    [Fact]
    public void Without_the_option_nothing_is_timed()
    {
        foreach (var command in new[] { "translate", "capture" })
        {
            var run = CliRun.Of([command]);

            Assert.True(run.ExitCode == 0, run.Describe());
            Assert.DoesNotContain("timings:", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("peak resident memory", run.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_phase_counts_the_memory_allocated_during_it_and_the_total_adds_the_phases_up()
    {
        var timings = new PhaseTimings();
        var block = new byte[64 * 1024 * 1024];
        GC.KeepAlive(block);
        timings.End("allocating");
        timings.End("idle");
        using var error = new StringWriter();
        timings.Write(error);

        var rows = TimingRows(error.ToString().ReplaceLineEndings("\n"));
        Assert.Equal(["allocating", "idle", "total"], rows.Select(static r => r[0]));
        var allocated = rows.Select(static r => int.Parse(r[5].Split(' ')[0], CultureInfo.InvariantCulture)).ToList();
        // The counter is the process's: other tests running meanwhile may add to either phase, never take from one.
        Assert.InRange(allocated[0], 64, int.MaxValue);
        Assert.InRange(allocated[1], 0, int.MaxValue);
        Assert.Equal(allocated[0] + allocated[1], allocated[2], tolerance: 1);
    }

    /// <summary>The rows of the table under <c>timings:</c>, without its header, each split into its cells.</summary>
    private static List<string[]> TimingRows(string error)
    {
        var lines = error.Split('\n').SkipWhile(static l => l != "timings:").Skip(1).ToList();
        Assert.True(lines.Count > 0 && lines[0].StartsWith("PHASE", StringComparison.Ordinal), error);
        return lines.Skip(1).TakeWhile(static l => !l.StartsWith("process: ", StringComparison.Ordinal)).Select(static l => CellSeparator().Split(l.Trim())).ToList();
    }

    [GeneratedRegex(" {2,}")]
    private static partial Regex CellSeparator();

    [GeneratedRegex(@"^\d+\.\d\d s$")]
    private static partial Regex SecondsCell();

    [GeneratedRegex(@"^\d+/\d+/\d+$")]
    private static partial Regex CollectionsCell();

    [GeneratedRegex(@"^\d+ MB$")]
    private static partial Regex MegabytesCell();

    [GeneratedRegex(@"^process: \d+\.\d\d s wall since start, \d+\.\d\d s CPU, peak resident memory (?<peak>\d+) MB$")]
    private static partial Regex ProcessLine();
}
