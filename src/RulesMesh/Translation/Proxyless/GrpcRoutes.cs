using Envoy.Config.Route.V3;
using RulesMesh.Rules;
using EnvoyRoute = Envoy.Config.Route.V3.Route;

namespace RulesMesh.Translation.Proxyless;

/// <summary>
/// A route as gRPC's xDS client reads it (grpc-js-xds 1.14.1, <c>route-config-resource-type.js</c>; gRFC A28, A31):
/// path matches are <c>prefix</c>, <c>path</c> or <c>safe_regex</c>, so a <c>path_separated_prefix</c> becomes an
/// exact path and a prefix ending in <c>/</c>; the action must be <c>route</c>, so redirects and direct responses go to
/// the <see cref="UnavailableCluster"/> (their calls fail, as they do through a waypoint); a route matching query
/// parameters is never used by gRPC and is left out; a method match (a <c>:method</c> header gRPC does not match on)
/// is dropped when it is POST, which every gRPC call is, and its route left out for any other method; regular
/// expressions are wrapped in <c>(?:…)</c>, since gRPC anchors them without a group; the request timeout is <c>max_stream_duration</c> (gRPC ignores <c>timeout</c>); header edits, mirrors, rewrites and per-try timeouts,
/// which gRPC does not apply, are removed. Every change is a warning naming the route object and the field.
/// </summary>
[Rule("proxyless.routes.grpc",
    Description = "Routes for proxyless gRPC clients: path-separated prefixes as path and prefix, timeouts as max_stream_duration; redirects and direct responses go to a cluster without endpoints (their calls fail); query matches, header edits, mirrors and rewrites are what gRPC cannot express and are left out with a warning.")]
public sealed class GrpcRoutes : IProxylessRouteRule
{
    /// <inheritdoc />
    public IReadOnlyList<EnvoyRoute>? ProxylessRoutes(ProxylessRouteRequest request, TranslationContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var route = request.Route;
        var where = $"route {route.Name}";
        if (route.ActionCase != EnvoyRoute.ActionOneofCase.Route_)
        {
            // Left out, the route would let its calls fall through to later routes; the waypoint answers them with an
            // error or a redirect, which a gRPC call takes as a failure: the placeholder cluster fails them the same way.
            var action = route.ActionCase == EnvoyRoute.ActionOneofCase.Redirect ? "redirect (RequestRedirect filter)" : route.ActionCase == EnvoyRoute.ActionOneofCase.DirectResponse ? "direct_response (a rule without usable backends or filters)" : route.ActionCase.ToString();
            context.Warn(request.Source, $"{where}: action {action} is not supported by gRPC clients; for proxyless clients the route goes to cluster {UnavailableCluster.DirectResponseName}, which has no endpoints, so the calls it matches fail with UNAVAILABLE");
            route.Route_ = new RouteAction { Cluster = UnavailableCluster.DirectResponseName };
        }

        if (route.Match.QueryParameters.Count > 0)
        {
            context.Warn(request.Source, $"{where}: match.query_parameters is not supported by gRPC clients (such a route is never used); the route is left out for proxyless clients");
            return [];
        }

        // HTTPRoute's method match is a :method header match, a header gRPC's route matching never sees; every gRPC call
        // is a POST (gRPC over HTTP/2), so a POST match matches every call and any other method none.
        if (route.Match.Headers.FirstOrDefault(static h => h.Name == ":method") is { } method)
        {
            if (method is not { InvertMatch: false, StringMatch.Exact: "POST" })
            {
                context.Warn(request.Source, $"{where}: match.method {method.StringMatch?.Exact ?? ":method"} never matches a gRPC call (every gRPC call is a POST); the route is left out for proxyless clients");
                return [];
            }

            route.Match.Headers.Remove(method);
        }

        if (route.Match.PathSpecifierCase is not (RouteMatch.PathSpecifierOneofCase.Prefix or RouteMatch.PathSpecifierOneofCase.Path or RouteMatch.PathSpecifierOneofCase.SafeRegex or RouteMatch.PathSpecifierOneofCase.PathSeparatedPrefix))
        {
            context.Warn(request.Source, $"{where}: match {route.Match.PathSpecifierCase} is not supported by gRPC clients; the route is left out for proxyless clients");
            return [];
        }

        GroupRegexes(route.Match);
        StripUnapplied(route, where, request.Source, context);
        var routeAction = route.Route_;
        if (routeAction.Timeout is { } timeout)
        {
            routeAction.MaxStreamDuration = new RouteAction.Types.MaxStreamDuration { MaxStreamDuration_ = timeout };
            routeAction.Timeout = null;
        }

        if (route.Match.PathSpecifierCase != RouteMatch.PathSpecifierOneofCase.PathSeparatedPrefix)
        {
            return [route];
        }

        // Envoy's path_separated_prefix /p matches /p and /p/…: gRPC knows only path and prefix.
        var prefix = route.Match.PathSeparatedPrefix;
        var exact = route.Clone();
        exact.Name = route.Name + "-path";
        exact.Match.Path = prefix;
        var below = route.Clone();
        below.Name = route.Name + "-prefix";
        below.Match.Prefix = prefix + "/";
        return [exact, below];
    }

