using k8s;
using k8s.Models;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;

namespace RulesMesh.Translation.Routes;

/// <summary>An HTTPRoute's rules as the API server stores them, and a GRPCRoute's as HTTPRoute rules.</summary>
internal static class HttpRouteRules
{
    /// <summary>
    /// <paramref name="route"/>'s rules, or, when it has none written, the CRD's default (docs/spec/istio-gatewayapi.md
    /// §3.3): one rule matching every path (<c>PathPrefix /</c>), which the API server fills in and manifests read from
    /// files lack. A new list each time: a rule may change what it is handed.
    /// </summary>
    public static List<HTTPRouteRule> Of(HTTPRoute route)
        => route.Spec.Rules ?? [new HTTPRouteRule { Matches = [new HTTPRouteRuleMatch { Path = new HTTPRouteRuleMatchPath { Type = HTTPRouteRuleMatchPathType.PathPrefix, Value = "/" } }] }];

    /// <summary><paramref name="route"/>'s rules as HTTPRoute rules, its gRPC service and method matched on the path.</summary>
    public static List<HTTPRouteRule> Of(GRPCRoute route) => (route.Spec.Rules ?? []).Select(KgatewayGrpcRouteRules.AsHttpRule).ToList();

    /// <summary>The HTTP rules of an HTTPRoute or GRPCRoute; null for any other route kind.</summary>
    public static List<HTTPRouteRule>? Of(IKubernetesObject<V1ObjectMeta> route) => route switch
    {
        HTTPRoute http => Of(http),
        GRPCRoute grpc => Of(grpc),
        _ => null,
    };
}
