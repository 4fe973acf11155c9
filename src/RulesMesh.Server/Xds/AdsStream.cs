using System.Collections.Immutable;
using System.Diagnostics;
using System.Threading.Channels;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using RulesMesh.Engine;

namespace RulesMesh.Server.Xds;

/// <summary>
/// One open ADS stream: a single loop handles the proxy's requests and the source's change notices in arrival order,
/// so the per-type protocol state needs no locks. Change notices that arrive before the loop gets to them coalesce into
/// one push from the latest snapshot.
/// </summary>
internal abstract class AdsStream<TRequest, TResponse> : IAdsStream
    where TRequest : class, IMessage
    where TResponse : class, IMessage
{
    private readonly Channel<TRequest?> _events = Channel.CreateUnbounded<TRequest?>(new UnboundedChannelOptions { SingleReader = true });
    private readonly XdsConnections _connections;
    private long _changedAt;
    private long _nonces;
    private IServerStreamWriter<TResponse>? _writer;
    private CancellationToken _cancellation;
    private ProxySnapshot? _lastWarned;
    private volatile ProxyStatus _status;

    protected AdsStream(XdsConnections connections, ProxyNode node, string variant)
    {
        _connections = connections;
        Node = node;
        _status = new ProxyStatus(node, variant, null, connections.Time.GetUtcNow(), ImmutableDictionary<string, string>.Empty, null);
    }

    public ProxyNode Node { get; }

    /// <summary>What <c>/debug/proxies</c> shows; replaced whole, so readers on other threads see a consistent one.</summary>
    public ProxyStatus Status => _status;

    protected ILogger Logger => _connections.Logger;

    /// <summary>The snapshots may have changed: push once the loop gets here (notices before then coalesce).</summary>
    public void NotifyChanged()
    {
        if (Interlocked.CompareExchange(ref _changedAt, Stopwatch.GetTimestamp(), 0) == 0)
        {
            _events.Writer.TryWrite(null);
        }
    }

    /// <summary>Serves the stream until the proxy closes it or <paramref name="cancellationToken"/> ends it.</summary>
    public async Task RunAsync(TRequest first, IAsyncStreamReader<TRequest> requests, IServerStreamWriter<TResponse> responses, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _writer = responses;
        _cancellation = stop.Token;
        var reading = ReadAsync(requests, stop.Token);
        try
        {
            await HandleAsync(first).ConfigureAwait(false);
            while (await _events.Reader.WaitToReadAsync(stop.Token).ConfigureAwait(false))
            {
                while (_events.Reader.TryRead(out var request))
                {
                    if (request is null)
                    {
                        var changedAt = Interlocked.Exchange(ref _changedAt, 0);
                        await PushAsync(SnapshotNow(), changedAt).ConfigureAwait(false);
                    }
                    else
                    {
                        await HandleAsync(request).ConfigureAwait(false);
                    }
                }
            }
        }
        finally
        {
            // A failed write leaves the reader waiting on a proxy that may never send again.
            await stop.CancelAsync().ConfigureAwait(false);
            await reading.ConfigureAwait(false);
        }
    }

    /// <summary>Updates the protocol state for one request (ACK, NACK, subscription change).</summary>
    protected abstract void Handle(TRequest request);

    /// <summary>Sends, type by type in push order, what the proxy lacks of <paramref name="snapshot"/>.</summary>
    /// <param name="snapshot">The proxy's snapshot now.</param>
    /// <param name="changedAt">The <see cref="Stopwatch"/> timestamp of the change notice this push answers, or 0.</param>
    protected abstract Task PushAsync(ProxySnapshot? snapshot, long changedAt);

    /// <summary>
    /// Ends the stream for a request without a type URL: on ADS it is required to tell the types apart (the xDS
    /// protocol), and go-control-plane ends the stream too, rather than guess which type it acknowledges.
    /// </summary>
    protected RpcException NoTypeUrl()
    {
        Logger.NoTypeUrl(Node.Id);
        return new RpcException(new Status(StatusCode.InvalidArgument, "An ADS request must carry a type_url."));
    }

    protected string NextNonce() => (++_nonces).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Writes one response and counts it (and its latency when it answers a change).</summary>
    protected async Task WriteAsync(TResponse response, XdsResourceType type, long changedAt)
    {
        await _writer!.WriteAsync(response, _cancellation).ConfigureAwait(false);
        var label = XdsTypeUrls.ShortName(type);
        _connections.Metrics.Pushes.WithLabels(label).Inc();
        if (changedAt != 0)
        {
            _connections.Metrics.PushLatency.WithLabels(label).Observe(Stopwatch.GetElapsedTime(changedAt).TotalSeconds);
        }
    }

    /// <summary>Counts and logs a rejection.</summary>
    protected void RecordNack(XdsNack nack, XdsResourceType type)
    {
        _connections.Metrics.Nacks.WithLabels(XdsTypeUrls.ShortName(type)).Inc();
        Logger.Nack(Node.Id, nack.TypeUrl, nack.Version, nack.Nonce, string.Join(", ", nack.ResourceNames), nack.ErrorDetail);
    }

    protected DateTimeOffset Now => _connections.Time.GetUtcNow();

    protected void PublishStatus(string? snapshotKey, IReadOnlyDictionary<string, string> ackedVersions, XdsNack? lastNack)
        => _status = _status with { SnapshotKey = snapshotKey, AckedVersions = ackedVersions, LastNack = lastNack };

    private async Task HandleAsync(TRequest request)
    {
        Handle(request);
        // This push reads the snapshot now, so it also answers a change notice still queued: it takes the notice's time
        // (else the push latency of that change would be lost when the queued notice finds nothing left to send).
        await PushAsync(SnapshotNow(), Interlocked.Exchange(ref _changedAt, 0)).ConfigureAwait(false);
    }

    private ProxySnapshot? SnapshotNow()
    {
        var snapshot = _connections.Source.SnapshotFor(Node);
        // Each warning is logged once per stream, not on every ACK.
        if (snapshot is not null && (_lastWarned is null || snapshot.Key != _lastWarned.Key || !snapshot.Warnings.SequenceEqual(_lastWarned.Warnings)))
        {
            foreach (var warning in snapshot.Warnings)
            {
                Logger.SnapshotWarning(Node.Id, snapshot.Key, warning);
            }

            _lastWarned = snapshot;
        }

        return snapshot;
    }

    private async Task ReadAsync(IAsyncStreamReader<TRequest> requests, CancellationToken cancellationToken)
    {
        try
        {
            while (await requests.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                _events.Writer.TryWrite(requests.Current);
            }

            _events.Writer.TryComplete();
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or RpcException or InvalidOperationException)
        {
            // The loop sees the stream end through the channel; it stops with the same cancellation.
            _events.Writer.TryComplete(cancellationToken.IsCancellationRequested ? null : exception);
        }
    }
}
