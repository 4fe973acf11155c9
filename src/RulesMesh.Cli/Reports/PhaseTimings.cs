using System.Diagnostics;
using System.Globalization;
using RulesMesh.Cli.Output;

namespace RulesMesh.Cli.Reports;

/// <summary>
/// What <c>--timings</c> prints to standard error: each phase of a command (translate's reading, translating, writing;
/// capture's reading, capturing, reporting) with its wall time and, meanwhile, the process's CPU time (every thread: a
/// phase on two cores can take more CPU than wall time), the GC's pauses and collections and the bytes allocated; then
/// the whole process since it started (runtime start-up included) and its peak resident memory. The counters are the
/// runtime's own, cheap enough to read at every phase.
/// </summary>
internal sealed class PhaseTimings
{
    private readonly List<(string Phase, Counters Spent)> _phases = [];
    private Counters _last = Counters.Now();

    /// <summary>Ends the phase that began at the last call (or when timing started) and names it.</summary>
    public void End(string phase)
    {
        var now = Counters.Now();
        _phases.Add((phase, now - _last));
        _last = now;
    }

    /// <summary>Writes the phases, their total and the whole process as a table.</summary>
    public void Write(TextWriter error)
    {
        var table = new TextTable("PHASE", "WALL", "CPU", "GC PAUSE", "GC (GEN0/1/2)", "ALLOCATED");
        foreach (var (phase, spent) in _phases)
        {
            table.AddRow(Row(phase, spent));
        }

        var total = _phases.Aggregate(Counters.Zero, static (sum, p) => sum + p.Spent);
        table.AddRow(Row("total", total));
        using var process = Process.GetCurrentProcess();
        var sinceStart = DateTime.UtcNow - process.StartTime.ToUniversalTime();
        var cpu = Environment.CpuUsage.TotalTime;
        error.WriteLine("timings:");
        table.Write(error);
        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"process: {Seconds(sinceStart)} wall since start, {Seconds(cpu)} CPU, peak resident memory {process.PeakWorkingSet64 / (1024 * 1024)} MB"));
    }

    private static string[] Row(string phase, Counters spent) =>
    [
        phase,
        Seconds(spent.Wall),
        Seconds(spent.Cpu),
        Seconds(spent.GcPause),
        // The runtime counts a collection in every generation it covered; each is shown once, at its deepest.
        string.Create(CultureInfo.InvariantCulture, $"{spent.Gen0 - spent.Gen1}/{spent.Gen1 - spent.Gen2}/{spent.Gen2}"),
        string.Create(CultureInfo.InvariantCulture, $"{spent.Allocated / (1024 * 1024)} MB"),
    ];

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.00 's'", CultureInfo.InvariantCulture);

    /// <summary>The runtime's running totals at one moment; their differences are a phase's share.</summary>
    private readonly record struct Counters(TimeSpan Wall, TimeSpan Cpu, TimeSpan GcPause, int Gen0, int Gen1, int Gen2, long Allocated)
    {
        public static Counters Zero => default;

        public static Counters Now()
        {
            // Every collection counts in generation 0: read again until none happened while the three were read, so
            // that a reading never has a collection in one generation and not yet in the one below.
            int gen0, gen1, gen2;
            do
            {
                gen0 = GC.CollectionCount(0);
                gen1 = GC.CollectionCount(1);
                gen2 = GC.CollectionCount(2);
            }
            while (GC.CollectionCount(0) != gen0);

            // The monotonic clock read as a span since its zero, so that the difference of two readings is a wall time.
            return new(Stopwatch.GetElapsedTime(0), Environment.CpuUsage.TotalTime, GC.GetTotalPauseDuration(), gen0, gen1, gen2, GC.GetTotalAllocatedBytes());
        }

        public static Counters operator -(Counters a, Counters b)
            => new(a.Wall - b.Wall, a.Cpu - b.Cpu, a.GcPause - b.GcPause, a.Gen0 - b.Gen0, a.Gen1 - b.Gen1, a.Gen2 - b.Gen2, a.Allocated - b.Allocated);

        public static Counters operator +(Counters a, Counters b)
            => new(a.Wall + b.Wall, a.Cpu + b.Cpu, a.GcPause + b.GcPause, a.Gen0 + b.Gen0, a.Gen1 + b.Gen1, a.Gen2 + b.Gen2, a.Allocated + b.Allocated);
    }
}
