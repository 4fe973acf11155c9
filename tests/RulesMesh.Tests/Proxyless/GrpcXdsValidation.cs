using System.Globalization;
using System.Net;
using Envoy.Config.Cluster.V3;
using Envoy.Config.Endpoint.V3;
using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;
using Envoy.Extensions.Filters.Network.HttpConnectionManager.V3;
using Google.Protobuf;
using RulesMesh.Engine;

namespace RulesMesh.Tests.Proxyless;

/// <summary>
/// gRPC's xDS client validation, restated from @grpc/grpc-js-xds 1.14.1 (build/src/xds-resource-type/*.js and the
/// locality weight check of xds-dependency-manager.js) for the fields RulesMesh sends: a resource with any problem
/// listed here would be NACKed (or, for an unweighted locality, silently ignored) by a real gRPC client.
/// </summary>
internal static class GrpcXdsValidation
{
    private const string HttpConnectionManagerType = "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager";
    private const string RouterType = "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router";

    /// <summary>Every problem gRPC finds in <paramref name="resources"/>, as <c>type name: problem</c>.</summary>
    public static IReadOnlyList<string> Problems(ResourceSet resources)
        => [.. Enum.GetValues<XdsResourceType>().SelectMany(type => resources[type].Values.SelectMany(r => Problems(type, r.Resource).Select(p => $"{type} {r.Name}: {p}"))), .. MissingClusters(resources)];

    /// <summary>
    /// Each cluster a route names that is not sent, with its load assignment: gRPC's xds-dependency-manager.js holds every
    /// call on the channel until it has every cluster (and endpoint resource) its routes name, and a name the server never
    /// answers counts as missing only when its 15 s resource timer fires.
    /// </summary>
    private static IEnumerable<string> MissingClusters(ResourceSet resources)
    {
        foreach (var (name, resource) in resources[XdsResourceType.Route])
        {
            var named = ((RouteConfiguration)resource.Resource).VirtualHosts.SelectMany(static h => h.Routes).Where(static r => r.ActionCase == Route.ActionOneofCase.Route_)
                .SelectMany(static r => r.Route_.WeightedClusters is { } weighted ? weighted.Clusters.Select(static c => c.Name) : [r.Route_.Cluster]);
            foreach (var cluster in named.Distinct(StringComparer.Ordinal))
            {
                if (!resources[XdsResourceType.Cluster].ContainsKey(cluster) || !resources[XdsResourceType.Endpoint].ContainsKey(cluster))
                {
                    yield return $"Route {name}: names cluster {cluster}, which is not sent with its endpoints (every call on the channel waits 15 s)";
                }
            }
        }
    }

    private static IEnumerable<string> Problems(XdsResourceType type, IMessage resource) => resource switch
    {
        Cluster cluster => ClusterProblems(cluster),
        ClusterLoadAssignment assignment => EndpointProblems(assignment),
        Listener listener => ListenerProblems(listener),
        RouteConfiguration routes => RouteProblems(routes),
        _ => [$"unexpected {type} message {resource.Descriptor.FullName}"],
    };

    private static IEnumerable<string> ClusterProblems(Cluster cluster)
    {
        if (cluster.LoadBalancingPolicy is null && cluster.LbPolicy is not (Cluster.Types.LbPolicy.RoundRobin or Cluster.Types.LbPolicy.RingHash))
        {
            yield return $"unsupported lb_policy: {cluster.LbPolicy}";
        }

        if (cluster.TransportSocket is not null)
        {
            yield return "transport_socket without a certificate provider instance";
        }

        if (cluster.ClusterType is not null)
        {
            yield return $"cluster_type {cluster.ClusterType.Name} is not an aggregate cluster";
        }
        else if (cluster.Type != Cluster.Types.DiscoveryType.Eds)
        {
            yield return $"unsupported type {cluster.Type}";
        }
        else if (cluster.EdsClusterConfig?.EdsConfig is not { } source || (source.Ads is null && source.Self is null))
        {
            yield return "eds_cluster_config.eds_config.ads and eds_cluster_config.eds_config.self both unset";
        }
    }

    private static IEnumerable<string> EndpointProblems(ClusterLoadAssignment assignment)
    {
        var localities = new HashSet<(string, string, string, uint)>();
        var addresses = new HashSet<(string, uint)>();
        var weights = new Dictionary<uint, ulong>();
        for (var i = 0; i < assignment.Endpoints.Count; i++)
        {
            var group = assignment.Endpoints[i];
            if (group.Locality is not { } locality)
            {
                yield return $"endpoints[{i}].locality unset";
                continue;
            }

            if (!localities.Add((locality.Region, locality.Zone, locality.SubZone, group.Priority)))
            {
                yield return $"endpoints[{i}].locality is a duplicate of another locality in the endpoint";
            }

            if (group.LoadBalancingWeight is null)
            {
                yield return $"endpoints[{i}].load_balancing_weight unset (the locality is skipped)";
            }

            foreach (var endpoint in group.LbEndpoints)
            {
                if (endpoint.Endpoint?.Address?.SocketAddress is not { } socket)
                {
                    yield return $"endpoints[{i}]: socket_address not set";
                    continue;
                }

                if (socket.PortSpecifierCase != Envoy.Config.Core.V3.SocketAddress.PortSpecifierOneofCase.PortValue)
                {
                    yield return $"endpoints[{i}]: unsupported port_specifier";
                }

                if (!IPAddress.TryParse(socket.Address, out _) || !(socket.Address.Contains(':', StringComparison.Ordinal) || socket.Address.Count(static c => c == '.') == 3))
                {
                    yield return $"endpoints[{i}]: address is not a valid IPv4 or IPv6 address: {socket.Address}";
                }

                if (!addresses.Add((socket.Address, socket.PortValue)))
                {
                    yield return $"endpoints[{i}]: address is a duplicate of another address: {socket.Address}";
                }
            }

            weights[group.Priority] = weights.GetValueOrDefault(group.Priority) + (group.LoadBalancingWeight ?? 0);
        }

        foreach (var (priority, total) in weights)
        {
            if (total > uint.MaxValue)
            {
                yield return string.Create(CultureInfo.InvariantCulture, $"priority {priority} has total weight greater than UINT32_MAX");
            }

            if (priority > 0 && !weights.ContainsKey(priority - 1))
            {
                yield return string.Create(CultureInfo.InvariantCulture, $"Endpoints have priority {priority} but not {priority - 1}");
            }
        }
    }

