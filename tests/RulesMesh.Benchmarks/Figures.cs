using System.Globalization;

namespace RulesMesh.Benchmarks;

/// <summary>How the check commands print times, sizes, ratios and the machine's load.</summary>
internal static class Figures
{
    public static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture) + " s";

    /// <summary>Seconds, milliseconds or microseconds, whichever reads best.</summary>
    public static string Duration(TimeSpan time)
        => time.TotalMilliseconds >= 1000 ? Seconds(time)
            : time.TotalMilliseconds >= 1 ? time.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture) + " ms"
            : (time.TotalMilliseconds * 1000).ToString("F0", CultureInfo.InvariantCulture) + " µs";

    /// <summary>Megabytes, or kilobytes under one megabyte.</summary>
    public static string Size(long bytes)
        => bytes >= 1 << 20
            ? (bytes / (1024.0 * 1024.0)).ToString("F1", CultureInfo.InvariantCulture) + " MB"
            : (bytes / 1024.0).ToString("F1", CultureInfo.InvariantCulture) + " KB";

    /// <summary>How many times <paramref name="fast"/> fits into <paramref name="slow"/>, e.g. <c>250×</c> or <c>0.85×</c>.</summary>
    public static string Speedup(double slow, double fast)
    {
        var ratio = slow / fast;
        return (ratio >= 10 ? ratio.ToString("N0", CultureInfo.InvariantCulture) : ratio.ToString("N2", CultureInfo.InvariantCulture)) + "×";
    }

    /// <summary>The 1, 5 and 15 minute load averages where the system reports them (Linux): on a shared machine they tell how far to trust wall times.</summary>
    public static string LoadAverage()
        => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) + $" on {Environment.ProcessorCount} cores" : "not reported";
}
