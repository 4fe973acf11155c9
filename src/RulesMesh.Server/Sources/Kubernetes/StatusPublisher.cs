using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using RulesMesh.Engine;
using RulesMesh.Loading;

namespace RulesMesh.Server.Sources.Kubernetes;

/// <summary>
/// Writes the engine's statuses through the status subresource, only while this replica leads, only once every status
/// kind has been listed (so it knows what the server has), and only those that differ from what the server has.
/// The latest statuses are kept while not leading, so a replica that becomes leader writes all that differ.
/// </summary>
internal sealed class StatusPublisher(KubernetesApi api, LiveStatuses live, IReadOnlyList<WatchedKind> kinds, TimeProvider time, ILogger logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Statuses whose write failed: tried again with the next write.</summary>
    private readonly HashSet<(string Kind, string Key)> _retry = [];

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
            if (_leading && _synced)
            {
                var touched = changes.Select(static change => (change.Kind, change.Key)).Concat(_retry).Distinct().ToList();
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

    private async Task WriteAllAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_leading && _synced && _latest is { } current)
            {
                var all = current.All.SelectMany(static map => map.Values).Select(static status => (status.Kind, status.Key)).ToList();
                await WriteKeysAsync(current, all, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task WriteKeysAsync(StatusMaps current, IReadOnlyList<(string Kind, string Key)> keys, CancellationToken cancellationToken)
    {
        foreach (var (kindName, key) in keys)
        {
            _retry.Remove((kindName, key));
            var kind = kinds.FirstOrDefault(candidate => candidate.Kind == kindName);
            var status = StatusOf(current, kindName, key);
            var waypointConditions = kindName is "Service" or "ServiceEntry";
            if (kind is null || !_leading || !live.TryGet(kindName, key, out var existing))
            {
                continue;
            }

            // A status the engine no longer reports is left as written (another controller may own the object now),
            // except a service's waypoint conditions, which are ours alone and are removed.
            if (status is null && (!waypointConditions || !StatusMerge.HasWaypointConditions(existing)))
            {
                continue;
            }

            var desired = status is null
                ? new JsonObject { ["conditions"] = new JsonArray() }
                : JsonSerializer.SerializeToNode(status.Status, status.Status.GetType(), ManifestJsonOptions.Default) ?? new JsonObject();
            if (waypointConditions)
            {
                StatusMerge.KeepOtherConditions(desired, existing);
            }

            var merged = StatusMerge.Merge(desired, existing, time.GetUtcNow());
            if (!StatusMerge.Changes(merged, existing))
            {
                continue;
            }

            var slash = key.IndexOf('/', StringComparison.Ordinal);
            try
            {
                using var written = await api.PatchStatusAsync(kind.ObjectPath(key[..slash], key[(slash + 1)..]), merged, cancellationToken).ConfigureAwait(false);
                live.Seen(kindName, key, written.RootElement.TryGetProperty("status", out var now) ? JsonNode.Parse(now.GetRawText()) : null);
                Interlocked.Increment(ref _written);
                logger.StatusWritten(kindName, key);
            }
            catch (KubernetesApiException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
            {
                live.Gone(kindName, key);
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException or JsonException or KubernetesApiException)
            {
                _retry.Add((kindName, key));
                logger.StatusWriteFailed(kindName, key, exception.Message);
            }
        }
    }

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