    private static IEnumerable<string> ListenerProblems(Listener listener)
    {
        if (listener.ApiListener?.ApiListener_ is not { } api || api.TypeUrl != HttpConnectionManagerType)
        {
            yield return "api_listener.api_listener is not an HttpConnectionManager";
            yield break;
        }

        if (listener.ListenerFilters.Count > 0)
        {
            yield return "listener_filters populated";
        }

        var manager = api.Unpack<HttpConnectionManager>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < manager.HttpFilters.Count; i++)
        {
            var filter = manager.HttpFilters[i];
            if (!names.Add(filter.Name))
            {
                yield return $"duplicate HTTP filter name: {filter.Name}";
            }

            if (filter.TypedConfig is null)
            {
                yield return $"{filter.Name} filter validation failed (typed_config unset)";
            }
            else if ((filter.TypedConfig.TypeUrl == RouterType) != (i == manager.HttpFilters.Count - 1))
            {
                yield return i == manager.HttpFilters.Count - 1 ? $"final filter is {filter.TypedConfig.TypeUrl}" : "router filter is before the end of the list";
            }
        }

        if (manager.HttpFilters.Count == 0)
        {
            yield return "no router filter";
        }

        if (manager.RouteSpecifierCase != HttpConnectionManager.RouteSpecifierOneofCase.Rds)
        {
            yield return $"route_specifier is {manager.RouteSpecifierCase}, not rds";
        }
        else if (manager.Rds.ConfigSource is not { } source || (source.Ads is null && source.Self is null))
        {
            yield return "rds.config_source.ads and rds.config_source.self both unset";
        }
    }

    private static IEnumerable<string> RouteProblems(RouteConfiguration configuration)
    {
        foreach (var host in configuration.VirtualHosts)
        {
            foreach (var domain in host.Domains)
            {
                var star = domain.IndexOf('*', StringComparison.Ordinal);
                if (star != domain.LastIndexOf('*'))
                {
                    yield return $"domains entry has multiple wildcards: {domain}";
                }

                if (star > 0 && star != domain.Length - 1)
                {
                    yield return $"domains entry has wildcard in the middle: {domain}";
                }
            }

            foreach (var route in host.Routes)
            {
                if (route.Match is null)
                {
                    yield return $"routes[{route.Name}].match unset";
                    continue;
                }

                if (route.Match.PathSpecifierCase is not (RouteMatch.PathSpecifierOneofCase.Prefix or RouteMatch.PathSpecifierOneofCase.Path or RouteMatch.PathSpecifierOneofCase.SafeRegex))
                {
                    yield return $"routes[{route.Name}].match: unsupported path_specifier: {route.Match.PathSpecifierCase}";
                }

                foreach (var header in route.Match.Headers)
                {
                    if (header.HeaderMatchSpecifierCase is not (HeaderMatcher.HeaderMatchSpecifierOneofCase.None or HeaderMatcher.HeaderMatchSpecifierOneofCase.ExactMatch or HeaderMatcher.HeaderMatchSpecifierOneofCase.SafeRegexMatch or HeaderMatcher.HeaderMatchSpecifierOneofCase.RangeMatch or HeaderMatcher.HeaderMatchSpecifierOneofCase.PresentMatch or HeaderMatcher.HeaderMatchSpecifierOneofCase.PrefixMatch or HeaderMatcher.HeaderMatchSpecifierOneofCase.SuffixMatch or HeaderMatcher.HeaderMatchSpecifierOneofCase.StringMatch))
                    {
                        yield return $"routes[{route.Name}].match.headers[{header.Name}]: unsupported header_match_specifier";
                    }
                }

                if (route.ActionCase != Route.ActionOneofCase.Route_)
                {
                    yield return $"routes[{route.Name}]: unsupported action: {route.ActionCase}";
                    continue;
                }

                if (route.Route_.ClusterSpecifierCase is not (RouteAction.ClusterSpecifierOneofCase.Cluster or RouteAction.ClusterSpecifierOneofCase.WeightedClusters or RouteAction.ClusterSpecifierOneofCase.ClusterHeader))
                {
                    yield return $"routes[{route.Name}]: unsupported route.cluster_specifier: {route.Route_.ClusterSpecifierCase}";
                }

                if (route.Route_.WeightedClusters is { } weighted)
                {
                    var sum = weighted.Clusters.Sum(static c => (long)(c.Weight ?? 0));
                    if (sum == 0 || sum > uint.MaxValue)
                    {
                        yield return $"routes[{route.Name}].route.weighted_clusters sum of weights is {sum}";
                    }
                }

                if (route.Route_.RetryPolicy is { } retry && (retry.NumRetries ?? 1) < 1)
                {
                    yield return $"routes[{route.Name}].route.retry_policy: invalid num_retries";
                }
            }
        }
    }
}
