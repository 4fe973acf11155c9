using Envoy.Config.Route.V3;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using RulesMesh.Rules;
using RulesMesh.ServiceModel;

namespace RulesMesh.Translation.Routes;

/// <summary>
/// kgateway converts a GRPCRoute to its HTTP route form and translates it like an HTTPRoute (spec §2.4). A method match
/// becomes a path match on <c>/&lt;service&gt;/&lt;method&gt;</c> as the Gateway API defines it: Exact with service and
/// method → that exact path; service only → the prefix <c>/&lt;service&gt;/</c>; method only → the regex
/// <c>/[^/]+/&lt;method&gt;</c>; RegularExpression → <c>/&lt;service&gt;/&lt;method&gt;</c> with <c>[^/]+</c> for a missing
/// part. Header matches, filters and backendRefs carry over unchanged; route names say <c>grpcroute</c>.
/// </summary>
[Rule("kgateway.routes.grpcroute-rules", Order = 350,
    Description = "Each GRPCRoute rule and match becomes an Envoy route like an HTTPRoute's, its gRPC service and method matched on the request path.")]
public sealed class KgatewayGrpcRouteRules : IRouteRulesRule
{
    /// <inheritdoc />
    public IReadOnlyList<Route>? RouteRules(RouteRulesRequest request, TranslationContext context)
        => request.Route.Route is GRPCRoute route
            ? KgatewayRouteTranslator.Translate(request, (route.Spec.Rules ?? []).Select(AsHttpRule).ToList(), context)
            : null;

    /// <summary><paramref name="rule"/> as an HTTPRoute rule.</summary>
    internal static HTTPRouteRules AsHttpRule(GRPCRouteRules rule) => new()
    {
        Name = rule.Name,
        Matches = rule.Matches?.Select(AsHttpMatch).ToList(),
        Filters = rule.Filters is null ? null : SameSchemaModel.Convert<List<HTTPRouteRulesFilters>>(rule.Filters),
        BackendRefs = rule.BackendRefs is null ? null : SameSchemaModel.Convert<List<HTTPRouteRulesBackendRefs>>(rule.BackendRefs),
    };

    private static HTTPRouteRulesMatches AsHttpMatch(GRPCRouteRulesMatches match) => new()
    {
        Path = match.Method is { } method ? AsPath(method) : null,
        Headers = match.Headers is null ? null : SameSchemaModel.Convert<List<HTTPRouteRulesMatchesHeaders>>(match.Headers),
    };

    private static HTTPRouteRulesMatchesPath? AsPath(GRPCRouteRulesMatchesMethod method)
    {
        var (service, name) = (method.Service is { Length: > 0 } s ? s : null, method.Method is { Length: > 0 } m ? m : null);
        if (method.Type == GRPCRouteRulesMatchesMethodType.RegularExpression)
        {
            return Path(HTTPRouteRulesMatchesPathType.RegularExpression, $"/{service ?? "[^/]+"}/{name ?? "[^/]+"}");
        }

        return (service, name) switch
        {
            ({ }, { }) => Path(HTTPRouteRulesMatchesPathType.Exact, $"/{service}/{name}"),
            ({ }, null) => Path(HTTPRouteRulesMatchesPathType.PathPrefix, $"/{service}/"),
            (null, { }) => Path(HTTPRouteRulesMatchesPathType.RegularExpression, $"/[^/]+/{name}"),
            _ => null,
        };
    }

    private static HTTPRouteRulesMatchesPath Path(HTTPRouteRulesMatchesPathType type, string value) => new() { Type = type, Value = value };
}
