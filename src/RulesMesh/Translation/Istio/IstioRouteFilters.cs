using System.Globalization;
using Envoy.Config.Core.V3;
using Envoy.Config.Route.V3;
using Envoy.Type.Matcher.V3;
using Envoy.Type.V3;
using Google.Protobuf.Collections;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;

namespace RulesMesh.Translation.Istio;

/// <summary>
/// An HTTPRoute (or GRPCRoute) rule's filters on a waypoint route, as istiod carries them through the VirtualService it
/// generates (Istio's <c>conversion.go</c> then <c>route.go</c>):
/// <list type="bullet">
/// <item>header modifiers: <c>set</c> entries become <c>OVERWRITE_IF_EXISTS_OR_ADD</c>, then <c>add</c> entries
/// <c>APPEND_IF_EXISTS_OR_ADD</c>, each group sorted by name, names lower-cased and a repeated name kept once (the first);
/// <c>remove</c> as written;</item>
/// <item>a redirect replaces the route action: scheme, host, the port (the written one; without one and without a
/// scheme, the chain's port; with a scheme only, none), the full path or the prefix, and the status code (302 when
/// unset);</item>
/// <item>a URL rewrite: the hostname as <c>host_rewrite_literal</c>, a full path as <c>regex_rewrite</c> of
/// <c>/.*</c>, a prefix (its trailing <c>/</c> dropped; under the catch-all prefix <c>/</c> followed by one) as
/// <c>prefix_rewrite</c> — except that a rewrite of a path prefix other than <c>/</c> to <c>/</c> is a
/// <c>regex_rewrite</c> of <c>^&lt;prefix&gt;/*</c> to <c>/</c>, so that <c>/foo/bar</c> becomes <c>/bar</c>, not
/// <c>//bar</c>; a redirect's prefix the same way;</item>
/// <item>each mirror: a request mirror policy to the mirror backend's cluster (as a backendRef's: <c>inbound-vip</c>
/// when owned, else <c>outbound</c>), not trace-sampled, for 100% of requests (<c>100/HUNDRED</c>) unless a percent or
/// fraction says otherwise (then per <c>MILLION</c>; 0% mirrors nothing);</item>
/// <item>a backendRef's header modifiers: on its weighted cluster, or, when the route sends to one cluster, appended to
/// the route's own (Istio's <c>processWeightedDestination</c> / <c>processDestination</c>).</item>
/// </list>
/// CORS is <see cref="IstioRouteCors"/>. Istio supports no other filter (an <c>ExtensionRef</c>, or a backendRef filter
/// other than a header modifier): its conversion fails with <c>InvalidFilter</c> and the whole route adds nothing
/// (<see cref="Unsupported"/>).
/// </summary>
/// <remarks>
/// docs/spec/istio-waypoint-output.md does not restate filters: this follows Istio's <c>conversion.go</c> and
/// <c>route.go</c> as understood, without the source at hand to check it, and no istiod was run.
/// </remarks>
internal static class IstioRouteFilters
{
    /// <summary>The redirect filter of <paramref name="rule"/>, or null.</summary>
    public static HTTPRouteFilterRequestRedirect? Redirect(HTTPRouteRule rule)
        => rule.Filters?.LastOrDefault(static f => f.Type == HTTPRouteFilterType.RequestRedirect)?.RequestRedirect;

    /// <summary>Envoy's redirect for <paramref name="filter"/> on a route matching <paramref name="match"/>, on a chain of port <paramref name="port"/>.</summary>
    public static RedirectAction RedirectAction(HTTPRouteFilterRequestRedirect filter, RouteMatch match, int port)
    {
        var redirect = new RedirectAction
        {
            ResponseCode = (filter.StatusCode ?? 302) switch
            {
                301 => Envoy.Config.Route.V3.RedirectAction.Types.RedirectResponseCode.MovedPermanently,
                303 => Envoy.Config.Route.V3.RedirectAction.Types.RedirectResponseCode.SeeOther,
                307 => Envoy.Config.Route.V3.RedirectAction.Types.RedirectResponseCode.TemporaryRedirect,
                308 => Envoy.Config.Route.V3.RedirectAction.Types.RedirectResponseCode.PermanentRedirect,
                _ => Envoy.Config.Route.V3.RedirectAction.Types.RedirectResponseCode.Found,
            },
        };
        if (filter.Scheme is { } scheme)
        {
            redirect.SchemeRedirect = scheme.Value;
        }

        if (!string.IsNullOrEmpty(filter.Hostname))
        {
            redirect.HostRedirect = filter.Hostname;
        }

        if (filter.Port is { } written)
        {
            redirect.PortRedirect = (uint)written;
        }
        else if (filter.Scheme is null)
        {
            // "When empty, the port of the request is used": Envoy cannot derive it, and the chain serves one port.
            redirect.PortRedirect = (uint)port;
        }

        if (filter.Path is { } path)
        {
            if (path.Type == HTTPRoutePathType.ReplaceFullPath)
            {
                redirect.PathRedirect = path.ReplaceFullPath ?? string.Empty;
            }
            else if (path.Type == HTTPRoutePathType.ReplacePrefixMatch)
            {
                var (prefix, regex) = PrefixReplacement(path.ReplacePrefixMatch, match);
                if (regex is not null)
                {
                    redirect.RegexRewrite = regex;
                }
                else
                {
                    redirect.PrefixRewrite = prefix;
                }
            }
        }

        return redirect;
    }

