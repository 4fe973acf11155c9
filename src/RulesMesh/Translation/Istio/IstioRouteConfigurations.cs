using System.Globalization;
using Envoy.Config.Core.V3;
using Envoy.Config.Route.V3;
using Envoy.Type.Matcher.V3;
using Google.Protobuf.WellKnownTypes;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using RulesMesh.Translation.Backends;
using RulesMesh.Translation.Policy;
using RulesMesh.Translation.Routes;

namespace RulesMesh.Translation.Istio;

/// <summary>
/// The inline route configuration of a service HTTP chain, as istiod builds it from the VirtualServices it generates
/// for mesh HTTPRoutes and GRPCRoutes (docs/spec/istio-waypoint-output.md §4.1–4.3):
/// <list type="bullet">
/// <item>attached routes are grouped into VirtualServices by <c>&lt;routeNs&gt;[/&lt;parentRef port&gt;]/&lt;host&gt;</c>;
/// their rules, oldest route first, are split into one route per match and stably sorted (Exact before PathPrefix before
/// RegularExpression, longer paths, a method, more headers, more query parameters first; rules without matches last);
/// a GRPCRoute's method match is a path match, as the Gateway API defines it;</item>
/// <item>a match on another port is skipped; after a catch-all (prefix <c>/</c> or regex <c>.*</c> with no header or
/// query match) the rest is dropped; a rule without matches ends its VirtualService;</item>
/// <item>routes are named <c>&lt;ns&gt;.&lt;route&gt;.&lt;rule index&gt;</c> (or the rule's name), carry the VirtualService's
/// config path and a decorator, and send to one cluster or weighted clusters, with the mesh default retry policy; a
/// destination whose DestinationRule has a consistent hash adds its hash policy, and then retries keep no host
/// predicate;</item>
/// <item>a route with a filter Istio does not support adds nothing, with a <c>ResolvedRefs</c> status
/// <c>InvalidFilter</c> (<see cref="IstioRouteFilters.Unsupported"/>);</item>
/// <item>with no route left, one default route sends everything to the chain's own cluster (hashing as the
/// DestinationRule's consistent hash says, without the retry host predicate).</item>
/// </list>
/// A rule's header modifiers, redirect, URL rewrite and mirrors apply as <see cref="IstioRouteFilters"/> describes (a
/// redirect replaces the route action), its CORS filter as <see cref="IstioRouteCors"/> does.
/// </summary>
internal static class IstioRouteConfigurations
{
    /// <summary>istiod's limit on a direct response body, set on the default-route configurations it builds (§4.3).</summary>
    public const uint DefaultMaxDirectResponseBodySizeBytes = 1048576;

    private const string CatchAll = "/";

    /// <summary>The route configuration of <paramref name="service"/>'s HTTP chain on <paramref name="port"/>.</summary>
    /// <remarks><paramref name="policy"/> is the DestinationRule's traffic policy for the port: its consistent hash goes on the default route.</remarks>
    public static RouteConfiguration Build(IstioOwnedService service, IstioPort port, IReadOnlyList<AttachedRoute> attached, IstioWaypointScope scope, IstioTrafficPolicy policy, TranslationContext context)
    {
        var chain = IstioWaypointNames.InboundVip(port.Number, "http", null, service.Host);
        // A DYNAMIC_DNS host's vhost matches only that host (§4.2).
        var domain = service.Discovery == IstioDiscovery.DynamicForwardProxy ? service.Host : "*";
        var host = new VirtualHost { Name = IstioWaypointNames.InboundVirtualHost(port.Number), Domains = { domain } };
        var configuration = new RouteConfiguration { Name = chain, ValidateClusters = false, VirtualHosts = { host } };
        var ended = false;
        foreach (var virtualService in VirtualServices(service, attached, context))
        {
            foreach (var split in virtualService.Routes)
            {
                if (split.Port is { } only && only != port.Number)
                {
                    continue;
                }

                host.Routes.Add(Route(split, virtualService, port, scope, context));
                ended = split.IsCatchAll;
                if (ended || split.Matchless)
                {
                    break;
                }
            }

            if (ended)
            {
                break;
            }
        }

        if (host.Routes.Count == 0)
        {
            var route = DefaultRoute(chain, TraceOperation(service.Host, port.Number));
            if (IstioLoadBalancer.HashPolicy(policy.LoadBalancer) is { } hash)
            {
                // A consistent hash keeps a client on one host, so retries do not look for other hosts.
                route.Route_.HashPolicy.Add(hash);
                route.Route_.RetryPolicy.RetryHostPredicate.Clear();
            }

            host.Routes.Add(route);
            configuration.MaxDirectResponseBodySizeBytes = DefaultMaxDirectResponseBodySizeBytes;
        }

        return configuration;
    }

