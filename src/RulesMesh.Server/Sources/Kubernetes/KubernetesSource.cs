using System.Collections.Concurrent;
using System.Diagnostics;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Microsoft.Extensions.Logging;
using RulesMesh.Engine;
using RulesMesh.Server.Control;
using RulesMesh.Server.Operations;

namespace RulesMesh.Server.Sources.Kubernetes;

/// <summary>
/// Objects from a Kubernetes API server: every kind the model registry knows is listed and watched (<see cref="KindWatcher"/>);
/// the sink is marked synced once every kind's first list is submitted. As the status writer, it writes Gateway,
/// HTTPRoute, GRPCRoute, TCPRoute, TLSRoute and BackendConfigPolicy statuses through their status subresource when they differ from what the server
/// has, and only while this replica holds the leader election Lease, so several replicas can serve xDS at once.
/// </summary>
public sealed class KubernetesSource : IConfigurationSource, IStatusWriter, IDisposable
{
    private readonly KubernetesSourceOptions _options;
    private readonly ServerMetrics _metrics;
    private readonly ILogger<KubernetesSource> _logger;
    private readonly KubernetesApi _api;
    private readonly LiveStatuses _live = new();
    private readonly ConcurrentDictionary<string, string> _resumePoints = new(StringComparer.Ordinal);
    private readonly StatusPublisher _publisher;
    private readonly bool _ownsClient;

    /// <summary>A source reading through <paramref name="options"/>' client, which stays the caller's to dispose.</summary>
    public KubernetesSource(KubernetesSourceOptions options, ServerMetrics metrics, ILogger<KubernetesSource> logger)
        : this(options, metrics, logger, ownsClient: false)
    {
    }

    private KubernetesSource(KubernetesSourceOptions options, ServerMetrics metrics, ILogger<KubernetesSource> logger, bool ownsClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _metrics = metrics;
        _logger = logger;
        _api = new KubernetesApi(options.Client);
        Kinds = WatchedKind.AllIn(options.Models);
        StatusWritten = StatusKinds.In(Kinds);
        _publisher = new StatusPublisher(_api, _live, StatusWritten, options.Backoff, TimeProvider.System, metrics, logger);
        _ownsClient = ownsClient;
    }

    /// <summary>A source for the cluster <paramref name="kubeconfigPath"/>'s current context names (<c>rulesmesh serve --kubeconfig</c>).</summary>
    /// <param name="kubeconfigPath">The kubeconfig file.</param>
    /// <param name="metrics">The server's metrics.</param>
    /// <param name="logger">Where the source logs.</param>
    /// <param name="leaseNamespace">Where the status writer's Lease is; null: the context's namespace.</param>
    public static KubernetesSource FromKubeconfig(string kubeconfigPath, ServerMetrics metrics, ILogger<KubernetesSource> logger, string? leaseNamespace = null)
        => new(KubernetesSourceOptions.FromKubeconfig(kubeconfigPath, leaseNamespace), metrics, logger, ownsClient: true);

    /// <summary>A source for the cluster this process runs in, through its service account (<c>rulesmesh serve --in-cluster</c>).</summary>
    /// <param name="metrics">The server's metrics.</param>
    /// <param name="logger">Where the source logs.</param>
    /// <param name="leaseNamespace">Where the status writer's Lease is; null: the Pod's namespace.</param>
    public static KubernetesSource InCluster(ServerMetrics metrics, ILogger<KubernetesSource> logger, string? leaseNamespace = null)
        => new(KubernetesSourceOptions.InCluster(leaseNamespace), metrics, logger, ownsClient: true);

    /// <inheritdoc />
    public string Name => "kubernetes";

    /// <summary>The kinds listed and watched, each at its hub version.</summary>
    public IReadOnlyList<WatchedKind> Kinds { get; }

    /// <summary>The kinds whose status is written (through <c>&lt;plural&gt;/status</c>).</summary>
    public IReadOnlyList<WatchedKind> StatusWritten { get; }

    /// <summary>This replica holds the Lease and writes statuses.</summary>
    public bool IsLeader => _publisher.IsLeading;

