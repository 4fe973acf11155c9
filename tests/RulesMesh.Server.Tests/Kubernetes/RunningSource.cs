using System.Text;
using Prometheus;
using RulesMesh.Server.Operations;
using RulesMesh.Server.Sources.Kubernetes;
using RulesMesh.Server.Tests.Control;

namespace RulesMesh.Server.Tests.Kubernetes;

/// <summary>A <see cref="KubernetesSource"/> running against a double, with short backoffs and Lease times, stopped on dispose.</summary>
internal sealed class RunningSource : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly k8s.Kubernetes _client;
    private readonly Task _run;

    public RunningSource(KubernetesApiDouble api, string identity = "replica-a", bool writeStatuses = true, int listPageSize = 500)
        : this(api.Client(), identity, writeStatuses, TimeSpan.FromMinutes(5), listPageSize)
    {
    }

    /// <summary>
    /// A source reading through <paramref name="client"/> (which it disposes), each watch asking for
    /// <paramref name="watchTimeout"/>, each list page for <paramref name="listPageSize"/> objects (500, the source's default).
    /// </summary>
    public RunningSource(k8s.Kubernetes client, string identity, bool writeStatuses, TimeSpan watchTimeout, int listPageSize = 500)
    {
        _client = client;
        Metrics = new ServerMetrics(new CollectorRegistry());
        Source = new KubernetesSource(
            new KubernetesSourceOptions
            {
                Client = _client,
                Identity = identity,
                LeaseNamespace = "rulesmesh-system",
                LeaseDuration = TimeSpan.FromSeconds(2),
                RenewDeadline = TimeSpan.FromMilliseconds(1500),
                RetryPeriod = TimeSpan.FromMilliseconds(200),
                Backoff = new WatchBackoff(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(200)),
                WriteStatuses = writeStatuses,
                WatchTimeout = watchTimeout,
                ListPageSize = listPageSize,
            },
            Metrics,
            Log);
        _run = Source.RunAsync(Sink, _stop.Token);
    }

    public KubernetesSource Source { get; }

    public RecordingSink Sink { get; } = new();

    /// <summary>What the source logged.</summary>
    public RecordingLogger<KubernetesSource> Log { get; } = new();

    public ServerMetrics Metrics { get; }

    /// <summary>Waits until every kind is listed.</summary>
    public Task SyncedAsync() => KubernetesApiDouble.WaitUntilAsync(() => Sink.BatchesBeforeSync is not null, "the source to sync");

    /// <summary>Watch restarts counted for <paramref name="kind"/>.</summary>
    public double Restarts(string kind) => Metrics.WatchRestarts.WithLabels("kubernetes", kind).Value;

    /// <summary>The metrics as <c>/metrics</c> serves them (Prometheus text), so a test reads them by their scraped names.</summary>
    public async Task<string> ScrapeAsync()
    {
        using var text = new MemoryStream();
        await Metrics.Registry.CollectAndExportAsTextAsync(text);
        return Encoding.UTF8.GetString(text.ToArray());
    }

    /// <summary>Stops the source (and with it its part in leader election) and waits for it to end.</summary>
    public async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        await _run;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Source.Dispose();
        _client.Dispose();
        _stop.Dispose();
    }
}
