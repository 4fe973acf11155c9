using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Envoy.Config.Core.V3;
using Envoy.Service.Discovery.V3;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using RulesMesh.Server.Xds;

namespace RulesMesh.LoadTests;

/// <summary>
/// One proxy's ADS stream as Envoy drives it: wildcard subscriptions to the four types, every response acknowledged.
/// It keeps, per type, a fingerprint of what it holds now (State of the World: the response's version_info;
/// incremental: the sorted name@version pairs) and when that last changed.
/// </summary>
internal sealed class AdsLoadStream
{
    private static readonly string[] TypeUrls = [XdsTypeUrls.Cluster, XdsTypeUrls.Endpoint, XdsTypeUrls.Listener, XdsTypeUrls.Route];

    private readonly ConcurrentDictionary<string, string> _fingerprints = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedDictionary<string, string>> _deltaHeld = new(StringComparer.Ordinal);

    public AdsLoadStream(Node node, bool delta)
    {
        Node = node;
        IsDelta = delta;
    }

    public Node Node { get; }

    public bool IsDelta { get; }

    /// <summary>Responses received.</summary>
    public int Responses { get; private set; }

    /// <summary>When the last response that changed a fingerprint arrived (Stopwatch ticks).</summary>
    public long LastChangeTimestamp { get; private set; }

    /// <summary>The stream ended or failed before it was asked to stop.</summary>
    public Exception? Failure { get; private set; }

    public IReadOnlyDictionary<string, string> Fingerprints => _fingerprints;

    public static Node NodeFor(string pod, string ns, string gatewayNamespace, string gateway)
    {
        var metadata = new Struct();
        metadata.Fields["role"] = Value.ForString($"kgateway-kube-gateway-api~{gatewayNamespace}~{gateway}");
        return new Node { Id = $"{pod}.{ns}", Cluster = $"{gatewayNamespace}.{gateway}", Metadata = metadata };
    }

    /// <summary>Runs until <paramref name="stop"/>; failures other than the stop are kept in <see cref="Failure"/>.</summary>
    public async Task RunAsync(CallInvoker invoker, CancellationToken stop)
    {
        try
        {
            if (IsDelta)
            {
                await RunDeltaAsync(invoker, stop);
            }
            else
            {
                await RunStateOfTheWorldAsync(invoker, stop);
            }

            if (!stop.IsCancellationRequested)
            {
                Failure = new InvalidOperationException("The server ended the stream.");
            }
        }
        catch (Exception e) when (stop.IsCancellationRequested && e is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
        {
        }
        catch (Exception e)
        {
            Failure = e;
        }
    }

    private async Task RunStateOfTheWorldAsync(CallInvoker invoker, CancellationToken stop)
    {
        using var call = invoker.AsyncDuplexStreamingCall(AdsMethods.StreamAggregatedResources, null, new CallOptions(cancellationToken: stop));
        foreach (var typeUrl in TypeUrls)
        {
            await call.RequestStream.WriteAsync(new DiscoveryRequest { Node = typeUrl == TypeUrls[0] ? Node : null, TypeUrl = typeUrl }, stop);
        }

        await foreach (var response in call.ResponseStream.ReadAllAsync(stop))
        {
            Record(response.TypeUrl, response.VersionInfo);
            await call.RequestStream.WriteAsync(new DiscoveryRequest { TypeUrl = response.TypeUrl, VersionInfo = response.VersionInfo, ResponseNonce = response.Nonce }, stop);
        }
    }

    private async Task RunDeltaAsync(CallInvoker invoker, CancellationToken stop)
    {
        using var call = invoker.AsyncDuplexStreamingCall(AdsMethods.DeltaAggregatedResources, null, new CallOptions(cancellationToken: stop));
        foreach (var typeUrl in TypeUrls)
        {
            var request = new DeltaDiscoveryRequest { Node = typeUrl == TypeUrls[0] ? Node : null, TypeUrl = typeUrl };
            request.ResourceNamesSubscribe.Add("*");
            await call.RequestStream.WriteAsync(request, stop);
        }

        await foreach (var response in call.ResponseStream.ReadAllAsync(stop))
        {
            if (!_deltaHeld.TryGetValue(response.TypeUrl, out var held))
            {
                _deltaHeld[response.TypeUrl] = held = new SortedDictionary<string, string>(StringComparer.Ordinal);
            }

            foreach (var resource in response.Resources)
            {
                held[resource.Name] = resource.Version;
            }

            foreach (var name in response.RemovedResources)
            {
                held.Remove(name);
            }

            Record(response.TypeUrl, string.Join(',', held.Select(static pair => pair.Key + "@" + pair.Value)));
            await call.RequestStream.WriteAsync(new DeltaDiscoveryRequest { TypeUrl = response.TypeUrl, ResponseNonce = response.Nonce }, stop);
        }
    }

    private void Record(string typeUrl, string fingerprint)
    {
        Responses++;
        if (!_fingerprints.TryGetValue(typeUrl, out var before) || before != fingerprint)
        {
            _fingerprints[typeUrl] = fingerprint;
            LastChangeTimestamp = Stopwatch.GetTimestamp();
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Node.Id} ({(IsDelta ? "delta" : "sotw")})");
}