    /// <summary>
    /// The decorator of <c>direct-http</c>'s default route: its chain serves no service, so istiod's
    /// <c>TraceOperation</c> has no host, and the port is 0 as in the chain's stat prefix and virtual host (§2.2, §4.3; as
    /// understood, not checked against the source).
    /// </summary>
    public static string DirectOperation => TraceOperation(string.Empty, 0);

    /// <summary>istiod's default inbound route (§4.3): prefix <c>/</c> to <paramref name="cluster"/>, no timeout, the default retries.</summary>
    public static Route DefaultRoute(string cluster, string operation)
    {
        var route = new Route
        {
            Name = "default",
            Match = new RouteMatch { Prefix = CatchAll },
            Route_ = new RouteAction { Cluster = cluster, Timeout = new Duration(), RetryPolicy = DefaultRetries() },
            Decorator = new Decorator { Operation = operation },
        };
        NoGrpcTimeout(route.Route_, route.Route_.Timeout);
        return route;
    }

    /// <summary>istiod's <c>TraceOperation</c>: <c>&lt;host&gt;:&lt;port&gt;/*</c>.</summary>
    private static string TraceOperation(string host, int port) => $"{host}:{port.ToString(CultureInfo.InvariantCulture)}/*";

    private static Route Route(SplitRoute split, IstioVirtualService virtualService, IstioPort port, IstioWaypointScope scope, TranslationContext context)
    {
        var match = Match(split.Match);
        var route = new Route
        {
            Name = split.Name,
            Match = match,
            Metadata = new Metadata
            {
                FilterMetadata =
                {
                    ["istio"] = new Struct { Fields = { ["config"] = Value.ForString($"/apis/networking.istio.io/v1/namespaces/{virtualService.Namespace}/virtual-service/{virtualService.Name}") } },
                },
            },
        };

        IstioRouteFilters.Headers(split.Rule, route);
        if (IstioRouteCors.Policy(split.Rule) is { } cors)
        {
            route.TypedPerFilterConfig[IstioRouteCors.FilterName] = Any.Pack(cors);
        }

        if (IstioRouteFilters.Redirect(split.Rule) is { } redirect)
        {
            route.Redirect = IstioRouteFilters.RedirectAction(redirect, match, port.Number);
            route.Decorator = new Decorator { Operation = $"{virtualService.Name}:{port.Number.ToString(CultureInfo.InvariantCulture)}{Path(match)}" };
            return route;
        }

        var clusters = Backends(split, scope, context);
        if (clusters.Count == 0)
        {
            route.DirectResponse = new DirectResponseAction { Status = 500 };
            return route;
        }

        var timeout = Timeout(split.Rule.Timeouts);
        var action = new RouteAction
        {
            Timeout = timeout,
            ClusterNotFoundResponseCode = RouteAction.Types.ClusterNotFoundResponseCode.InternalServerError,
            RetryPolicy = DefaultRetries(),
        };
        NoGrpcTimeout(action, timeout);
        IstioRouteFilters.Rewrite(split.Rule, match, action);
        foreach (var mirror in IstioRouteFilters.Mirrors(split.Rule))
        {
            var target = mirror.BackendRef;
            var mirrored = new BackendRefRequest(split.Attached.Key, split.Attached.Key.Namespace, target.Group, target.Kind, target.Namespace, target.Name, target.Port);
            if (IstioRouteFilters.MirrorPolicy(mirror, scope.Resolve(mirrored, split.Attached.Parent, context).Cluster) is { } policy)
            {
                action.RequestMirrorPolicies.Add(policy);
            }
        }

        string operation;
        if (clusters.Count == 1)
        {
            // One destination: its header modifiers join the route's (Istio's processDestination, as understood).
            var only = clusters[0].Cluster;
            action.Cluster = only.Name;
            route.RequestHeadersToAdd.AddRange(only.RequestHeadersToAdd);
            route.RequestHeadersToRemove.AddRange(only.RequestHeadersToRemove);
            route.ResponseHeadersToAdd.AddRange(only.ResponseHeadersToAdd);
            route.ResponseHeadersToRemove.AddRange(only.ResponseHeadersToRemove);
            var parts = only.Name.Split('|');
            operation = parts.Length == 4 ? $"{parts[3]}:{parts[1]}{Path(match)}" : $"{virtualService.Name}:{port.Number.ToString(CultureInfo.InvariantCulture)}{Path(match)}";
        }
        else
        {
            action.WeightedClusters = new WeightedCluster();
            action.WeightedClusters.Clusters.AddRange(clusters.Select(static c => c.Cluster));
            operation = $"{virtualService.Name}:{port.Number.ToString(CultureInfo.InvariantCulture)}{Path(match)}";
        }

        // Each destination's consistent hash, in order (Istio's processDestination / processWeightedDestination, as
        // understood); a hash keeps a client on one host, so retries do not look for other hosts (§4.2).
        action.HashPolicy.AddRange(clusters.Select(static c => c.Hash).OfType<RouteAction.Types.HashPolicy>());
        if (action.HashPolicy.Count > 0)
        {
            action.RetryPolicy.RetryHostPredicate.Clear();
        }

        route.Route_ = action;
        route.Decorator = new Decorator { Operation = operation };
        return route;
    }

