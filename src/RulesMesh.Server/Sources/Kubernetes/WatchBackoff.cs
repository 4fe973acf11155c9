namespace RulesMesh.Server.Sources.Kubernetes;

/// <summary>
/// How long to wait before starting a failed list or watch again: doubling from <paramref name="Initial"/> up to
/// <paramref name="Max"/>, each wait drawn between half and all of that ("equal jitter"), so replicas that lost the
/// API server together do not come back in step.
/// </summary>
/// <param name="Initial">The first wait's upper bound.</param>
/// <param name="Max">No wait is longer.</param>
public sealed record WatchBackoff(TimeSpan Initial, TimeSpan Max)
{
    /// <summary>200 ms doubling to 30 s.</summary>
    public static WatchBackoff Default { get; } = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30));

    /// <summary>The wait before attempt <paramref name="failures"/> + 1, with <paramref name="jitter"/> in [0, 1).</summary>
    public TimeSpan Delay(int failures, double jitter)
    {
        var ceiling = Initial.TotalMilliseconds * Math.Pow(2, Math.Clamp(failures - 1, 0, 30));
        var bound = Math.Min(ceiling, Max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((bound / 2) + (bound / 2 * jitter));
    }
}
