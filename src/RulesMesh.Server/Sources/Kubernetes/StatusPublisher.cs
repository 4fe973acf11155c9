using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using RulesMesh.Engine;
using RulesMesh.Loading;
using RulesMesh.Server.Operations;

namespace RulesMesh.Server.Sources.Kubernetes;

/// <summary>
/// Writes the engine's statuses through the status subresource, only while this replica leads, only once every status
/// kind has been listed (so it knows what the server has), and only those that differ from what the server has. Each
/// patch names the resourceVersion of the status it was merged with, so one merged from a stale status is refused and
/// merged again rather than dropping what another controller wrote meanwhile.
/// The latest statuses are kept while not leading, so a replica that becomes leader writes all that differ. A write
/// that fails is tried again on a backoff (<paramref name="retryBackoff"/>) until it is made, and with every later step;
/// every failed write counts in <paramref name="metrics"/>' <see cref="ServerMetrics.StatusWriteFailures"/>.
/// </summary>
internal sealed class StatusPublisher(KubernetesApi api, LiveStatuses live, IReadOnlyList<WatchedKind> kinds, WatchBackoff retryBackoff, TimeProvider time, ServerMetrics metrics, ILogger logger) : IDisposable
{
    // A write refused with 409 Conflict met an object changed since it was read (another controller wrote its part of
    // the status): read again and merge anew, as client-go's RetryOnConflict does, then leave it to the next write.
    private const int ConflictAttempts = 3;

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Statuses whose write failed: tried again on a backoff and with the next write.</summary>
    private readonly HashSet<(string Kind, string Key)> _retry = [];

    /// <summary>Holds an item once a write has failed, to wake <see cref="RetryFailedWritesAsync"/>.</summary>
    private readonly Channel<bool> _writeFailed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>The <c>controllerName</c>s of the route parents and policy ancestors the engine has reported since start.</summary>
    private readonly HashSet<string> _ours = new(StringComparer.Ordinal);

    /// <summary>
    /// The routes and policies the engine has reported a status for since start, leading or not: once it no longer
    /// reports one, entries of <see cref="_ours"/> on it are stale, whoever wrote them (this replica or a previous leader).
    /// Objects it never reported are left alone: a controller of the same name (istiod's mesh controller, a running
    /// kgateway) writes there for parents this process does not serve.
    /// </summary>
    private readonly HashSet<(string Kind, string Key)> _reported = [];

    private StatusMaps? _latest;
    private volatile bool _leading;
    private volatile bool _synced;

    /// <summary>This replica writes statuses now.</summary>
    public bool IsLeading => _leading;

    private int _written;

