using System.Globalization;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;

namespace RulesMesh.Translation.Routes;

/// <summary>
/// What Envoy would refuse in a route match (a regex that is not RE2, a header with a control character, a malformed
/// path): every profile drops such a match rather than send it (docs/spec/kgateway-waypoint.md §9.4).
/// </summary>
internal static class RouteMatchProblems
{
    /// <summary>What Envoy would refuse in <paramref name="match"/>: field paths (below the match) and problems.</summary>
    public static IEnumerable<(string Field, string Problem)> Of(HTTPRouteRuleMatch match, bool grpc)
    {
        if (match.Path is { } path && PathProblem(path) is { } pathProblem)
        {
            // A GRPCRoute's path is made from its method match.
            yield return (grpc ? "method" : "path.value", pathProblem);
        }

        // An entry whose name repeats an earlier one is ignored, so it refuses nothing.
        foreach (var (header, h) in EquivalentHeaderNames.FirstOfEach(match.Headers ?? [], static h => h.Name))
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"headers[{h}]");
            if (EnvoyValues.HeaderNameProblem(header.Name) is { } nameProblem)
            {
                yield return ($"{field}.name", nameProblem);
            }

            var valueProblem = header.Type == HTTPRouteType.RegularExpression ? EnvoyValues.RegexProblem(header.Value) : EnvoyValues.HeaderValueProblem(header.Value);
            if (valueProblem is not null && header.Value.Length > 0)
            {
                yield return ($"{field}.value", valueProblem);
            }
        }

        var queries = match.QueryParams ?? [];
        for (var q = 0; q < queries.Count; q++)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"queryParams[{q}]");
            if (queries[q].Name.Length == 0 || EnvoyValues.HeaderValueProblem(queries[q].Name) is not null)
            {
                yield return ($"{field}.name", $"query parameter name {EnvoyValues.Quote(queries[q].Name)} is empty or contains a control character");
            }

            if (queries[q].Type == HTTPRouteType.RegularExpression && queries[q].Value.Length > 0 && EnvoyValues.RegexProblem(queries[q].Value) is { } regexProblem)
            {
                yield return ($"{field}.value", regexProblem);
            }
        }
    }

    /// <summary>
    /// What Envoy would refuse in a path match: a regex that is not RE2; an exact path or prefix that does not start with
    /// <c>/</c> or holds a control character; a prefix with <c>?</c> or <c>#</c>, or that is only slashes beyond the first
    /// (Envoy's <c>path_separated_prefix</c> must match <c>^[^?#]+[^?#/]$</c>).
    /// </summary>
    private static string? PathProblem(HTTPRouteRuleMatchPath path)
    {
        var type = path.Type ?? HTTPRouteRuleMatchPathType.PathPrefix;
        var value = path.Value ?? "/";
        if (type == HTTPRouteRuleMatchPathType.RegularExpression)
        {
            return EnvoyValues.RegexProblem(value);
        }

        if (!value.StartsWith('/'))
        {
            return $"path {EnvoyValues.Quote(value)} does not start with '/'";
        }

        if (EnvoyValues.HeaderValueProblem(value) is not null)
        {
            return $"path {EnvoyValues.Quote(value)} contains a control character";
        }

        if (type == HTTPRouteRuleMatchPathType.PathPrefix && value != "/"
            && (value.Contains('?', StringComparison.Ordinal) || value.Contains('#', StringComparison.Ordinal) || TrimOneSlash(value).EndsWith('/')))
        {
            return $"path prefix {EnvoyValues.Quote(value)} contains '?' or '#' or ends in '//'";
        }

        return null;
    }

    /// <summary>A path prefix without one trailing slash (<c>/</c> itself stays), as a path-separated prefix is written.</summary>
    public static string TrimOneSlash(string path) => path.Length > 1 && path.EndsWith('/') ? path[..^1] : path;
}
