using System.Globalization;
using System.Text;
using Envoy.Config.Core.V3;
using Envoy.Config.Route.V3;
using Envoy.Type.Matcher.V3;
using Envoy.Type.V3;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using RulesMesh.Mesh;

namespace RulesMesh.Translation.Routes;

/// <summary>
/// Turns the rules of one attached route, read as v1 HTTPRoute rules, into Envoy routes the way kgateway's HTTPRoute
/// translation and built-in plugin do: one Envoy route per rule and match, named
/// <c>&lt;vhost&gt;-route-&lt;i&gt;-&lt;kind&gt;-&lt;route&gt;-&lt;ns&gt;-&lt;rule&gt;-&lt;match&gt;-matcher-0</c>, with
/// <c>i</c> counting the virtual host's routes.
/// </summary>
internal static class KgatewayRouteTranslator
{
    /// <summary>
    /// The cluster an unresolved backendRef is sent to. No such cluster exists, so with
    /// <c>clusterNotFoundResponseCode: INTERNAL_SERVER_ERROR</c> its share of requests gets a 500, as the Gateway API asks.
    /// </summary>
    public const string BlackholeCluster = "blackhole_cluster";

    /// <summary>The status of the direct response of a rule that has nowhere to send requests.</summary>
    public const uint NoBackendStatus = 500;

    /// <summary>The Envoy routes of <paramref name="rules"/>, the rules of <paramref name="request"/>'s route.</summary>
    /// <param name="request">The attached route, its first route index and the virtual host.</param>
    /// <param name="rules">The route's rules, as v1 HTTPRoute rules (a GRPCRoute's are converted first).</param>
    /// <param name="context">The translation, for backendRef resolution, statuses and warnings.</param>
    public static List<Route> Translate(RouteRulesRequest request, IReadOnlyList<HTTPRouteRule> rules, TranslationContext context)
    {
        var routes = new List<Route>();
        var kind = request.Route.Key.Kind.ToLowerInvariant();
        var problems = new RouteProblems(request.Route.Key, context);
        for (var r = 0; r < rules.Count; r++)
        {
            var rule = rules[r];
            var matches = ValidMatches(rule, r, kind == "grpcroute", problems);
            if (matches.Count == 0)
            {
                // Dropping only the bad matches would leave a rule that matches every request.
                problems.Drop(Rule(r), "no match of the rule is valid", "the rule is dropped");
                continue;
            }

            var template = RuleTemplate(request, rule, r, problems, context);
            for (var i = 0; i < matches.Count; i++)
            {
                var (m, match) = matches[i];
                // Each match gets its own copy of the rule's route; the last takes the template itself.
                var route = i == matches.Count - 1 ? template : template.Clone();
                route.Name = RouteName(request, kind, r, m, request.Index + routes.Count);
                route.Match = Match(match);
                if (route.Route_ is { } action)
                {
                    ApplyPrefixReplacement(match, rule, action);
                }
                else if (route.Redirect is { } redirect)
                {
                    ApplyPrefixReplacement(match, rule, redirect);
                }

                routes.Add(route);
            }
        }

        problems.Report(request.Route, nothingLeft: rules.Count > 0 && routes.Count == 0);
        return routes;
    }

    private static string RouteName(RouteRulesRequest request, string kind, int rule, int match, int index)
        => kind == "httproute"
            ? WaypointNames.RouteMatch(request.VirtualHostName, index, request.Route.Key.Name, request.Route.Key.Namespace, rule, match, 0)
            : string.Create(CultureInfo.InvariantCulture, $"{request.VirtualHostName}-route-{index}-{kind}-{request.Route.Key.Name}-{request.Route.Key.Namespace}-{rule}-{match}-matcher-0");

    // ----- matches -----

    private static string Rule(int rule) => string.Create(CultureInfo.InvariantCulture, $"spec.rules[{rule}]");