    /// <summary>Statuses written since start.</summary>
    public int Written => Volatile.Read(ref _written);

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    /// <summary>The engine's statuses after a step: written now when leading and synced, else kept for later.</summary>
    public async Task WriteAsync(StatusMaps current, IReadOnlyList<StatusChange> changes, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _latest = current;
            LearnControllers(changes.Select(static change => change.Status).OfType<VersionedStatus>());
            if (_leading && _synced)
            {
                var touched = changes.Select(static change => (change.Kind, change.Key)).Concat(_retry).Concat(Unreported(current)).Distinct().ToList();
                await WriteKeysAsync(current, touched, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Every status kind is listed: a leader writes what differs.</summary>
    public Task SyncedAsync(CancellationToken cancellationToken)
    {
        _synced = true;
        return WriteAllAsync(cancellationToken);
    }

    /// <summary>This replica took the Lease: it writes every status that differs.</summary>
    public Task StartedLeadingAsync(CancellationToken cancellationToken)
    {
        _leading = true;
        return WriteAllAsync(cancellationToken);
    }

    /// <summary>This replica lost the Lease (or stopped): it writes nothing more.</summary>
    public void StoppedLeading() => _leading = false;

    /// <summary>
    /// Until cancelled: once a write fails, tries the failed writes again after a backoff (doubling, with jitter, capped),
    /// again and again while leading until all are made, so a status is not left unwritten until some later step
    /// happens to change a status.
    /// </summary>
    public async Task RetryFailedWritesAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _writeFailed.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var round = 0;
            do
            {
                round++;
                await Task.Delay(retryBackoff.Delay(round, Random.Shared.NextDouble()), time, cancellationToken).ConfigureAwait(false);
            }
            while (await RetryAsync(cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>Tries the failed writes again when leading; whether some are still to be made.</summary>
    private async Task<bool> RetryAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_leading && _synced && _latest is { } current && _retry.Count > 0)
            {
                await WriteKeysAsync(current, [.. _retry], cancellationToken).ConfigureAwait(false);
            }

            // A replica that no longer leads leaves them to the next leadership, which writes every status that differs.
            return _leading && _retry.Count > 0;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task WriteAllAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_leading && _synced && _latest is { } current)
            {
                var reported = current.All.SelectMany(static map => map.Values).ToList();
                LearnControllers(reported);
                var all = reported.Select(static status => (status.Kind, status.Key)).Concat(Unreported(current)).Distinct().ToList();
                await WriteKeysAsync(current, all, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private void LearnControllers(IEnumerable<VersionedStatus> statuses)
    {
        foreach (var status in statuses)
        {
            var names = StatusMerge.ControllerNames(Serialize(status)).ToList();
            if (names.Count > 0)
            {
                _ours.UnionWith(names);
                _reported.Add((status.Kind, status.Key));
            }
        }
    }

    /// <summary>
    /// The objects, as the API server has them now, that the engine reported once and no longer does, whose status still
    /// holds a parent or ancestor entry of ours: a route no longer attached, a policy with no target, left so by this
    /// replica or by the leader before a failover.
    /// </summary>
    private List<(string Kind, string Key)> Unreported(StatusMaps current)
        => _reported.Count == 0
            ? []
            : live.KeysWhere((kind, key, status) => _reported.Contains((kind, key)) && StatusOf(current, kind, key) is null && StatusMerge.WithoutEntriesOf(status, _ours) is not null);

    private async Task WriteKeysAsync(StatusMaps current, IReadOnlyList<(string Kind, string Key)> keys, CancellationToken cancellationToken)
    {
        foreach (var (kindName, key) in keys)
        {
            _retry.Remove((kindName, key));
            if (kinds.FirstOrDefault(candidate => candidate.Kind == kindName) is not { } kind)
            {
                continue;
            }

            var slash = key.IndexOf('/', StringComparison.Ordinal);
            var path = kind.ObjectPath(key[..slash], key[(slash + 1)..]);
            try
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        await WriteStatusAsync(current, kindName, key, path, cancellationToken).ConfigureAwait(false);
                        break;
                    }
                    catch (KubernetesApiException exception) when (exception.StatusCode == HttpStatusCode.Conflict && attempt < ConflictAttempts)
                    {
                        using var fresh = await api.GetStatusAsync(path, cancellationToken).ConfigureAwait(false);
                        live.Seen(kindName, key, LiveStatusOf(fresh.RootElement));
                    }
                }
            }
            catch (KubernetesApiException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
            {
                live.Gone(kindName, key);
            }
#pragma warning disable CA1031 // Whatever fails (an exec credential plugin's KubeConfigException too) is a failed write, tried again, not the end of status writing.
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                _retry.Add((kindName, key));
                metrics.StatusWriteFailures.WithLabels(kindName).Inc();
                if (Refused(exception))
                {
                    logger.StatusWriteRefused(kindName, key, exception.Message);
                }
                else
                {
                    _writeFailed.Writer.TryWrite(true);
                    logger.StatusWriteFailed(kindName, key, exception.Message);
                }
            }
        }
    }

    /// <summary>
    /// A refusal that the same write would meet again (a 4xx other than timeout, conflict and throttling: a status the
    /// schema refuses, say): left to the next step, which may write something else, not retried on the timer.
    /// </summary>
    private static bool Refused(Exception exception)
        => exception is KubernetesApiException { StatusCode: var code } && (int)code is >= 400 and < 500
            && code is not (HttpStatusCode.RequestTimeout or HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests);

    /// <summary>Writes one object's status when it differs from the server's, merged with what the server has.</summary>
    private async Task WriteStatusAsync(StatusMaps current, string kindName, string key, string path, CancellationToken cancellationToken)
    {
        var status = StatusOf(current, kindName, key);
        var waypointConditions = kindName is "Service" or "ServiceEntry";
        if (!_leading || !live.TryGet(kindName, key, out var existing))
        {
            return;
        }

        JsonNode merged;
        if (status is null && !waypointConditions)
        {
            // A route or policy the engine does not report loses the parents or ancestors of our controllers, as a
            // controller removes its entries from a route no longer attached to it; other controllers' entries stay.
            if (!_reported.Contains((kindName, key)) || StatusMerge.WithoutEntriesOf(existing.Status, _ours) is not { } pruned)
            {
                return;
            }

            merged = pruned;
        }
        else
        {
            // A service's waypoint conditions are ours alone: one the engine no longer reports is removed.
            if (status is null && !StatusMerge.HasWaypointConditions(existing.Status))
            {
                return;
            }

            var desired = status is null ? new JsonObject { ["conditions"] = new JsonArray() } : Serialize(status);
            if (waypointConditions)
            {
                StatusMerge.KeepOtherConditions(desired, existing.Status);
            }

            merged = StatusMerge.Merge(desired, existing.Status, time.GetUtcNow());
        }

        if (!StatusMerge.Changes(merged, existing.Status))
        {
            return;
        }

        using var written = await api.PatchStatusAsync(path, merged, existing.ResourceVersion, cancellationToken).ConfigureAwait(false);
        live.Seen(kindName, key, LiveStatusOf(written.RootElement));
        Interlocked.Increment(ref _written);
        logger.StatusWritten(kindName, key);
    }

    private static JsonNode Serialize(VersionedStatus status)
        => JsonSerializer.SerializeToNode(status.Status, status.Status.GetType(), ManifestJsonOptions.Default) ?? new JsonObject();

    private static LiveStatus LiveStatusOf(JsonElement item) => new(
        item.TryGetProperty("status", out var status) ? JsonNode.Parse(status.GetRawText()) : null,
        item.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("resourceVersion", out var version) && version.ValueKind == JsonValueKind.String
            ? version.GetString()!
            : string.Empty);

    private static VersionedStatus? StatusOf(StatusMaps current, string kind, string key)
    {
        var map = kind switch
        {
            "Gateway" => current.Gateways,
            "HTTPRoute" => current.HttpRoutes,
            "GRPCRoute" => current.GrpcRoutes,
            "TCPRoute" => current.TcpRoutes,
            "TLSRoute" => current.TlsRoutes,
            "BackendConfigPolicy" => current.BackendConfigPolicies,
            "Service" => current.Services,
            "ServiceEntry" => current.ServiceEntries,
            _ => null,
        };
        return map is not null && map.TryGetValue(key, out var status) ? status : null;
    }
}
