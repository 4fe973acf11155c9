using Prometheus;

namespace RulesMesh.Server.Operations;

/// <summary>
/// The Prometheus metrics of <c>rulesmesh serve</c>, in a registry of their own (not prometheus-net's process-wide
/// default), so two servers in one process, as in tests, count separately.
/// </summary>
public sealed class ServerMetrics
{
    /// <summary>Creates the metrics in <paramref name="registry"/>.</summary>
    public ServerMetrics(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Registry = registry;
        var factory = Metrics.WithCustomRegistry(registry);
        ConnectedProxies = factory.CreateGauge("rulesmesh_xds_connected_proxies", "ADS streams open now.", "variant");
        Pushes = factory.CreateCounter("rulesmesh_xds_pushes_total", "Discovery responses sent.", "type");
        PushLatency = factory.CreateHistogram(
            "rulesmesh_xds_push_latency_seconds",
            "From the engine step that changed a proxy's resources to the response being written to its stream.",
            new HistogramConfiguration { LabelNames = ["type"], Buckets = Histogram.ExponentialBuckets(0.0005, 2, 16) });
        Nacks = factory.CreateCounter("rulesmesh_xds_nacks_total", "Responses a proxy rejected.", "type");
        EngineStep = factory.CreateHistogram(
            "rulesmesh_engine_step_seconds",
            "Time to apply one debounced batch of changes to the engine.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0005, 2, 16) });
        EngineChanges = factory.CreateCounter("rulesmesh_engine_changes_total", "Object changes applied to the engine.", "source");
        WatchRestarts = factory.CreateCounter("rulesmesh_watch_restarts_total", "Watches started again (error, 410 Gone, dropped connection).", "source", "kind");
        StatusWriteFailures = factory.CreateCounter("rulesmesh_status_write_failures_total", "Status writes that failed: refused by the API server, or an error, timeout or third conflict (retried).", "kind");
    }

    /// <summary>The registry <c>/metrics</c> serves.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>ADS streams open now, by <c>variant</c> (<c>sotw</c>, <c>delta</c>).</summary>
    public Gauge ConnectedProxies { get; }

    /// <summary>Discovery responses sent, by <c>type</c> (the type URL's last segment, e.g. <c>Cluster</c>).</summary>
    public Counter Pushes { get; }

    /// <summary>Engine step to response written, by <c>type</c>.</summary>
    public Histogram PushLatency { get; }

    /// <summary>Rejected responses, by <c>type</c>.</summary>
    public Counter Nacks { get; }

    /// <summary>Engine step durations.</summary>
    public Histogram EngineStep { get; }

    /// <summary>Object changes applied, by <c>source</c>.</summary>
    public Counter EngineChanges { get; }

    /// <summary>Watch restarts, by <c>source</c> and <c>kind</c>.</summary>
    public Counter WatchRestarts { get; }

    /// <summary>Status writes that failed, refused ones included, by the written object's <c>kind</c>.</summary>
    public Counter StatusWriteFailures { get; }
}
