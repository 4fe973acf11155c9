using RulesMesh.Models.GatewayNetworkingK8sIo.V1;

namespace RulesMesh.Translation.Routes;

/// <summary>An HTTPRoute's rules as the API server stores them.</summary>
internal static class HttpRouteRules
{
    /// <summary>
    /// <paramref name="route"/>'s rules, or, when it has none written, the CRD's default (docs/spec/istio-gatewayapi.md
    /// §3.3): one rule matching every path (<c>PathPrefix /</c>), which the API server fills in and manifests read from
    /// files lack. A new list each time: a rule may change what it is handed.
    /// </summary>
    public static List<HTTPRouteRule> Of(HTTPRoute route)
        => route.Spec.Rules ?? [new HTTPRouteRule { Matches = [new HTTPRouteRuleMatch { Path = new HTTPRouteRuleMatchPath { Type = HTTPRouteRuleMatchPathType.PathPrefix, Value = "/" } }] }];
}