    /// <summary>
    /// Wraps each path and header regular expression in a non-capturing group. Envoy matches a <c>safe_regex</c> against
    /// the whole value; grpc-js-xds (<c>matcher.js</c>) compiles <c>^${regex}$</c> unwrapped, so an alternation
    /// <c>a|b</c> would become <c>^a|b$</c>: "starts with a, or ends with b".
    /// </summary>
    private static void GroupRegexes(RouteMatch match)
    {
        if (match.SafeRegex is { } path)
        {
            path.Regex = Grouped(path.Regex);
        }

        foreach (var header in match.Headers)
        {
            if (header.StringMatch?.SafeRegex is { } regex)
            {
                regex.Regex = Grouped(regex.Regex);
            }
        }
    }

    private static string Grouped(string regex) => $"(?:{regex})";

    /// <summary>Removes what gRPC clients do not apply, with a warning per field.</summary>
    private static void StripUnapplied(EnvoyRoute route, string where, string source, TranslationContext context)
    {
        var action = route.Route_;
        var fields = new List<string>();
        if (route.RequestHeadersToAdd.Count > 0 || route.RequestHeadersToRemove.Count > 0 || route.ResponseHeadersToAdd.Count > 0 || route.ResponseHeadersToRemove.Count > 0
            || action.WeightedClusters?.Clusters.Any(static c => c.RequestHeadersToAdd.Count > 0 || c.RequestHeadersToRemove.Count > 0 || c.ResponseHeadersToAdd.Count > 0 || c.ResponseHeadersToRemove.Count > 0) == true)
        {
            fields.Add("request/response header edits (RequestHeaderModifier, ResponseHeaderModifier)");
            route.RequestHeadersToAdd.Clear();
            route.RequestHeadersToRemove.Clear();
            route.ResponseHeadersToAdd.Clear();
            route.ResponseHeadersToRemove.Clear();
            foreach (var weighted in action.WeightedClusters?.Clusters ?? [])
            {
                weighted.RequestHeadersToAdd.Clear();
                weighted.RequestHeadersToRemove.Clear();
                weighted.ResponseHeadersToAdd.Clear();
                weighted.ResponseHeadersToRemove.Clear();
            }
        }

        if (action.RequestMirrorPolicies.Count > 0)
        {
            fields.Add("route.request_mirror_policies (RequestMirror)");
            action.RequestMirrorPolicies.Clear();
        }

        if (action.HostRewriteSpecifierCase != RouteAction.HostRewriteSpecifierOneofCase.None || action.RegexRewrite is not null || action.PrefixRewrite.Length > 0)
        {
            fields.Add("route host and path rewrites (URLRewrite)");
            action.ClearHostRewriteSpecifier();
            action.RegexRewrite = null;
            action.PrefixRewrite = string.Empty;
        }

        if (action.RetryPolicy is { PerTryTimeout: not null })
        {
            fields.Add("route.retry_policy.per_try_timeout (timeouts.backendRequest)");
            action.RetryPolicy = null;
        }

        if (fields.Count > 0)
        {
            context.Warn(source, $"{where}: {string.Join(", ", fields)} not applied by gRPC clients; left out for proxyless clients");
        }
    }
}