    /// <summary>The rule's URL rewrite on <paramref name="action"/> of a route matching <paramref name="match"/>.</summary>
    public static void Rewrite(HTTPRouteRule rule, RouteMatch match, RouteAction action)
    {
        if (rule.Filters?.LastOrDefault(static f => f.Type == HTTPRouteFilterType.URLRewrite)?.UrlRewrite is not { } rewrite)
        {
            return;
        }

        if (!string.IsNullOrEmpty(rewrite.Hostname))
        {
            action.HostRewriteLiteral = rewrite.Hostname;
        }

        if (rewrite.Path is not { } path)
        {
            return;
        }

        if (path.Type == HTTPRoutePathType.ReplaceFullPath)
        {
            action.RegexRewrite = new RegexMatchAndSubstitute { Pattern = new RegexMatcher { Regex = "/.*" }, Substitution = path.ReplaceFullPath ?? string.Empty };
        }
        else if (path.Type == HTTPRoutePathType.ReplacePrefixMatch)
        {
            var (prefix, regex) = PrefixReplacement(path.ReplacePrefixMatch, match);
            if (regex is not null)
            {
                action.RegexRewrite = regex;
            }
            else
            {
                action.PrefixRewrite = prefix;
            }
        }
    }

    /// <summary>
    /// A ReplacePrefixMatch of a route matching <paramref name="match"/>, as Envoy must write it: a trailing <c>/</c> of
    /// the replacement is ignored (Gateway API), so <c>/foo/bar</c> under prefix <c>/foo</c> becomes <c>/xyz/bar</c>,
    /// never <c>/xyz//bar</c>. A replacement by <c>/</c> of a prefix other than <c>/</c> is a regex rewrite of
    /// <c>^&lt;prefix&gt;/*</c> to <c>/</c> (a prefix rewrite would give <c>//bar</c>; istiod does the same, route.go as
    /// understood); under the prefix <c>/</c>, which Envoy matches as a plain prefix, the replacement keeps its
    /// <c>/</c> (<c>/foo</c> becomes <c>/xyz/foo</c>, not <c>/xyzfoo</c>).
    /// </summary>
    private static (string Prefix, RegexMatchAndSubstitute? Regex) PrefixReplacement(string? replacement, RouteMatch match)
    {
        var prefix = (replacement ?? string.Empty).TrimEnd('/');
        if (prefix.Length == 0 && match.PathSpecifierCase == RouteMatch.PathSpecifierOneofCase.PathSeparatedPrefix)
        {
            return (string.Empty, new RegexMatchAndSubstitute
            {
                Pattern = new RegexMatcher { Regex = "^" + IstioRegex.QuoteMeta(match.PathSeparatedPrefix) + "/*" },
                Substitution = "/",
            });
        }

        return (prefix.Length == 0 || (match.PathSpecifierCase == RouteMatch.PathSpecifierOneofCase.Prefix && match.Prefix == "/") ? prefix + "/" : prefix, null);
    }

    /// <summary>The rule's header modifiers on <paramref name="route"/>.</summary>
    public static void Headers(HTTPRouteRule rule, Route route)
    {
        foreach (var filter in rule.Filters ?? [])
        {
            Headers(filter, route.RequestHeadersToAdd, route.RequestHeadersToRemove, route.ResponseHeadersToAdd, route.ResponseHeadersToRemove);
        }
    }

    /// <summary>A backendRef's header modifiers on its weighted cluster.</summary>
    public static void Headers(HTTPRouteRuleBackendRef backendRef, WeightedCluster.Types.ClusterWeight cluster)
    {
        foreach (var filter in backendRef.Filters ?? [])
        {
            Headers(filter, cluster.RequestHeadersToAdd, cluster.RequestHeadersToRemove, cluster.ResponseHeadersToAdd, cluster.ResponseHeadersToRemove);
        }
    }

