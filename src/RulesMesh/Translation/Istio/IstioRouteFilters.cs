using Envoy.Config.Core.V3;
using Envoy.Config.Route.V3;
using Envoy.Type.Matcher.V3;
using Envoy.Type.V3;
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
/// <c>/.*</c>, a prefix (its trailing <c>/</c> dropped, <c>/</c> when nothing is left) as <c>prefix_rewrite</c>;</item>
/// <item>each mirror: a request mirror policy to the mirror backend's cluster (as a backendRef's: <c>inbound-vip</c>
/// when owned, else <c>outbound</c>), not trace-sampled, for 100% of requests (<c>100/HUNDRED</c>) unless a percent or
/// fraction says otherwise (then per <c>MILLION</c>; 0% mirrors nothing).</item>
/// </list>
/// CORS, extension references and backendRef filters are reported and left out.
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

    /// <summary>Envoy's redirect for <paramref name="filter"/> on a chain of port <paramref name="port"/>.</summary>
    public static RedirectAction RedirectAction(HTTPRouteFilterRequestRedirect filter, int port)
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
                redirect.PrefixRewrite = path.ReplacePrefixMatch ?? string.Empty;
            }
        }

        return redirect;
    }

    /// <summary>The rule's URL rewrite on <paramref name="action"/>.</summary>
    public static void Rewrite(HTTPRouteRule rule, RouteAction action)
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
            var prefix = (path.ReplacePrefixMatch ?? string.Empty).TrimEnd('/');
            action.PrefixRewrite = prefix.Length == 0 ? "/" : prefix;
        }
    }

    /// <summary>The rule's header modifiers on <paramref name="route"/>; filters the istio profile leaves out are reported.</summary>
    public static void Headers(HTTPRouteRule rule, Route route, string subject, string field, TranslationContext context)
    {
        var filters = rule.Filters ?? [];
        for (var i = 0; i < filters.Count; i++)
        {
            var filter = filters[i];
            if (filter.Type == HTTPRouteFilterType.RequestHeaderModifier && filter.RequestHeaderModifier is { } request)
            {
                Modify(request, route.RequestHeadersToAdd, route.RequestHeadersToRemove);
            }
            else if (filter.Type == HTTPRouteFilterType.ResponseHeaderModifier && filter.ResponseHeaderModifier is { } response)
            {
                Modify(response, route.ResponseHeadersToAdd, route.ResponseHeadersToRemove);
            }
            else if (filter.Type != HTTPRouteFilterType.RequestRedirect && filter.Type != HTTPRouteFilterType.URLRewrite && filter.Type != HTTPRouteFilterType.RequestMirror)
            {
                context.Warn(subject, $"{field}.filters[{i}]: {filter.Type.Value} is not translated by the istio profile and is left out");
            }
        }

        foreach (var (backendRef, index) in (rule.BackendRefs ?? []).Select(static (b, i) => (b, i)))
        {
            if (backendRef.Filters is { Count: > 0 })
            {
                context.Warn(subject, $"{field}.backendRefs[{index}].filters are not translated by the istio profile and are left out");
            }
        }
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

    private static void Modify(HTTPRouteHeaderModifier modifier, Google.Protobuf.Collections.RepeatedField<HeaderValueOption> toAdd, Google.Protobuf.Collections.RepeatedField<string> toRemove)
    {
        toAdd.AddRange(Options(modifier.Set?.Select(static h => (h.Name, h.Value)), HeaderValueOption.Types.HeaderAppendAction.OverwriteIfExistsOrAdd));
        toAdd.AddRange(Options(modifier.Add?.Select(static h => (h.Name, h.Value)), HeaderValueOption.Types.HeaderAppendAction.AppendIfExistsOrAdd));
        toRemove.AddRange(modifier.Remove ?? []);
    }

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