    /// <summary>Statuses this replica has written since it started.</summary>
    public int StatusesWritten => _publisher.Written;

    /// <summary>The resourceVersion each kind's watch resumes from now, by collection path.</summary>
    internal IReadOnlyDictionary<string, string> ResumePoints => _resumePoints;

    /// <inheritdoc />
    public async Task RunAsync(IChangeSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var context = new WatchContext(this, sink, _api, new ObjectDecoder(_options.Models, _options.Validation ?? WaypointPipelines.Create(WaypointPipelines.DefaultProfile)), _options, _metrics, _logger, _live, StatusWritten, _resumePoints);
        var unlisted = Kinds.Count;
        var tasks = Kinds.Select(kind => new KindWatcher(kind, context).RunAsync(Listed, cancellationToken)).ToList();
        if (_options.WriteStatuses)
        {
            tasks.Add(LeadAsync(cancellationToken));
            tasks.Add(_publisher.RetryFailedWritesAsync(cancellationToken));
        }

        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            _publisher.StoppedLeading();
        }

        void Listed()
        {
            if (Interlocked.Decrement(ref unlisted) == 0)
            {
                // The writer knows first, so a status handed over once the control plane sees the source synced is written at once.
                _ = WriteInBackground(_publisher.SyncedAsync(cancellationToken), cancellationToken);
                sink.MarkSynced(this);
                _logger.Synced(Kinds.Count);
            }
        }
    }

    /// <summary>Releases the client when a factory made it.</summary>
    public void Dispose()
    {
        _publisher.Dispose();
        if (_ownsClient)
        {
            _options.Client.Dispose();
        }
    }

    /// <inheritdoc />
    public Task WriteAsync(StatusMaps current, IReadOnlyList<StatusChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(changes);
        return _publisher.WriteAsync(current, changes, cancellationToken);
    }

    /// <summary>
    /// Takes part in leader election on the Lease until cancelled; while leading, statuses are written. KubernetesClient's
    /// elector ends when a Lease request throws something other than an HTTP error (a failed exec credential refresh
    /// throws KubeConfigException): this replica then stops writing and takes part again after a backoff, instead of
    /// never leading again.
    /// </summary>
    private async Task LeadAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (true)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await ElectAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Whatever ended the elector, this replica takes part again: a replica out of the election for good never writes statuses.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                _publisher.StoppedLeading();

                // Failures in a row: an elector that ran a whole lease before failing starts the count again.
                failures = Stopwatch.GetElapsedTime(started) > _options.LeaseDuration ? 1 : failures + 1;
                var delay = _options.Backoff.Delay(failures, Random.Shared.NextDouble());
                _logger.LeaderElectionFailed(failures, delay.TotalMilliseconds, exception.Message);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One run of KubernetesClient's elector on the Lease, until cancelled or it throws.</summary>
    private async Task ElectAsync(CancellationToken cancellationToken)
    {
        var leaseLock = new LeaseLock(_options.Client, _options.LeaseNamespace, _options.LeaseName, _options.Identity);
        using var elector = new LeaderElector(new LeaderElectionConfig(leaseLock)
        {
            LeaseDuration = _options.LeaseDuration,
            RenewDeadline = _options.RenewDeadline,
            RetryPeriod = _options.RetryPeriod,
        });
        elector.OnStartedLeading += () =>
        {
            _logger.StartedLeading(_options.Identity, _options.LeaseNamespace, _options.LeaseName);
            _ = WriteInBackground(_publisher.StartedLeadingAsync(cancellationToken), cancellationToken);
        };
        elector.OnStoppedLeading += () =>
        {
            _publisher.StoppedLeading();
            _logger.StoppedLeading(_options.Identity);
        };
        elector.OnError += exception => _logger.LeaderElectionError(exception.Message);
        await elector.RunAndTryToHoldLeadershipForeverAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits for a write started from a callback, so its failure is logged rather than lost.</summary>
    private async Task WriteInBackground(Task write, CancellationToken cancellationToken)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // Nothing awaits this write: whatever it throws is logged here or never seen.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _logger.StatusWriteFailed("(all)", "(all)", exception.Message);
        }
    }
}