    /// <summary>
    /// The rule's matches Envoy would accept, with their indexes (a rule without matches: PathPrefix <c>/</c>); each
    /// other match is dropped with a warning for every problem it has.
    /// </summary>
    private static List<(int Index, HTTPRouteRuleMatch Match)> ValidMatches(HTTPRouteRule rule, int r, bool grpc, RouteProblems problems)
    {
        if (rule.Matches is not { Count: > 0 } written)
        {
            return [(0, new HTTPRouteRuleMatch())];
        }

        var valid = new List<(int, HTTPRouteRuleMatch)>(written.Count);
        for (var m = 0; m < written.Count; m++)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"{Rule(r)}.matches[{m}]");
            var found = false;
            foreach (var (path, problem) in RouteMatchProblems.Of(written[m], grpc))
            {
                problems.Drop($"{field}.{path}", problem, "the match is dropped");
                found = true;
            }

            if (!found)
            {
                valid.Add((m, written[m]));
            }
        }

        return valid;
    }

    /// <summary>kgateway's <c>translateGlooMatcher</c>: path (PathPrefix "/" when absent), headers, query parameters, then the method.</summary>
    private static RouteMatch Match(HTTPRouteRuleMatch match)
    {
        var result = new RouteMatch();
        var type = match.Path?.Type ?? HTTPRouteRuleMatchPathType.PathPrefix;
        var value = match.Path?.Value ?? "/";
        if (type == HTTPRouteRuleMatchPathType.Exact)
        {
            result.Path = value;
        }
        else if (type == HTTPRouteRuleMatchPathType.RegularExpression)
        {
            result.SafeRegex = Regex(value);
        }
        else if (value == "/")
        {
            result.Prefix = "/";
        }
        else
        {
            result.PathSeparatedPrefix = RouteMatchProblems.TrimOneSlash(value);
        }

        foreach (var (header, _) in EquivalentHeaderNames.FirstOfEach(match.Headers ?? [], static h => h.Name))
        {
            result.Headers.Add(Header(header.Name, header.Value, header.Type == HTTPRouteType.RegularExpression));
        }

        foreach (var query in match.QueryParams ?? [])
        {
            var matcher = new QueryParameterMatcher { Name = query.Name };
            if (query.Value.Length == 0)
            {
                matcher.PresentMatch = true;
            }
            else
            {
                matcher.StringMatch = StringMatch(query.Value, query.Type == HTTPRouteType.RegularExpression);
            }

            result.QueryParameters.Add(matcher);
        }

        if (match.Method is { } method)
        {
            result.Headers.Add(Header(":method", method.Value, regex: false));
        }

        return result;
    }

    private static HeaderMatcher Header(string name, string value, bool regex)
    {
        var matcher = new HeaderMatcher { Name = name };
        if (value.Length == 0)
        {
            matcher.PresentMatch = true;
        }
        else
        {
            matcher.StringMatch = StringMatch(value, regex);
        }

        return matcher;
    }

    private static StringMatcher StringMatch(string value, bool regex)
        => regex ? new StringMatcher { SafeRegex = Regex(value) } : new StringMatcher { Exact = value };

    private static RegexMatcher Regex(string pattern) => new() { Regex = pattern };

    // ----- the rule: filters and backends, shared by its matches -----

    /// <summary>Everything of a rule's Envoy route but its name and match (and a prefix replacement, which depends on the match).</summary>
    private static Route RuleTemplate(RouteRulesRequest request, HTTPRouteRule rule, int r, RouteProblems problems, TranslationContext context)
    {
        var route = new Route();
        var key = request.Route.Key;
        RedirectAction? redirect = null;
        HTTPRouteFilterUrlRewrite? rewrite = null;
        var mirrors = new List<RouteAction.Types.RequestMirrorPolicy>();
        var fails = false;
        var filters = rule.Filters ?? [];
        for (var f = 0; f < filters.Count; f++)
        {
            var filter = filters[f];
            var field = string.Create(CultureInfo.InvariantCulture, $"{Rule(r)}.filters[{f}]");
            if (filter.Type == HTTPRouteFilterType.RequestHeaderModifier && filter.RequestHeaderModifier is { } requestHeaders)
            {
                AddHeaders(route.RequestHeadersToAdd, route.RequestHeadersToRemove, HeaderEdits.Of(requestHeaders), $"{field}.requestHeaderModifier", problems);
            }
            else if (filter.Type == HTTPRouteFilterType.ResponseHeaderModifier && filter.ResponseHeaderModifier is { } response)
            {
                AddHeaders(route.ResponseHeadersToAdd, route.ResponseHeadersToRemove, HeaderEdits.Of(response), $"{field}.responseHeaderModifier", problems);
            }
            else if (filter.Type == HTTPRouteFilterType.RequestRedirect && filter.RequestRedirect is { } redirectFilter)
            {
                if (ValueProblem(redirectFilter.Hostname, redirectFilter.Path) is { } problem)
                {
                    // Skipping the redirect would send the requests on instead; they get an error, as for a filter that cannot be honoured.
                    problems.Drop($"{field}.requestRedirect.{problem.Field}", problem.Problem, $"the rule answers {NoBackendStatus}");
                    fails = true;
                }

                redirect = Redirect(redirectFilter, request.ListenerPort);
            }
            else if (filter.Type == HTTPRouteFilterType.URLRewrite && filter.UrlRewrite is { } rewriteFilter)
            {
                if (ValueProblem(rewriteFilter.Hostname, rewriteFilter.Path) is { } problem)
                {
                    problems.Drop($"{field}.urlRewrite.{problem.Field}", problem.Problem, $"the rule answers {NoBackendStatus}");
                    fails = true;
                }

                rewrite = rewriteFilter;
            }
            else if (filter.Type == HTTPRouteFilterType.RequestMirror && filter.RequestMirror is { } mirror)
            {
                if (Mirror(request, mirror, context) is { } policy)
                {
                    mirrors.Add(policy);
                }
            }
            else if (filter.Type == HTTPRouteFilterType.ExtensionRef)
            {
                // Gateway API: a filter that cannot be resolved must not be skipped; its requests get an error instead.
                context.Warn(key, field, $"filter ExtensionRef {filter.ExtensionRef?.Group}/{filter.ExtensionRef?.Kind} {filter.ExtensionRef?.Name} is not supported; the rule answers {NoBackendStatus}");
                fails = true;
            }
            else
            {
                context.Warn(key, field, $"filter {filter.Type} is not supported and is left out");
            }
        }

        if (fails)
        {
            route.DirectResponse = new DirectResponseAction { Status = NoBackendStatus };
            return route;
        }

        if (redirect is not null)
        {
            route.Redirect = redirect;
            return route;
        }

        var clusters = Backends(request, rule, r, problems, context);
        if (clusters.Count == 0)
        {
            // kgateway: a route left without an action answers 500 (no backendRefs, or all weights zero).
            route.DirectResponse = new DirectResponseAction { Status = NoBackendStatus };
            return route;
        }

        var action = new RouteAction { ClusterNotFoundResponseCode = RouteAction.Types.ClusterNotFoundResponseCode.InternalServerError };
        if (clusters.Count == 1)
        {
            action.Cluster = clusters[0].Name;

            // A backend's own header filters apply to the route when it is the only backend.
            route.RequestHeadersToAdd.Add(clusters[0].RequestHeadersToAdd);
            route.RequestHeadersToRemove.Add(clusters[0].RequestHeadersToRemove);
            route.ResponseHeadersToAdd.Add(clusters[0].ResponseHeadersToAdd);
            route.ResponseHeadersToRemove.Add(clusters[0].ResponseHeadersToRemove);
        }
        else
        {
            action.WeightedClusters = new WeightedCluster();
            action.WeightedClusters.Clusters.Add(clusters);
        }

        if (rewrite is not null)
        {
            if (rewrite.Hostname is { } host)
            {
                action.HostRewriteLiteral = host;
            }

            if (rewrite.Path is { } path && path.Type == HTTPRoutePathType.ReplaceFullPath && path.ReplaceFullPath is { } full)
            {
                action.RegexRewrite = FullPathRewrite(full);
            }
        }

        action.RequestMirrorPolicies.Add(mirrors);
        ApplyTimeouts(rule.Timeouts, Rule(r) + ".timeouts", action, key, context);
        route.Route_ = action;
        return route;
    }

    /// <summary>A control character in the hostname or path a redirect or rewrite writes into a header (Envoy refuses them).</summary>
    private static (string Field, string Problem)? ValueProblem(string? hostname, HTTPRoutePath? path)
    {
        if (hostname is not null && EnvoyValues.HeaderValueProblem(hostname) is { } hostProblem)
        {
            return ("hostname", hostProblem);
        }

        if (path?.ReplaceFullPath is { } full && EnvoyValues.HeaderValueProblem(full) is { } fullProblem)
        {
            return ("path.replaceFullPath", fullProblem);
        }

        return path?.ReplacePrefixMatch is { } prefix && EnvoyValues.HeaderValueProblem(prefix) is { } prefixProblem
            ? ("path.replacePrefixMatch", prefixProblem)
            : null;
    }

    // ----- headers -----

    /// <summary>A header modifier's edits (request or response, on a rule or a backendRef: one generated type).</summary>
    private sealed record HeaderEdits(IReadOnlyList<(string Name, string Value)> Add, IReadOnlyList<(string Name, string Value)> Set, IReadOnlyList<string> Remove)
    {
        public static HeaderEdits Of(HTTPRouteHeaderModifier m)
            => new(FirstOfEachName((m.Add ?? []).Select(static h => (h.Name, h.Value))), FirstOfEachName((m.Set ?? []).Select(static h => (h.Name, h.Value))), m.Remove ?? []);

        private static List<(string Name, string Value)> FirstOfEachName(IEnumerable<(string Name, string Value)> headers)
            => [.. EquivalentHeaderNames.FirstOfEach(headers, static h => h.Name).Select(static h => h.Entry)];
    }

    /// <summary>
    /// kgateway's header modifier: <c>add</c> appends (APPEND_IF_EXISTS_OR_ADD), then <c>set</c> overwrites
    /// (OVERWRITE_IF_EXISTS_OR_ADD), and <c>remove</c> removes. A header whose name or value Envoy would refuse is
    /// dropped with a warning; the modifier's other headers stay.
    /// </summary>
    private static void AddHeaders(Google.Protobuf.Collections.RepeatedField<HeaderValueOption> toAdd, Google.Protobuf.Collections.RepeatedField<string> toRemove, HeaderEdits edits, string field, RouteProblems problems)
    {
        AddHeaders(toAdd, edits.Add, HeaderValueOption.Types.HeaderAppendAction.AppendIfExistsOrAdd, $"{field}.add", problems);
        AddHeaders(toAdd, edits.Set, HeaderValueOption.Types.HeaderAppendAction.OverwriteIfExistsOrAdd, $"{field}.set", problems);
        for (var i = 0; i < edits.Remove.Count; i++)
        {
            if (EnvoyValues.HeaderModificationProblem(edits.Remove[i]) is { } problem)
            {
                problems.Drop(string.Create(CultureInfo.InvariantCulture, $"{field}.remove[{i}]"), problem, "the header is dropped");
                continue;
            }

            toRemove.Add(edits.Remove[i]);
        }
    }

    private static void AddHeaders(Google.Protobuf.Collections.RepeatedField<HeaderValueOption> toAdd, IReadOnlyList<(string Name, string Value)> headers, HeaderValueOption.Types.HeaderAppendAction action, string field, RouteProblems problems)
    {
        for (var i = 0; i < headers.Count; i++)
        {
            var (name, value) = headers[i];
            if ((EnvoyValues.HeaderModificationProblem(name) ?? EnvoyValues.HeaderValueProblem(value)) is { } problem)
            {
                problems.Drop(string.Create(CultureInfo.InvariantCulture, $"{field}[{i}]"), problem, "the header is dropped");
                continue;
            }

            toAdd.Add(new HeaderValueOption { Header = new HeaderValue { Key = name, Value = value }, AppendAction = action });
        }
    }

    // ----- redirects and rewrites -----

    /// <summary>
    /// Envoy's redirect for <paramref name="filter"/>. On an ordinary Gateway's listener (<paramref name="listenerPort"/>
    /// given) a missing port is derived as Gateway API says (<see cref="GatewayRedirectPort"/>); elsewhere only a
    /// written port is set.
    /// </summary>
    private static RedirectAction Redirect(HTTPRouteFilterRequestRedirect filter, int? listenerPort)
    {
        var redirect = new RedirectAction
        {
            ResponseCode = filter.StatusCode switch
            {
                301 => RedirectAction.Types.RedirectResponseCode.MovedPermanently,
                303 => RedirectAction.Types.RedirectResponseCode.SeeOther,
                307 => RedirectAction.Types.RedirectResponseCode.TemporaryRedirect,
                308 => RedirectAction.Types.RedirectResponseCode.PermanentRedirect,
                _ => RedirectAction.Types.RedirectResponseCode.Found,
            },
        };
        if (filter.Scheme is { } scheme)
        {
            redirect.SchemeRedirect = scheme.Value;
        }

        if (filter.Hostname is { } host)
        {
            redirect.HostRedirect = host;
        }

        if (listenerPort is { } listener)
        {
            if (GatewayRedirectPort.For(filter, listener) is { } derived)
            {
                redirect.PortRedirect = derived;
            }
        }
        else if (filter.Port is { } port)
        {
            redirect.PortRedirect = (uint)port;
        }

        if (filter.Path is { } path && path.Type == HTTPRoutePathType.ReplaceFullPath && path.ReplaceFullPath is { } full)
        {
            redirect.PathRedirect = full;
        }

        return redirect;
    }

    private static void ApplyPrefixReplacement(HTTPRouteRuleMatch match, HTTPRouteRule rule, RouteAction action)
    {
        var replacement = (rule.Filters ?? [])
            .LastOrDefault(static f => f.Type == HTTPRouteFilterType.URLRewrite)?.UrlRewrite?.Path is { } path
            && path.Type == HTTPRoutePathType.ReplacePrefixMatch ? path.ReplacePrefixMatch : null;
        if (replacement is null)
        {
            return;
        }

        var (prefix, regex) = PrefixReplacement(match, replacement);
        if (regex is not null)
        {
            action.RegexRewrite = regex;
        }
        else if (prefix is not null)
        {
            action.PrefixRewrite = prefix;
        }
    }

    private static void ApplyPrefixReplacement(HTTPRouteRuleMatch match, HTTPRouteRule rule, RedirectAction redirect)
    {
        var replacement = (rule.Filters ?? [])
            .LastOrDefault(static f => f.Type == HTTPRouteFilterType.RequestRedirect)?.RequestRedirect?.Path is { } path
            && path.Type == HTTPRoutePathType.ReplacePrefixMatch ? path.ReplacePrefixMatch : null;
        if (replacement is null)
        {
            return;
        }

        var (prefix, regex) = PrefixReplacement(match, replacement);
        if (regex is not null)
        {
            redirect.RegexRewrite = regex;
        }
        else if (prefix is not null)
        {
            redirect.PrefixRewrite = prefix;
        }
    }

    /// <summary>
    /// Replaces the matched path prefix with <paramref name="replacement"/> on path-segment boundaries, as the Gateway API
    /// asks: after a prefix <c>/a</c>, <c>/b</c> rewrites <c>/a/x</c> to <c>/b/x</c> (Envoy's prefix rewrite), and <c>/</c>
    /// rewrites it to <c>/x</c> (a regex, since a plain prefix rewrite would leave <c>//x</c>); after the prefix <c>/</c>,
    /// <c>/b</c> rewrites <c>/x</c> to <c>/b/x</c>.
    /// </summary>
    private static (string? Prefix, RegexMatchAndSubstitute? Regex) PrefixReplacement(HTTPRouteRuleMatch match, string replacement)
    {
        var type = match.Path?.Type ?? HTTPRouteRuleMatchPathType.PathPrefix;
        if (type != HTTPRouteRuleMatchPathType.PathPrefix)
        {
            // The API allows ReplacePrefixMatch only after a PathPrefix match.
            return (replacement, null);
        }

        var matched = RouteMatchProblems.TrimOneSlash(match.Path?.Value ?? "/");
        var trimmed = replacement.TrimEnd('/');
        if (matched == "/")
        {
            return (trimmed + "/", null);
        }

        return trimmed.Length == 0
            ? (null, new RegexMatchAndSubstitute { Pattern = Regex("^" + QuoteMeta(matched) + "\\/*"), Substitution = "/" })
            : (trimmed, null);
    }

    /// <summary>The whole path is replaced: kgateway's regex rewrite of <c>.*</c>.</summary>
    private static RegexMatchAndSubstitute FullPathRewrite(string path) => new() { Pattern = Regex(".*"), Substitution = path };

    /// <summary>Go's <c>regexp.QuoteMeta</c>: escapes every RE2 metacharacter.</summary>
    private static string QuoteMeta(string text)
    {
        var quoted = new StringBuilder(text.Length * 2);
        foreach (var c in text)
        {
            if (@"\.+*?()|[]{}^$".Contains(c, StringComparison.Ordinal))
            {
                quoted.Append('\\');
            }

            quoted.Append(c);
        }

        return quoted.ToString();
    }

    // ----- backends -----

    /// <summary>
    /// The rule's backends as weighted clusters (weight 1 when unset, weight 0 left out). An unresolved backendRef keeps
    /// its weight on <see cref="BlackholeCluster"/> and makes the parent's ResolvedRefs false.
    /// </summary>
    private static List<WeightedCluster.Types.ClusterWeight> Backends(RouteRulesRequest request, HTTPRouteRule rule, int r, RouteProblems problems, TranslationContext context)
    {
        var clusters = new List<WeightedCluster.Types.ClusterWeight>();
        var backendRefs = rule.BackendRefs ?? [];
        long total = 0;
        for (var b = 0; b < backendRefs.Count; b++)
        {
            var backendRef = backendRefs[b];
            var weight = backendRef.Weight ?? 1;
            if (weight <= 0)
            {
                continue;
            }

            if (total + weight > uint.MaxValue)
            {
                // Envoy (and gRPC) refuse weighted clusters whose weights add up to more than 2^32-1.
                problems.Drop(string.Create(CultureInfo.InvariantCulture, $"{Rule(r)}.backendRefs[{b}].weight"), string.Create(CultureInfo.InvariantCulture, $"weight {weight} takes the rule's total past 4294967295 (2^32-1)"), "the backendRef is dropped");
                continue;
            }

            total += weight;

            var cluster = new WeightedCluster.Types.ClusterWeight
            {
                Name = Resolve(request, backendRef.Group, backendRef.Kind, backendRef.Namespace, backendRef.Name, backendRef.Port, context) ?? BlackholeCluster,
                Weight = (uint)weight,
            };
            var filters = backendRef.Filters ?? [];
            for (var f = 0; f < filters.Count; f++)
            {
                var filter = filters[f];
                var field = string.Create(CultureInfo.InvariantCulture, $"{Rule(r)}.backendRefs[{b}].filters[{f}]");
                if (filter.Type == HTTPRouteFilterType.RequestHeaderModifier && filter.RequestHeaderModifier is { } requestHeaders)
                {
                    AddHeaders(cluster.RequestHeadersToAdd, cluster.RequestHeadersToRemove, HeaderEdits.Of(requestHeaders), $"{field}.requestHeaderModifier", problems);
                }
                else if (filter.Type == HTTPRouteFilterType.ResponseHeaderModifier && filter.ResponseHeaderModifier is { } responseHeaders)
                {
                    AddHeaders(cluster.ResponseHeadersToAdd, cluster.ResponseHeadersToRemove, HeaderEdits.Of(responseHeaders), $"{field}.responseHeaderModifier", problems);
                }
                else
                {
                    context.Warn(request.Route.Key, field, $"backendRef filter {filter.Type} is not supported and is left out");
                }
            }

            // Several unresolved refs share the one blackhole entry, with their weights added up.
            if (cluster.Name == BlackholeCluster && clusters.FirstOrDefault(static c => c.Name == BlackholeCluster) is { } blackhole)
            {
                blackhole.Weight += cluster.Weight;
                continue;
            }

            clusters.Add(cluster);
        }

        return clusters;
    }

    /// <summary>The cluster of a backendRef, or null (the failure reported on the parent) when it does not resolve.</summary>
    private static string? Resolve(RouteRulesRequest request, string? group, string? kind, string? ns, string name, int? port, TranslationContext context)
    {
        var key = request.Route.Key;
        var resolution = context.Pipeline.Stage<IBackendRefRule>().ResolveBackendRef(new BackendRefRequest(key, key.Namespace, group, kind, ns, name, port), context)
            ?? BackendResolution.Failed("InvalidKind", $"unsupported backendRef kind {RouteIndex.CanonicalGroup(group)}/{kind ?? "Service"}");
        if (resolution.Backend is { } backend)
        {
            return backend.ClusterName;
        }

        RouteStatusCollector.For(context).Unresolved(key, request.Route.Parent, resolution.FailureReason ?? "BackendNotFound", resolution.FailureMessage ?? $"backendRef {name} did not resolve");
        return null;
    }

    private static RouteAction.Types.RequestMirrorPolicy? Mirror(RouteRulesRequest request, HTTPRouteFilterRequestMirror mirror, TranslationContext context)
    {
        var target = mirror.BackendRef;
        if (Resolve(request, target.Group, target.Kind, target.Namespace, target.Name, target.Port, context) is not { } cluster)
        {
            return null;
        }

        var policy = new RouteAction.Types.RequestMirrorPolicy { Cluster = cluster };
        if (mirror.Percent is { } percent)
        {
            policy.RuntimeFraction = new RuntimeFractionalPercent { DefaultValue = new FractionalPercent { Numerator = (uint)percent, Denominator = FractionalPercent.Types.DenominatorType.Hundred } };
        }
        else if (mirror.Fraction is { } fraction)
        {
            var denominator = fraction.Denominator is > 0 and var d ? d : 100;
            policy.RuntimeFraction = new RuntimeFractionalPercent
            {
                DefaultValue = new FractionalPercent
                {
                    Numerator = (uint)(fraction.Numerator * 1_000_000L / denominator),
                    Denominator = FractionalPercent.Types.DenominatorType.Million,
                },
            };
        }

        return policy;
    }

    // ----- timeouts -----

    /// <summary>
    /// <c>timeouts.request</c> bounds the whole request (the route timeout, <c>0s</c> disabling it);
    /// <c>timeouts.backendRequest</c> bounds each try (the retry policy's per-try timeout).
    /// </summary>
    private static void ApplyTimeouts(HTTPRouteRuleTimeouts? timeouts, string field, RouteAction action, ObjectKey route, TranslationContext context)
    {
        if (timeouts is null)
        {
            return;
        }

        if (timeouts.Request is { } request)
        {
            if (GatewayApiDuration.Parse(request) is { } duration)
            {
                action.Timeout = duration;
            }
            else
            {
                context.Warn(route, $"{field}.request", $"{field}.request '{request}' is not a Gateway API duration and is left out");
            }
        }

        if (timeouts.BackendRequest is { } backend)
        {
            if (GatewayApiDuration.Parse(backend) is { } duration)
            {
                action.RetryPolicy = new Envoy.Config.Route.V3.RetryPolicy { PerTryTimeout = duration };
            }
            else
            {
                context.Warn(route, $"{field}.backendRequest", $"{field}.backendRequest '{backend}' is not a Gateway API duration and is left out");
            }
        }
    }
}
