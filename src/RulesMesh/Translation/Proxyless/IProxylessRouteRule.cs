using RulesMesh.Rules;
using EnvoyRoute = Envoy.Config.Route.V3.Route;

namespace RulesMesh.Translation.Proxyless;

/// <summary>Proxyless stage: an Envoy route as gRPC's xDS client accepts it.</summary>
[StageContract(RuleStage.Routes)]
public interface IProxylessRouteRule
{
    /// <summary>The routes to send in its place (none when gRPC cannot express it), or null to leave it to the next rule.</summary>
    IReadOnlyList<EnvoyRoute>? ProxylessRoutes(ProxylessRouteRequest request, TranslationContext context);
}
