using System.Diagnostics;
using k8s;
using k8s.Models;
using RulesMesh.Loading;
using RulesMesh.Server.Control;
using RulesMesh.Server.Operations;
using RulesMesh.Server.Sources;

namespace RulesMesh.Server.Tests.Control;

/// <summary>A running <see cref="ControlPlane"/> with the real kgateway rules and engine, its metrics and log, stopped on dispose.</summary>
internal sealed class ControlPlaneHarness : IAsyncDisposable
{
    /// <summary>How long a test waits for an event before failing: generous, as the machine may be busy.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    public ControlPlaneHarness(IReadOnlyList<IConfigurationSource> sources, Func<ControlPlaneOptions, ControlPlaneOptions>? configure = null)
    {
        var options = new ControlPlaneOptions(WaypointPipelines.Create("kgateway")) { Debounce = TimeSpan.FromMilliseconds(20) };
        Plane = new ControlPlane(configure?.Invoke(options) ?? options, Metrics, Log);
        _run = Plane.RunAsync(sources, _stop.Token);
    }

    public ServerMetrics Metrics { get; } = new(Prometheus.Metrics.NewCustomRegistry());

    public RecordingLogger<ControlPlane> Log { get; } = new();

    public ControlPlane Plane { get; }

    /// <summary>Engine steps taken so far.</summary>
    public long Steps => Metrics.EngineStep.Count;

    /// <summary>The objects of <paramref name="yaml"/>, through the library's loader.</summary>
    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Load(string yaml)
    {
        var load = new ManifestLoader().LoadText(yaml, "test.yaml");
        Assert.False(load.HasErrors, string.Join("\n", load.Diagnostics));
        return [.. load.Resources.Select(static r => r.Object)];
    }

    /// <summary>Waits, <see cref="ControlPlane.Changed"/> by Changed, until <paramref name="read"/> gives a value.</summary>
    public async Task<T> WhenAsync<T>(Func<T?> read, string what)
        where T : class
    {
        using var changed = new SemaphoreSlim(0);
        void OnChanged(object? sender, EventArgs e) => changed.Release();
        Plane.Changed += OnChanged;
        try
        {
            var started = Stopwatch.GetTimestamp();
            while (true)
            {
                if (read() is { } value)
                {
                    return value;
                }

                var left = Patience - Stopwatch.GetElapsedTime(started);
                if (left <= TimeSpan.Zero || !await changed.WaitAsync(left))
                {
                    throw new TimeoutException($"No Changed event brought {what} within {Patience.TotalSeconds} s.");
                }
            }
        }
        finally
        {
            Plane.Changed -= OnChanged;
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds, for what raises no Changed event (work before readiness).</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(started) > Patience)
            {
                throw new TimeoutException($"{what} did not happen within {Patience.TotalSeconds} s.");
            }

            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run.WaitAsync(Patience);
        _stop.Dispose();
    }
}
