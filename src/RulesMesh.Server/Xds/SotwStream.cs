using System.Collections.Immutable;
using Envoy.Service.Discovery.V3;
using RulesMesh.Engine;

namespace RulesMesh.Server.Xds;

/// <summary>
/// A State of the World stream (<c>StreamAggregatedResources</c>): each response carries every resource of its type the
/// proxy subscribed to; a type's version is <see cref="TypeVersion"/> over the resources sent.
/// </summary>
internal sealed class SotwStream(XdsConnections connections, ProxyNode node) : AdsStream<DiscoveryRequest, DiscoveryResponse>(connections, node, "sotw")
{
    private readonly Dictionary<XdsResourceType, SotwTypeState> _types = [];
    private string? _snapshotKey;
    private XdsNack? _lastNack;

    protected override void Handle(DiscoveryRequest request)
    {
        if (request.TypeUrl.Length == 0)
        {
            throw NoTypeUrl();
        }

        if (!XdsTypeUrls.TryParse(request.TypeUrl, out var type))
        {
            Logger.UnknownType(Node.Id, request.TypeUrl);
            return;
        }

        var opened = !_types.TryGetValue(type, out var state);
        if (state is null)
        {
            state = new SotwTypeState();
            _types[type] = state;
        }

        // A type's first request on a stream opens its subscription even if it carries a nonce (of a server it left).
        if (!opened && request.ResponseNonce.Length > 0)
        {
            if (request.ResponseNonce != state.SentNonce)
            {
                Logger.StaleNonce(Node.Id, request.ResponseNonce, request.TypeUrl);
                return;
            }

            state.AwaitingAck = false;
            if (request.ErrorDetail is { } error)
            {
                state.RejectedVersion = state.SentVersion;
                _lastNack = new XdsNack(request.TypeUrl, state.SentVersion ?? string.Empty, request.ResponseNonce, error.Message, [.. state.Sent?.Keys ?? []], Now);
                RecordNack(_lastNack, type);
            }
            else if (request.VersionInfo == state.SentVersion)
            {
                state.AckedVersion = state.SentVersion;
                state.Acked = state.Sent ?? state.Acked;
                state.RejectedVersion = null;
            }

            // Otherwise the proxy still holds an older version: after a NACK Envoy keeps the rejected response's nonce
            // and its last accepted version_info in the requests that follow (a subscription change), which acknowledge
            // nothing.
        }
        else
        {
            // No nonce: the proxy opens (or reopens) the subscription. It is answered unless it reports holding the
            // version it would be sent (a reconnect when nothing changed).
            state.SentVersion = request.VersionInfo.Length > 0 ? request.VersionInfo : null;
            state.AckedVersion = state.SentVersion;
            state.Sent = null;
            state.AwaitingAck = false;
        }

        state.Subscribe(request.ResourceNames);
        Publish();
    }

    protected override async Task PushAsync(ProxySnapshot? snapshot, long changedAt)
    {
        if (snapshot is null)
        {
            return;
        }

        _snapshotKey = snapshot.Key;
        foreach (var type in XdsTypeUrls.PushOrder)
        {
            if (!_types.TryGetValue(type, out var state))
            {
                continue;
            }

            var (desired, version) = Desired(type, state, snapshot.Resources);
            if (version == state.SentVersion)
            {
                // A version the proxy reported holding: now its content is known too.
                state.Sent ??= desired;
                if (!state.AwaitingAck && state.AckedVersion == version)
                {
                    state.Acked = desired;
                }

                continue;
            }

            if (version == state.RejectedVersion)
            {
                continue;
            }

            var response = new DiscoveryResponse { VersionInfo = version, TypeUrl = XdsTypeUrls.Of(type), Nonce = NextNonce() };
            response.Resources.AddRange(desired.Values.Select(static r => r.Packed));
            state.SentVersion = version;
            state.SentNonce = response.Nonce;
            state.Sent = desired;
            state.AwaitingAck = true;
            await WriteAsync(response, type, changedAt).ConfigureAwait(false);
            Logger.Pushed(response.TypeUrl, version, response.Nonce, desired.Count, 0, Node.Id);
        }

        Publish();
    }

    private (ImmutableSortedDictionary<string, VersionedResource> Resources, string Version) Desired(XdsResourceType type, SotwTypeState state, ResourceSet snapshot)
    {
        var (desired, version) = state.ViewOf(snapshot[type]);
        if (type != XdsResourceType.Cluster)
        {
            return (desired, version);
        }

        // A cluster the proxy's listeners or routes still name stays until the proxy holds the ones that do not.
        var gone = new Dictionary<string, VersionedResource>(StringComparer.Ordinal);
        foreach (var held in state.Held.Where(r => !desired.ContainsKey(r.Name) && state.Wants(r.Name)))
        {
            gone[held.Name] = held; // the one awaiting an answer comes last and is the newer
        }

        var stillNamed = ClusterReferences.StillNamed(gone.Keys, HeldListenersAndRoutes(), snapshot);
        if (stillNamed.Count == 0)
        {
            return (desired, version);
        }

        var kept = desired.AddRange(stillNamed.Select(name => KeyValuePair.Create(name, gone[name])));
        return (kept, TypeVersion.Of(kept));
    }

    private IEnumerable<(XdsResourceType Type, VersionedResource Resource)> HeldListenersAndRoutes()
        => new[] { XdsResourceType.Listener, XdsResourceType.Route }
            .Where(_types.ContainsKey)
            .SelectMany(type => _types[type].Held.Select(r => (type, r)));

    private void Publish()
        => PublishStatus(
            _snapshotKey,
            _types.Where(static t => t.Value.AckedVersion is not null).ToImmutableSortedDictionary(static t => XdsTypeUrls.Of(t.Key), static t => t.Value.AckedVersion!, StringComparer.Ordinal),
            _lastNack);
}
