using Envoy.Config.Route.V3;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using RulesMesh.Rules;

namespace RulesMesh.Translation.Routes;

/// <summary>
/// kgateway's HTTPRoute translation (<c>TranslateGatewayHTTPRouteRules</c> and the built-in plugin): one Envoy route
/// per rule and match (a rule without matches matches PathPrefix <c>/</c>). Paths: Exact → <c>path</c>, PathPrefix →
/// <c>prefix: /</c> or <c>pathSeparatedPrefix</c>, RegularExpression → <c>safeRegex</c>; headers and query parameters
/// as exact or regex string matches, the method as a <c>:method</c> header. Filters: header modifiers (add appends, set
/// overwrites, remove), RequestRedirect, URLRewrite, RequestMirror. Backends: one → <c>cluster</c>, several →
/// <c>weightedClusters</c>, each action with <c>clusterNotFoundResponseCode: INTERNAL_SERVER_ERROR</c>; an unresolved
/// backendRef goes to the absent <c>blackhole_cluster</c> (so a 500) and makes the parent's ResolvedRefs false; no
/// backend at all answers 500. <c>timeouts.request</c> → route timeout, <c>timeouts.backendRequest</c> → per-try timeout.
/// </summary>
[Rule("kgateway.routes.httproute-rules", Order = 340,
    Description = "Each HTTPRoute rule and match becomes an Envoy route: path, header, query and method matches, header modifiers, redirects, rewrites, mirrors, timeouts, and its backendRefs as a cluster or weighted clusters.")]
public sealed class KgatewayHttpRouteRules : IRouteRulesRule
{
    /// <inheritdoc />
    public IReadOnlyList<Route>? RouteRules(RouteRulesRequest request, TranslationContext context)
        => request.Route.Route is HTTPRoute route
            ? KgatewayRouteTranslator.Translate(request, HttpRouteRules.Of(route), context)
            : null;
}