    /// <summary>
    /// The rule's backends, each with its header modifiers and its DestinationRule's consistent hash: weight-0 ones are
    /// dropped, and one left means one cluster (its weight ignored). No backend, or none weighted above 0 (a single
    /// <c>weight: 0</c> included), means none (a 500).
    /// </summary>
    private static List<(WeightedCluster.Types.ClusterWeight Cluster, RouteAction.Types.HashPolicy? Hash)> Backends(SplitRoute split, IstioWaypointScope scope, TranslationContext context)
    {
        var refs = split.Rule.BackendRefs ?? [];
        var kept = refs.Count(static b => IstioBackendWeights.Kept(b.Weight));
        var clusters = new List<(WeightedCluster.Types.ClusterWeight, RouteAction.Types.HashPolicy?)>();
        foreach (var backendRef in refs)
        {
            if (!IstioBackendWeights.Kept(backendRef.Weight))
            {
                continue;
            }

            var (name, backend) = scope.Resolve(new BackendRefRequest(split.Attached.Key, split.Attached.Key.Namespace, backendRef.Group, backendRef.Kind, backendRef.Namespace, backendRef.Name, backendRef.Port), split.Attached.Parent, context);
            var cluster = new WeightedCluster.Types.ClusterWeight { Name = name, Weight = IstioBackendWeights.Of(backendRef.Weight, kept) };
            IstioRouteFilters.Headers(backendRef, cluster);
            clusters.Add((cluster, backend is null ? null : Hash(backend, context)));
        }

        return clusters;
    }

    /// <summary>
    /// The route hash policy of the consistent hash the destination host's DestinationRule gives the destination port
    /// (Istio's <c>hashForHTTPDestination</c>; a Gateway API backendRef names no subset), or null.
    /// </summary>
    private static RouteAction.Types.HashPolicy? Hash(BackendObject backend, TranslationContext context)
        => IstioLoadBalancer.HashPolicy(IstioTrafficPolicy.For(DestinationRules.IstioRuleFor(backend, context), subset: null, backend.Port.Port).LoadBalancer);

    /// <summary>istiod still sends the deprecated <c>max_grpc_timeout</c>, equal to the route timeout.</summary>
    private static void NoGrpcTimeout(RouteAction action, Duration timeout)
    {
#pragma warning disable CS0612 // Obsolete in Envoy's API, but part of what istiod sends (docs/spec/istio-waypoint-output.md §4.2).
        action.MaxGrpcTimeout = timeout.Clone();
#pragma warning restore CS0612
    }

    /// <summary>The mesh's default retry policy.</summary>
    private static Envoy.Config.Route.V3.RetryPolicy DefaultRetries() => new()
    {
        RetryOn = "connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes",
        NumRetries = 2,
        RetryHostPredicate = { new Envoy.Config.Route.V3.RetryPolicy.Types.RetryHostPredicate { Name = "envoy.retry_host_predicates.previous_hosts" } },
        HostSelectionRetryMaxAttempts = 5,
    };

