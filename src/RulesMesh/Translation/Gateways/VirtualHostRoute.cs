using Envoy.Config.Route.V3;
using RulesMesh.Translation.Routes;

namespace RulesMesh.Translation.Gateways;

/// <summary>One Envoy route of an ordinary Gateway's virtual host, with what Gateway API precedence compares.</summary>
/// <param name="Route">The Envoy route.</param>
/// <param name="Index">
/// Its position as translated: routes oldest first, then by namespace and name, then rule and match order (the
/// CRDs' tie-breakers, in that order).
/// </param>
/// <param name="Hostname">
/// The hostname of its HTTPRoute or GRPCRoute that matches the virtual host's (the listener's for a route without
/// hostnames), or null when neither names one.
/// </param>
/// <param name="Grpc">Whether it comes from a GRPCRoute.</param>
internal sealed record VirtualHostRoute(Route Route, int Index, string? Hostname, bool Grpc)
{
    /// <summary>
    /// Gateway API precedence, first before last. Both route CRDs first give precedence to the route with the most
    /// characters in a matching non-wildcard hostname, then in a matching hostname (so a route reaching a host through
    /// a <c>*.</c> wildcard never precedes one naming it). Then HTTPRoute (<c>rules.matches</c>): an exact path, a
    /// regex (implementation-specific), a prefix; a longer path; a method; more header matches; more query matches.
    /// GRPCRoute (<c>rules.matches</c>): more characters of service, then of method; more header matches. Ties keep the
    /// translated order. A virtual host mixes the two kinds only when routes reach it through different listeners; the
    /// CRDs do not order them against each other, so GRPCRoute rules come first: they match only their gRPC paths,
    /// while an HTTPRoute rule such as prefix <c>/</c> would take every gRPC call.
    /// </summary>
    public static IComparer<VirtualHostRoute> Precedence { get; } = Comparer<VirtualHostRoute>.Create(static (a, b) =>
    {
        var order = HostnameRank(b.Hostname).CompareTo(HostnameRank(a.Hostname));
        if (order == 0)
        {
            order = b.Grpc.CompareTo(a.Grpc);
        }

        if (order == 0)
        {
            order = a.Grpc ? CompareGrpc(a.Route.Match, b.Route.Match) : CompareHttp(a.Route.Match, b.Route.Match);
        }

        return order != 0 ? order : a.Index.CompareTo(b.Index);
    });

    /// <summary>How a matching hostname ranks, higher first: its characters when not a <c>*.</c> wildcard, then its characters.</summary>
    public static (int NonWildcard, int All) HostnameRank(string? hostname)
        => hostname is null ? (0, 0) : (hostname.StartsWith("*.", StringComparison.Ordinal) ? 0 : hostname.Length, hostname.Length);

    private static int CompareGrpc(RouteMatch? a, RouteMatch? b)
    {
        var (x, y) = (KgatewayGrpcRouteRules.ServiceAndMethodLengths(a), KgatewayGrpcRouteRules.ServiceAndMethodLengths(b));
        var order = y.Service.CompareTo(x.Service);
        if (order == 0)
        {
            order = y.Method.CompareTo(x.Method);
        }

        return order != 0 ? order : (b?.Headers.Count ?? 0).CompareTo(a?.Headers.Count ?? 0);
    }

    private static int CompareHttp(RouteMatch? a, RouteMatch? b)
    {
        var (x, y) = (HttpKey(a), HttpKey(b));
        var order = x.PathKind.CompareTo(y.PathKind);
        if (order == 0)
        {
            order = y.PathLength.CompareTo(x.PathLength);
        }

        if (order == 0)
        {
            order = y.Method.CompareTo(x.Method);
        }

        if (order == 0)
        {
            order = y.Headers.CompareTo(x.Headers);
        }

        return order != 0 ? order : y.Queries.CompareTo(x.Queries);
    }

    private static (int PathKind, int PathLength, bool Method, int Headers, int Queries) HttpKey(RouteMatch? match)
    {
        if (match is null)
        {
            return (3, 0, false, 0, 0);
        }

        var (kind, length) = match.PathSpecifierCase switch
        {
            RouteMatch.PathSpecifierOneofCase.Path => (0, match.Path.Length),
            RouteMatch.PathSpecifierOneofCase.SafeRegex => (1, match.SafeRegex.Regex.Length),
            RouteMatch.PathSpecifierOneofCase.Prefix => (2, match.Prefix.Length),
            RouteMatch.PathSpecifierOneofCase.PathSeparatedPrefix => (2, match.PathSeparatedPrefix.Length),
            _ => (3, 0),
        };
        var method = match.Headers.Any(static h => h.Name == ":method");
        return (kind, length, method, match.Headers.Count(static h => h.Name != ":method"), match.QueryParameters.Count);
    }
}
