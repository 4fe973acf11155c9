using System.Collections.Concurrent;
using Envoy.Config.Core.V3;
using Envoy.Service.Discovery.V3;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using RulesMesh.Server.Operations;

namespace RulesMesh.Server.Xds;

/// <summary>
/// The open ADS streams of one server: tells each of them when the snapshots change, counts them, shows them on
/// <c>/debug/proxies</c>, and ends them cleanly when the host stops (<see cref="DrainAsync"/>: proxies reconnect to
/// another replica at once instead of waiting for a timeout).
/// </summary>
public sealed class XdsConnections : IProxyStatusView, IDisposable
{
    private readonly ConcurrentDictionary<IAdsStream, TaskCompletionSource> _streams = new();
    private readonly CancellationTokenSource _draining = new();

    /// <summary>Serves streams from <paramref name="source"/>.</summary>
    /// <param name="source">The snapshots (the control plane).</param>
    /// <param name="metrics">Where pushes, NACKs and open streams are counted.</param>
    /// <param name="logger">Stream, push and NACK logs.</param>
    /// <param name="time">The clock of <see cref="ProxyStatus.ConnectedAt"/> and <see cref="XdsNack.At"/>; the system clock when null.</param>
    public XdsConnections(IProxySnapshotSource source, ServerMetrics metrics, ILogger<XdsConnections> logger, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(logger);
        Source = source;
        Metrics = metrics;
        Logger = logger;
        Time = time ?? TimeProvider.System;
        Source.Changed += OnChanged;
    }

    /// <inheritdoc />
    public IReadOnlyList<ProxyStatus> Proxies => [.. _streams.Keys.Select(static stream => stream.Status).OrderBy(static s => s.ConnectedAt).ThenBy(static s => s.Node.Id, StringComparer.Ordinal)];

    internal IProxySnapshotSource Source { get; }

    internal ServerMetrics Metrics { get; }

    internal ILogger Logger { get; }

    internal TimeProvider Time { get; }

    /// <summary>Ends every open stream cleanly (status OK) and refuses new ones: the host is stopping.</summary>
    public void Drain() => _draining.Cancel();

    /// <summary>
    /// <see cref="Drain"/>s and waits until every stream's handler has returned, so the server stops only after the
    /// streams have ended (a server stopping under an open stream closes its connection before the stream's status).
    /// </summary>
    public Task DrainAsync(CancellationToken cancellationToken)
    {
        Drain();
        return Task.WhenAll(_streams.Values.Select(static done => done.Task)).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Source.Changed -= OnChanged;
        _draining.Dispose();
    }

    internal Task ServeStateOfTheWorldAsync(IAsyncStreamReader<DiscoveryRequest> requests, IServerStreamWriter<DiscoveryResponse> responses, ServerCallContext context)
        => ServeAsync(requests, responses, context, "sotw", static request => request.Node, static (connections, node) => new SotwStream(connections, node));

    internal Task ServeDeltaAsync(IAsyncStreamReader<DeltaDiscoveryRequest> requests, IServerStreamWriter<DeltaDiscoveryResponse> responses, ServerCallContext context)
        => ServeAsync(requests, responses, context, "delta", static request => request.Node, static (connections, node) => new DeltaStream(connections, node));

    private async Task ServeAsync<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requests,
        IServerStreamWriter<TResponse> responses,
        ServerCallContext context,
        string variant,
        Func<TRequest, Node?> nodeOf,
        Func<XdsConnections, ProxyNode, AdsStream<TRequest, TResponse>> create)
        where TRequest : class, Google.Protobuf.IMessage
        where TResponse : class, Google.Protobuf.IMessage
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, _draining.Token);
        TRequest first;
        try
        {
            if (!await requests.MoveNext(stop.Token).ConfigureAwait(false))
            {
                return;
            }

            first = requests.Current;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return;
        }

        if (nodeOf(first) is not { } envoyNode)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "The first request of an ADS stream must carry the node (id, cluster, metadata role)."));
        }

        var node = ProxyNodeParser.Parse(envoyNode);
        var stream = create(this, node);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _streams[stream] = done;
        Metrics.ConnectedProxies.WithLabels(variant).Inc();
        Logger.StreamOpened(variant, node.Id, node.Gateway, node.Pod, node.Locality);
        Source.Connected(node);
        try
        {
            await stream.RunAsync(first, requests, responses, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The proxy went away or the host is draining: either way the stream ends without an error.
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException && context.CancellationToken.IsCancellationRequested)
        {
            // The connection broke under a read or a write: the proxy is gone as surely as if it had closed the stream.
            Logger.StreamBroken(exception, variant, node.Id);
        }
        finally
        {
            _streams.TryRemove(stream, out _);
            Metrics.ConnectedProxies.WithLabels(variant).Dec();
            Source.Disconnected(node);
            Logger.StreamClosed(variant, node.Id);
            done.SetResult();
        }
    }

    private void OnChanged(object? sender, EventArgs e)
    {
        foreach (var stream in _streams.Keys)
        {
            stream.NotifyChanged();
        }
    }
}