    /// <summary>
    /// The first filter of <paramref name="rules"/> Istio does not support, as a field path and its type: an
    /// <c>ExtensionRef</c> on a rule, or any backendRef filter but a header modifier. Null when there is none.
    /// </summary>
    public static (string Field, string Type)? Unsupported(IReadOnlyList<HTTPRouteRule> rules)
    {
        for (var r = 0; r < rules.Count; r++)
        {
            var rule = $"spec.rules[{r.ToString(CultureInfo.InvariantCulture)}]";
            var filters = rules[r].Filters ?? [];
            for (var f = 0; f < filters.Count; f++)
            {
                if (filters[f].Type == HTTPRouteFilterType.ExtensionRef)
                {
                    return ($"{rule}.filters[{f.ToString(CultureInfo.InvariantCulture)}]", filters[f].Type.Value);
                }
            }

            var backendRefs = rules[r].BackendRefs ?? [];
            for (var b = 0; b < backendRefs.Count; b++)
            {
                var backendFilters = backendRefs[b].Filters ?? [];
                for (var f = 0; f < backendFilters.Count; f++)
                {
                    var type = backendFilters[f].Type;
                    if (type != HTTPRouteFilterType.RequestHeaderModifier && type != HTTPRouteFilterType.ResponseHeaderModifier)
                    {
                        return ($"{rule}.backendRefs[{b.ToString(CultureInfo.InvariantCulture)}].filters[{f.ToString(CultureInfo.InvariantCulture)}]", type.Value);
                    }
                }
            }
        }

        return null;
    }

    /// <summary>The rule's mirror filters, in order.</summary>
    public static IEnumerable<HTTPRouteFilterRequestMirror> Mirrors(HTTPRouteRule rule)
        => (rule.Filters ?? []).Where(static f => f.Type == HTTPRouteFilterType.RequestMirror).Select(static f => f.RequestMirror).OfType<HTTPRouteFilterRequestMirror>();

    /// <summary>The mirror policy of <paramref name="mirror"/> to <paramref name="cluster"/>; null when it mirrors 0%.</summary>
    public static RouteAction.Types.RequestMirrorPolicy? MirrorPolicy(HTTPRouteFilterRequestMirror mirror, string cluster)
    {
        FractionalPercent share;
        if (mirror.Percent is null && mirror.Fraction is null)
        {
            share = new FractionalPercent { Numerator = 100, Denominator = FractionalPercent.Types.DenominatorType.Hundred };
        }
        else
        {
            var percent = mirror.Percent is { } written ? written : 100.0 * mirror.Fraction!.Numerator / (mirror.Fraction.Denominator ?? 100);
            if (percent <= 0)
            {
                return null;
            }

            share = new FractionalPercent { Numerator = (uint)Math.Round(percent * 10000), Denominator = FractionalPercent.Types.DenominatorType.Million };
        }

        return new RouteAction.Types.RequestMirrorPolicy
        {
            Cluster = cluster,
            RuntimeFraction = new RuntimeFractionalPercent { DefaultValue = share },
            TraceSampled = false,
        };
    }

    private static void Headers(HTTPRouteFilter filter, RepeatedField<HeaderValueOption> requestToAdd, RepeatedField<string> requestToRemove, RepeatedField<HeaderValueOption> responseToAdd, RepeatedField<string> responseToRemove)
    {
        if (filter.Type == HTTPRouteFilterType.RequestHeaderModifier && filter.RequestHeaderModifier is { } request)
        {
            Modify(request, requestToAdd, requestToRemove);
        }
        else if (filter.Type == HTTPRouteFilterType.ResponseHeaderModifier && filter.ResponseHeaderModifier is { } response)
        {
            Modify(response, responseToAdd, responseToRemove);
        }
    }

    // Headers Envoy would refuse are left out here and reported by ValueProblems.
    private static void Modify(HTTPRouteHeaderModifier modifier, RepeatedField<HeaderValueOption> toAdd, RepeatedField<string> toRemove)
    {
        toAdd.AddRange(Options(modifier.Set?.Where(static h => HeaderProblem(h.Name, h.Value) is null).Select(static h => (h.Name, h.Value)), HeaderValueOption.Types.HeaderAppendAction.OverwriteIfExistsOrAdd));
        toAdd.AddRange(Options(modifier.Add?.Where(static h => HeaderProblem(h.Name, h.Value) is null).Select(static h => (h.Name, h.Value)), HeaderValueOption.Types.HeaderAppendAction.AppendIfExistsOrAdd));
        toRemove.AddRange((modifier.Remove ?? []).Where(static name => EnvoyValues.HeaderModificationProblem(name) is null));
    }

    private static string? HeaderProblem(string name, string value) => EnvoyValues.HeaderModificationProblem(name) ?? EnvoyValues.HeaderValueProblem(value);

