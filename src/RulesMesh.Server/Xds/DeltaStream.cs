using System.Collections.Immutable;
using Envoy.Service.Discovery.V3;
using RulesMesh.Engine;

namespace RulesMesh.Server.Xds;

/// <summary>
/// An incremental stream (<c>DeltaAggregatedResources</c>): each response carries the resources whose version differs
/// from what the proxy holds and the names it holds that are gone; each resource's version is its content hash.
/// </summary>
internal sealed class DeltaStream(XdsConnections connections, ProxyNode node) : AdsStream<DeltaDiscoveryRequest, DeltaDiscoveryResponse>(connections, node, "delta")
{
    private readonly Dictionary<XdsResourceType, DeltaTypeState> _types = [];
    private string? _snapshotKey;
    private XdsNack? _lastNack;

    protected override void Handle(DeltaDiscoveryRequest request)
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
            state = new DeltaTypeState();
            _types[type] = state;
            foreach (var (name, version) in request.InitialResourceVersions)
            {
                state.HeldVersions[name] = version;
            }

            if (state.HeldVersions.Count > 0)
            {
                state.AckedVersion = TypeVersion.Of(state.HeldVersions);
            }
        }

        if (request.ResponseNonce.Length > 0)
        {
            Answer(type, state, request);
        }

        foreach (var name in request.ResourceNamesSubscribe)
        {
            if (name == "*")
            {
                state.Wildcard = true;
            }
            else
            {
                state.Names.Add(name);
            }
        }

        // The xDS legacy wildcard: a type's first request that names nothing subscribes to all.
        if (opened && request.ResourceNamesSubscribe.Count == 0)
        {
            state.Wildcard = true;
        }

        foreach (var name in request.ResourceNamesUnsubscribe)
        {
            if (name == "*")
            {
                state.Wildcard = false;
                foreach (var held in state.HeldVersions.Keys.Concat(state.Rejected.Keys).Where(n => !state.Names.Contains(n)).Distinct(StringComparer.Ordinal).ToList())
                {
                    state.Forget(held);
                }
            }
            else
            {
                state.Names.Remove(name);
                if (!state.Wildcard)
                {
                    state.Forget(name);
                }
            }
        }

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

            var view = snapshot.Resources[type];
            var upserts = view.Values
                .Where(r => state.Wants(r.Name) && state.HeldVersions.GetValueOrDefault(r.Name) != r.Version && state.Rejected.GetValueOrDefault(r.Name) != r.Version)
                .ToList();
            var removed = state.HeldVersions.Keys.Where(name => !view.ContainsKey(name)).ToList();
            if (type == XdsResourceType.Cluster)
            {
                // A cluster the proxy's listeners or routes still name stays until the proxy holds the ones that do not.
                var stillNamed = ClusterReferences.StillNamed(removed, HeldListenersAndRoutes(), snapshot.Resources);
                removed.RemoveAll(stillNamed.Contains);
            }
            else if (type == XdsResourceType.Endpoint && _types.TryGetValue(XdsResourceType.Cluster, out var clusters))
            {
                // The endpoints of a cluster kept for the listeners and routes that still name it go after the cluster
                // (make before break): the proxy may still send traffic to it until then.
                var keptClusters = clusters.HeldVersions.Keys.Where(name => !snapshot.Resources[XdsResourceType.Cluster].ContainsKey(name));
                var stillUsed = ClusterEndpointNames.Of(keptClusters, clusters.HeldResources);
                removed.RemoveAll(stillUsed.Contains);
            }

            var absent = state.Wildcard ? [] : state.Names.Where(name => !view.ContainsKey(name) && !state.HeldVersions.ContainsKey(name) && !state.ToldAbsent.Contains(name)).ToList();
            // A type's first wildcard request is answered even with nothing to send (as go-control-plane does), so the
            // proxy need not wait for its initial fetch timeout to finish initializing.
            var answersFirstWildcard = state.Wildcard && !state.Responded;
            if (upserts.Count == 0 && removed.Count == 0 && absent.Count == 0 && !answersFirstWildcard)
            {
                continue;
            }

            await SendAsync(type, state, upserts, removed, absent, changedAt).ConfigureAwait(false);
        }

        Publish();
    }

    private async Task SendAsync(XdsResourceType type, DeltaTypeState state, List<VersionedResource> upserts, List<string> removed, List<string> absent, long changedAt)
    {
        var previous = new Dictionary<string, (string? Version, VersionedResource? Resource)>(StringComparer.Ordinal);
        foreach (var name in upserts.Select(static r => r.Name).Concat(removed))
        {
            previous[name] = (state.HeldVersions.TryGetValue(name, out var version) ? version : null, state.HeldResources.GetValueOrDefault(name));
        }

        foreach (var resource in upserts)
        {
            state.HeldVersions[resource.Name] = resource.Version;
            state.HeldResources[resource.Name] = resource;
            state.ToldAbsent.Remove(resource.Name);
        }

        foreach (var name in removed)
        {
            state.Forget(name);
            if (state.Names.Contains(name))
            {
                state.ToldAbsent.Add(name); // still subscribed: not listed as absent again
            }
        }

        // A subscribed name that does not exist is listed as removed once, so the proxy need not wait for it.
        state.ToldAbsent.UnionWith(absent);
        var response = new DeltaDiscoveryResponse
        {
            SystemVersionInfo = TypeVersion.Of(state.HeldVersions),
            TypeUrl = XdsTypeUrls.Of(type),
            Nonce = NextNonce(),
        };
        response.Resources.AddRange(upserts.Select(static r => new Resource { Name = r.Name, Version = r.Version, Resource_ = r.Packed }));
        response.RemovedResources.AddRange(removed.Concat(absent).Order(StringComparer.Ordinal));
        state.Responded = true;
        state.Pending[response.Nonce] = new DeltaPending(response.SystemVersionInfo, upserts.ToDictionary(static r => r.Name, StringComparer.Ordinal), previous);
        await WriteAsync(response, type, changedAt).ConfigureAwait(false);
        Logger.Pushed(response.TypeUrl, response.SystemVersionInfo, response.Nonce, upserts.Count, response.RemovedResources.Count, Node.Id);
    }

    private void Answer(XdsResourceType type, DeltaTypeState state, DeltaDiscoveryRequest request)
    {
        if (!state.Pending.Remove(request.ResponseNonce, out var pending))
        {
            Logger.StaleNonce(Node.Id, request.ResponseNonce, request.TypeUrl);
            return;
        }

        if (request.ErrorDetail is { } error)
        {
            // The proxy keeps what it had: put it back, and remember the rejected versions so they are not sent again.
            foreach (var (name, (version, resource)) in pending.Previous)
            {
                if (version is null)
                {
                    state.Forget(name);
                }
                else
                {
                    state.HeldVersions[name] = version;
                    if (resource is null)
                    {
                        state.HeldResources.Remove(name);
                    }
                    else
                    {
                        state.HeldResources[name] = resource;
                    }
                }
            }

            foreach (var (name, resource) in pending.Sent)
            {
                state.Rejected[name] = resource.Version;
            }

            _lastNack = new XdsNack(request.TypeUrl, pending.Version, request.ResponseNonce, error.Message, [.. pending.Sent.Keys.Order(StringComparer.Ordinal)], Now);
            RecordNack(_lastNack, type);
            return;
        }

        foreach (var name in pending.Sent.Keys)
        {
            state.Rejected.Remove(name);
        }

        if (state.Pending.Count == 0)
        {
            state.AckedVersion = TypeVersion.Of(state.HeldVersions);
        }
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