    /// <summary>The path part of a decorator: a prefix followed by <c>*</c>, an exact path, or the regex.</summary>
    private static string Path(RouteMatch match) => match.PathSpecifierCase switch
    {
        RouteMatch.PathSpecifierOneofCase.Prefix => match.Prefix + "*",
        RouteMatch.PathSpecifierOneofCase.PathSeparatedPrefix => match.PathSeparatedPrefix + "*",
        RouteMatch.PathSpecifierOneofCase.Path => match.Path,
        RouteMatch.PathSpecifierOneofCase.SafeRegex => match.SafeRegex.Regex,
        _ => "/*",
    };

    /// <summary>Istio's route match under Gateway API semantics: <c>case_sensitive</c> set, PathPrefix as a path-separated prefix.</summary>
    private static RouteMatch Match(HTTPRouteRuleMatch match)
    {
        var result = new RouteMatch { CaseSensitive = true };
        var type = match.Path?.Type ?? HTTPRouteRuleMatchPathType.PathPrefix;
        var value = match.Path?.Value ?? CatchAll;
        if (type == HTTPRouteRuleMatchPathType.Exact)
        {
            result.Path = value;
        }
        else if (type == HTTPRouteRuleMatchPathType.RegularExpression)
        {
            result.SafeRegex = new RegexMatcher { Regex = value };
        }
        else if (value == CatchAll)
        {
            result.Prefix = CatchAll;
        }
        else
        {
            result.PathSeparatedPrefix = RouteMatchProblems.TrimOneSlash(value);
        }

        foreach (var header in match.Headers ?? [])
        {
            result.Headers.Add(new HeaderMatcher { Name = header.Name, StringMatch = StringMatch(header.Value, header.Type == HTTPRouteType.RegularExpression) });
        }

        foreach (var query in match.QueryParams ?? [])
        {
            result.QueryParameters.Add(new QueryParameterMatcher { Name = query.Name, StringMatch = StringMatch(query.Value, query.Type == HTTPRouteType.RegularExpression) });
        }

        if (match.Method is { } method)
        {
            result.Headers.Add(new HeaderMatcher { Name = ":method", StringMatch = StringMatch(method.Value, regex: false) });
        }

        return result;
    }

    /// <summary>
    /// The route timeout istiod's conversion gives a rule's timeouts: <c>backendRequest</c> when set and not zero (it
    /// becomes the VirtualService timeout when the rule has no retries, which the standard HTTPRoute cannot give), else
    /// <c>request</c>, else none (conversion.go, as understood).
    /// </summary>
    private static Duration Timeout(HTTPRouteRuleTimeouts? timeouts)
        => NonZero(timeouts?.BackendRequest) ?? NonZero(timeouts?.Request) ?? new Duration();

    private static Duration? NonZero(string? text)
        => GatewayApiDuration.Parse(text) is { } parsed && (parsed.Seconds != 0 || parsed.Nanos != 0) ? parsed : null;

    private static StringMatcher StringMatch(string value, bool regex)
        => regex ? new StringMatcher { SafeRegex = new RegexMatcher { Regex = value } } : new StringMatcher { Exact = value };