    /// <summary>
    /// What in rule <paramref name="index"/>'s filters Envoy would refuse, as field paths and problems: a header a
    /// modifier (of the rule or of a backendRef) adds, sets or removes (<see cref="Headers(HTTPRouteRule, Route)"/> leaves
    /// it out: <c>WholeRule</c> false), or a control character in a redirect's or rewrite's hostname or path
    /// (the rule cannot be honoured: <c>WholeRule</c> true).
    /// </summary>
    public static IEnumerable<(string Field, string Problem, bool WholeRule)> ValueProblems(HTTPRouteRule rule, int index)
    {
        var prefix = $"spec.rules[{index.ToString(CultureInfo.InvariantCulture)}]";
        var filters = rule.Filters ?? [];
        for (var f = 0; f < filters.Count; f++)
        {
            var field = $"{prefix}.filters[{f.ToString(CultureInfo.InvariantCulture)}]";
            foreach (var problem in HeaderProblems(filters[f], field))
            {
                yield return (problem.Field, problem.Problem, false);
            }

            if (filters[f].RequestRedirect is { } redirect && PathProblem(redirect.Hostname, redirect.Path) is var (redirectField, redirectProblem))
            {
                yield return ($"{field}.requestRedirect.{redirectField}", redirectProblem, true);
            }

            if (filters[f].UrlRewrite is { } rewrite && PathProblem(rewrite.Hostname, rewrite.Path) is var (rewriteField, rewriteProblem))
            {
                yield return ($"{field}.urlRewrite.{rewriteField}", rewriteProblem, true);
            }
        }

        var backendRefs = rule.BackendRefs ?? [];
        for (var b = 0; b < backendRefs.Count; b++)
        {
            var backendFilters = backendRefs[b].Filters ?? [];
            for (var f = 0; f < backendFilters.Count; f++)
            {
                foreach (var problem in HeaderProblems(backendFilters[f], $"{prefix}.backendRefs[{b.ToString(CultureInfo.InvariantCulture)}].filters[{f.ToString(CultureInfo.InvariantCulture)}]"))
                {
                    yield return (problem.Field, problem.Problem, false);
                }
            }
        }
    }

    private static IEnumerable<(string Field, string Problem)> HeaderProblems(HTTPRouteFilter filter, string field)
    {
        var (modifier, name) = filter.Type == HTTPRouteFilterType.RequestHeaderModifier ? (filter.RequestHeaderModifier, "requestHeaderModifier")
            : filter.Type == HTTPRouteFilterType.ResponseHeaderModifier ? (filter.ResponseHeaderModifier, "responseHeaderModifier")
            : (null, string.Empty);
        if (modifier is null)
        {
            yield break;
        }

        var lists = new (string List, IReadOnlyList<(string Name, string Value)> Headers)[]
        {
            ("set", (modifier.Set ?? []).Select(static h => (h.Name, h.Value)).ToList()),
            ("add", (modifier.Add ?? []).Select(static h => (h.Name, h.Value)).ToList()),
        };
        foreach (var (list, headers) in lists)
        {
            for (var i = 0; i < headers.Count; i++)
            {
                if (HeaderProblem(headers[i].Name, headers[i].Value) is { } problem)
                {
                    yield return ($"{field}.{name}.{list}[{i.ToString(CultureInfo.InvariantCulture)}]", problem);
                }
            }
        }

        var remove = modifier.Remove ?? [];
        for (var i = 0; i < remove.Count; i++)
        {
            if (EnvoyValues.HeaderModificationProblem(remove[i]) is { } problem)
            {
                yield return ($"{field}.{name}.remove[{i.ToString(CultureInfo.InvariantCulture)}]", problem);
            }
        }
    }

    private static (string Field, string Problem)? PathProblem(string? hostname, HTTPRoutePath? path)
        => hostname is not null && EnvoyValues.HeaderValueProblem(hostname) is { } hostProblem ? ("hostname", hostProblem)
            : path?.ReplaceFullPath is { } full && EnvoyValues.HeaderValueProblem(full) is { } fullProblem ? ("path.replaceFullPath", fullProblem)
            : path?.ReplacePrefixMatch is { } prefix && EnvoyValues.HeaderValueProblem(prefix) is { } prefixProblem ? ("path.replacePrefixMatch", prefixProblem)
            : null;

    /// <summary>Istio's <c>headerListToMap</c> then <c>translateAppendHeaders</c>: lower-cased, first of a name kept, sorted by name.</summary>
    private static IEnumerable<HeaderValueOption> Options(IEnumerable<(string Name, string Value)>? headers, HeaderValueOption.Types.HeaderAppendAction action)
    {
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in headers ?? [])
        {
            byName.TryAdd(name.ToLowerInvariant(), value);
        }

        return byName
            .OrderBy(static h => h.Key, StringComparer.Ordinal)
            .Select(h => new HeaderValueOption { Header = new HeaderValue { Key = h.Key, Value = h.Value }, AppendAction = action });
    }
}
