using Envoy.Config.Route.V3;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using RulesMesh.Rules;

namespace RulesMesh.Translation.Routes;

/// <summary>
/// kgateway converts a GRPCRoute to its HTTP route form and translates it like an HTTPRoute (docs/spec/kgateway-waypoint.md §2.4). A method match
/// becomes a path match on <c>/&lt;service&gt;/&lt;method&gt;</c> as the Gateway API defines it: Exact with service and
/// method → that exact path; service only → the prefix <c>/&lt;service&gt;/</c>; method only → the regex
/// <c>/[^/]+/&lt;method&gt;</c>; RegularExpression → <c>/&lt;service&gt;/&lt;method&gt;</c> with <c>[^/]+</c> for a missing
/// part. Header matches, filters and backendRefs carry over unchanged; route names say <c>grpcroute</c>.
/// </summary>
[Rule("kgateway.routes.grpcroute-rules", Order = 350,
    Description = "Each GRPCRoute rule and match becomes an Envoy route like an HTTPRoute's, its gRPC service and method matched on the request path.")]
public sealed class KgatewayGrpcRouteRules : IRouteRulesRule
{
    /// <summary>The regular expression standing for a service or method the match leaves open.</summary>
    private const string AnyPart = "[^/]+";

    /// <inheritdoc />
    public IReadOnlyList<Route>? RouteRules(RouteRulesRequest request, TranslationContext context)
        => request.Route.Route is GRPCRoute route
            ? KgatewayRouteTranslator.Translate(request, HttpRouteRules.Of(route), context)
            : null;

    /// <summary><paramref name="rule"/> as an HTTPRoute rule.</summary>
    internal static HTTPRouteRule AsHttpRule(GRPCRouteRule rule) => new()
    {
        Name = rule.Name,
        Matches = rule.Matches?.Select(AsHttpMatch).ToList(),
        Filters = rule.Filters?.ConvertAll(AsHttpFilter),
        BackendRefs = rule.BackendRefs?.ConvertAll(AsHttpBackendRef),
    };

    private static HTTPRouteRuleMatch AsHttpMatch(GRPCRouteRuleMatch match) => new()
    {
        Path = match.Method is { } method ? AsPath(method) : null,
        Headers = match.Headers?.ConvertAll(static header => new HTTPRouteRuleMatchHeader
        {
            Type = header.Type is { } type ? HTTPRouteType.FromWire(type.Value) : null,
            Name = header.Name,
            Value = header.Value,
        }),
    };

    // A GRPCRoute filter is an HTTPRoute filter with fewer types: the fields it has carry over one for one.
    private static HTTPRouteFilter AsHttpFilter(GRPCRouteFilter filter) => new()
    {
        Type = HTTPRouteFilterType.FromWire(filter.Type.Value),
        RequestHeaderModifier = filter.RequestHeaderModifier is { } request ? AsHttpHeaderModifier(request) : null,
        ResponseHeaderModifier = filter.ResponseHeaderModifier is { } response ? AsHttpHeaderModifier(response) : null,
        RequestMirror = filter.RequestMirror is { } mirror
            ? new HTTPRouteFilterRequestMirror
            {
                BackendRef = new()
                {
                    Group = mirror.BackendRef.Group,
                    Kind = mirror.BackendRef.Kind,
                    Name = mirror.BackendRef.Name,
                    Namespace = mirror.BackendRef.Namespace,
                    Port = mirror.BackendRef.Port,
                },
                Percent = mirror.Percent,
                Fraction = mirror.Fraction is { } fraction ? new() { Numerator = fraction.Numerator, Denominator = fraction.Denominator } : null,
            }
            : null,
        ExtensionRef = filter.ExtensionRef is { } extension ? new() { Group = extension.Group, Kind = extension.Kind, Name = extension.Name } : null,
    };

    private static HTTPRouteHeaderModifier AsHttpHeaderModifier(GRPCRouteHeaderModifier modifier) => new()
    {
        Set = modifier.Set?.ConvertAll(static header => new HTTPRouteHeaderModifierSet { Name = header.Name, Value = header.Value }),
        Add = modifier.Add?.ConvertAll(static header => new HTTPRouteHeaderModifierAdd { Name = header.Name, Value = header.Value }),
        Remove = modifier.Remove,
    };

    private static HTTPRouteRuleBackendRef AsHttpBackendRef(GRPCRouteRuleBackendRef backendRef) => new()
    {
        Group = backendRef.Group,
        Kind = backendRef.Kind,
        Name = backendRef.Name,
        Namespace = backendRef.Namespace,
        Port = backendRef.Port,
        Weight = backendRef.Weight,
        Filters = backendRef.Filters?.ConvertAll(AsHttpFilter),
    };

    private static HTTPRouteRuleMatchPath? AsPath(GRPCRouteRuleMatchMethod method)
    {
        var (service, name) = (method.Service is { Length: > 0 } s ? s : null, method.Method is { Length: > 0 } m ? m : null);
        if (method.Type == GRPCRouteType.RegularExpression)
        {
            return Path(HTTPRouteRuleMatchPathType.RegularExpression, $"/{service ?? AnyPart}/{name ?? AnyPart}");
        }

        return (service, name) switch
        {
            ({ }, { }) => Path(HTTPRouteRuleMatchPathType.Exact, $"/{service}/{name}"),
            ({ }, null) => Path(HTTPRouteRuleMatchPathType.PathPrefix, $"/{service}/"),
            (null, { }) => Path(HTTPRouteRuleMatchPathType.RegularExpression, $"/{AnyPart}/{name}"),
            _ => null,
        };
    }

    private static HTTPRouteRuleMatchPath Path(HTTPRouteRuleMatchPathType type, string value) => new() { Type = type, Value = value };

    /// <summary>
    /// The number of characters of the gRPC service and of the method that an Envoy route's path match, as
    /// <see cref="AsPath"/> writes it, matches (0 for a part left open), for GRPCRoute rule precedence. A regular
    /// expression pair is split at its first '/', as written, since neither part is known to hold none.
    /// </summary>
    internal static (int Service, int Method) ServiceAndMethodLengths(RouteMatch? match)
    {
        var (service, method) = match?.PathSpecifierCase switch
        {
            RouteMatch.PathSpecifierOneofCase.Path => Split(match.Path),
            RouteMatch.PathSpecifierOneofCase.SafeRegex => Split(match.SafeRegex.Regex),
            RouteMatch.PathSpecifierOneofCase.PathSeparatedPrefix => (match.PathSeparatedPrefix.Trim('/'), string.Empty),
            RouteMatch.PathSpecifierOneofCase.Prefix => (match.Prefix.Trim('/'), string.Empty),
            _ => (string.Empty, string.Empty),
        };
        return (Length(service), Length(method));

        static (string Service, string Method) Split(string path)
            => path.TrimStart('/').Split('/', 2) is [var service, var method] ? (service, method) : (path.TrimStart('/'), string.Empty);

        static int Length(string part) => part == AnyPart ? 0 : part.Length;
    }
}