    /// <summary>
    /// The VirtualServices istiod generates for <paramref name="service"/>'s host from the attached routes, ordered by
    /// their oldest route, then name; each with its routes split per match and sorted.
    /// </summary>
    private static IEnumerable<IstioVirtualService> VirtualServices(IstioOwnedService service, IReadOnlyList<AttachedRoute> attached, TranslationContext context)
    {
        var groups = new Dictionary<string, (string Namespace, List<SplitRoute> Routes, DateTime Oldest)>(StringComparer.Ordinal);
        foreach (var route in attached)
        {
            // A GRPCRoute is an HTTPRoute whose gRPC service and method match the path; it merges into the same VirtualService.
            var grpc = route.Route is GRPCRoute;
            if (HttpRouteRules.Of(route.Route) is not { } rules)
            {
                context.Warn(route.Key, null, "the istio profile does not translate this route kind on a waypoint; it adds no routes");
                continue;
            }

            if (IstioRouteFilters.Unsupported(rules) is var (field, type))
            {
                // istiod's conversion fails on the filter, so the whole route adds no VirtualService (as understood).
                var message = $"unsupported filter type \"{type}\"";
                context.Warn(route.Key, field, $"{field}: {type} is not supported by Istio ({message}); the route adds no routes");
                RouteStatusCollector.For(context).Unresolved(route.Key, route.Parent, "InvalidFilter", message);
                continue;
            }

            var port = route.Parent.Port;
            var created = route.Route.Metadata?.CreationTimestamp ?? DateTime.MinValue;
            var problems = new RouteProblems(route.Key, context);
            var split = new List<SplitRoute>();
            var kept = 0;
            for (var r = 0; r < rules.Count; r++)
            {
                var rule = rules[r];
                var name = !string.IsNullOrEmpty(rule.Name) ? rule.Name : $"{route.Key.Namespace}.{route.Key.Name}.{r.ToString(CultureInfo.InvariantCulture)}";
                var honoured = true;
                foreach (var (filterField, problem, wholeRule) in IstioRouteFilters.ValueProblems(rule, r))
                {
                    problems.Drop(filterField, problem, wholeRule ? "the rule is dropped" : "the header is dropped");
                    honoured &= !wholeRule;
                }

                if (!honoured)
                {
                    continue;
                }

                if (rule.Matches is not { Count: > 0 } matches)
                {
                    // An HTTPRoute rule without matches has the CRD's default one (PathPrefix /); a GRPCRoute rule has
                    // none, unless a parentRef port gives it a match on that port alone.
                    var matchless = grpc && port is null;
                    split.Add(new SplitRoute(route, rule, r, grpc ? new HTTPRouteRuleMatch() : WholePath(), name, port, created) { Matchless = matchless });
                    kept++;
                    continue;
                }

                var valid = ValidMatches(matches, r, grpc, problems);
                foreach (var match in valid)
                {
                    split.Add(new SplitRoute(route, rule, r, grpc || match.Path is not null ? match : WithWholePath(match), name, port, created));
                }

                kept += valid.Count > 0 ? 1 : 0;
            }

            var nothingLeft = rules.Count > 0 && kept == 0;
            problems.Report(route, nothingLeft);
            if (nothingLeft)
            {
                // A route its parent does not accept generates no VirtualService.
                continue;
            }

            var key = port is { } p ? $"{route.Key.Namespace}/{p.ToString(CultureInfo.InvariantCulture)}/{service.Host}" : $"{route.Key.Namespace}/{service.Host}";
            var group = groups.TryGetValue(key, out var found) ? found : (route.Key.Namespace, Routes: new List<SplitRoute>(), Oldest: DateTime.MaxValue);
            group.Routes.AddRange(split);
            groups[key] = (group.Namespace, group.Routes, created < group.Oldest ? created : group.Oldest);
        }

        return groups
            .OrderBy(static g => g.Value.Oldest)
            .ThenBy(static g => g.Key, StringComparer.Ordinal)
            .Select(static g => new IstioVirtualService(g.Key.Replace('/', '~'), g.Value.Namespace, g.Value.Routes.Order(SplitRoute.BySpecificity).ToList()));
    }

    /// <summary>
    /// The matches of rule <paramref name="rule"/> that Envoy would take; each other one is dropped with a warning, and
    /// a rule none of whose matches is valid is dropped whole (dropping only its matches would match every request).
    /// </summary>
    private static List<HTTPRouteRuleMatch> ValidMatches(IList<HTTPRouteRuleMatch> matches, int rule, bool grpc, RouteProblems problems)
    {
        var valid = new List<HTTPRouteRuleMatch>(matches.Count);
        for (var m = 0; m < matches.Count; m++)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"spec.rules[{rule}].matches[{m}]");
            var found = false;
            foreach (var (path, problem) in RouteMatchProblems.Of(matches[m], grpc))
            {
                problems.Drop($"{field}.{path}", problem, "the match is dropped");
                found = true;
            }

            if (!found)
            {
                valid.Add(matches[m]);
            }
        }

        if (valid.Count == 0)
        {
            problems.Drop(string.Create(CultureInfo.InvariantCulture, $"spec.rules[{rule}]"), "no match of the rule is valid", "the rule is dropped");
        }

        return valid;
    }

    /// <summary>The HTTPRoute CRD's default match: PathPrefix <c>/</c>.</summary>
    private static HTTPRouteRuleMatch WholePath() => new() { Path = new HTTPRouteRuleMatchPath { Type = HTTPRouteRuleMatchPathType.PathPrefix, Value = CatchAll } };

    /// <summary>An HTTPRoute match written without a path: the CRD's default path, PathPrefix <c>/</c>.</summary>
    private static HTTPRouteRuleMatch WithWholePath(HTTPRouteRuleMatch match) => new()
    {
        Path = WholePath().Path,
        Headers = match.Headers,
        QueryParams = match.QueryParams,
        Method = match.Method,
    };

    /// <summary>A generated VirtualService: its name, namespace and routes in order.</summary>
    private sealed record IstioVirtualService(string Name, string Namespace, IReadOnlyList<SplitRoute> Routes);

    /// <summary>
    /// One rule and one of its matches. A GRPCRoute match without a method has no path (it ranks after every path
    /// match); a GRPCRoute rule without matches is <see cref="Matchless"/>.
    /// </summary>
    private sealed record SplitRoute(AttachedRoute Attached, HTTPRouteRule Rule, int RuleIndex, HTTPRouteRuleMatch Match, string Name, int? Port, DateTime Created)
    {
        /// <summary>
        /// A rule without matches: it sorts last, matches everything and ends its VirtualService
        /// (docs/spec/istio-waypoint-output.md §4.1, §4.2).
        /// </summary>
        public bool Matchless { get; init; }

        /// <summary>
        /// Istio's <c>sortHTTPRoutes</c> order: rules without matches last; Exact, PathPrefix, RegularExpression, no path;
        /// longer paths; a method; more headers; more query parameters.
        /// </summary>
        public static IComparer<SplitRoute> BySpecificity { get; } = Comparer<SplitRoute>.Create(static (a, b) =>
        {
            if (a.Matchless || b.Matchless)
            {
                return a.Matchless.CompareTo(b.Matchless);
            }

            var byType = Rank(a.Match).CompareTo(Rank(b.Match));
            if (byType != 0)
            {
                return byType;
            }

            var byLength = PathLength(b.Match).CompareTo(PathLength(a.Match));
            if (byLength != 0)
            {
                return byLength;
            }

            var byMethod = (b.Match.Method is null ? 0 : 1).CompareTo(a.Match.Method is null ? 0 : 1);
            if (byMethod != 0)
            {
                return byMethod;
            }

            var byHeaders = (b.Match.Headers?.Count ?? 0).CompareTo(a.Match.Headers?.Count ?? 0);
            return byHeaders != 0 ? byHeaders : (b.Match.QueryParams?.Count ?? 0).CompareTo(a.Match.QueryParams?.Count ?? 0);
        });

        /// <summary>
        /// The length istiod compares: that of the converted match, so a prefix other than <c>/</c> without its trailing
        /// <c>/</c> (<c>/foo/</c> ties with <c>/foo</c>).
        /// </summary>
        private static int PathLength(HTTPRouteRuleMatch match)
        {
            var value = match.Path?.Value ?? string.Empty;
            var prefix = (match.Path?.Type ?? HTTPRouteRuleMatchPathType.PathPrefix) == HTTPRouteRuleMatchPathType.PathPrefix;
            return prefix && value.Length > 1 && value.EndsWith('/') ? value.Length - 1 : value.Length;
        }

        /// <summary>Prefix <c>/</c> or regex <c>.*</c> with no header or query match: nothing after it can match.</summary>
        public bool IsCatchAll
            => Match.Path is { } path
               && (path.Type ?? HTTPRouteRuleMatchPathType.PathPrefix, path.Value ?? CatchAll) is (var type, var value)
               && ((type == HTTPRouteRuleMatchPathType.PathPrefix && value == CatchAll) || (type == HTTPRouteRuleMatchPathType.RegularExpression && value == ".*"))
               && Match.Headers is not { Count: > 0 }
               && Match.QueryParams is not { Count: > 0 }
               && Match.Method is null;

        private static int Rank(HTTPRouteRuleMatch match)
        {
            if (match.Path is not { } path)
            {
                return 3;
            }

            var type = path.Type ?? HTTPRouteRuleMatchPathType.PathPrefix;
            return type == HTTPRouteRuleMatchPathType.Exact ? 0 : type == HTTPRouteRuleMatchPathType.PathPrefix ? 1 : 2;
        }
    }
}
