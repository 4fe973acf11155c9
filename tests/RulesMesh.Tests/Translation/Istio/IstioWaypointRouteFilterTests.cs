using Envoy.Config.Core.V3;
using Envoy.Config.Route.V3;
using Envoy.Type.Matcher.V3;
using Envoy.Type.V3;
using RulesMesh.Translation.Output;
using static RulesMesh.Tests.Translation.Istio.IstioWaypointHarness;
using CorsPolicy = Envoy.Extensions.Filters.Http.Cors.V3.CorsPolicy;

namespace RulesMesh.Tests.Translation.Istio;

/// <summary>
/// HTTPRoute filters on a waypoint's service chains in the istio profile (<c>IstioRouteFilters</c>; the output spec does
/// not restate them, so expected values follow the Gateway API's filter semantics as Istio's conversion carries them,
/// written by hand): header modifiers on the route, set before add and sorted by lower-cased name; a redirect in place
/// of the route action; a URL rewrite and mirrors on the route action; CORS as the route's per-filter policy; backendRef header modifiers on
/// their cluster; a filter Istio does not support (ExtensionRef, other backendRef filters) drops the route.
/// </summary>
public sealed class IstioWaypointRouteFilterTests
{
    private const string ReviewsChain = "inbound-vip|9080|http|reviews.shop.svc.cluster.local";

    private static readonly string Reviews = Service("reviews", "10.96.0.20", "[{ name: http, port: 9080 }]");

    private static Route OnlyRoute(string rule) => RouteConfig(WithRules("- " + rule), ReviewsChain).VirtualHosts.Single().Routes.Single();

    /// <summary>HTTPRoute shop/edit on reviews with <paramref name="rules"/> (its first line at the rules' indentation, the rest as written).</summary>
    private static XdsSnapshot WithRules(string rules) => TranslateIstio(Waypoint + Reviews + $$"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: { name: edit, namespace: shop }
        spec:
          parentRefs: [{ group: "", kind: Service, name: reviews }]
          rules:
          {{rules}}
        """);

    [Fact]
    public void HeaderModifiersSetThenAddEachSortedByLowerCasedNameAndRemoveAsWritten()
    {
        var route = OnlyRoute("""
            filters:
                - type: RequestHeaderModifier
                  requestHeaderModifier: { set: [{ name: X-B, value: "2" }, { name: X-A, value: "1" }], add: [{ name: X-C, value: "3" }], remove: [x-gone] }
                - type: ResponseHeaderModifier
                  responseHeaderModifier: { set: [{ name: X-Served-By, value: waypoint }] }
                backendRefs: [{ name: reviews, port: 9080 }]
            """);

        Assert.Equal(
            [("x-a", "1", HeaderValueOption.Types.HeaderAppendAction.OverwriteIfExistsOrAdd), ("x-b", "2", HeaderValueOption.Types.HeaderAppendAction.OverwriteIfExistsOrAdd), ("x-c", "3", HeaderValueOption.Types.HeaderAppendAction.AppendIfExistsOrAdd)],
            route.RequestHeadersToAdd.Select(static h => (h.Header.Key, h.Header.Value, h.AppendAction)));
        Assert.Equal(["x-gone"], route.RequestHeadersToRemove);
        Assert.Equal([("x-served-by", "waypoint")], route.ResponseHeadersToAdd.Select(static h => (h.Header.Key, h.Header.Value)));
        Assert.Equal(ReviewsChain, route.Route_.Cluster);
    }

    [Fact]
    public void A_header_Envoy_would_refuse_is_dropped_with_a_warning_and_its_siblings_stay()
    {
        var snapshot = WithRules("""
            - filters:
                - type: RequestHeaderModifier
                  requestHeaderModifier: { set: [{ name: Host, value: other.example.com }, { name: x-kept, value: "1" }], add: [{ name: x-bad, value: "a\nb" }], remove: [host, x-gone] }
                - type: ResponseHeaderModifier
                  responseHeaderModifier: { set: [{ name: x-injected, value: "v\r\nInjected: 1" }] }
                backendRefs: [{ name: reviews, port: 9080 }]
            """);

        var route = RouteConfig(snapshot, ReviewsChain).VirtualHosts.Single().Routes.Single();
        Assert.Equal(["x-kept"], route.RequestHeadersToAdd.Select(static h => h.Header.Key));
        Assert.Equal(["x-gone"], route.RequestHeadersToRemove);
        Assert.Empty(route.ResponseHeadersToAdd);
        Assert.Equal(
            [
                "spec.rules[0].filters[0].requestHeaderModifier.set[0]: header \"Host\" cannot be modified or removed by a route in Envoy (a URLRewrite filter's hostname rewrites it); the header is dropped",
                "spec.rules[0].filters[0].requestHeaderModifier.add[0]: \"a\\nb\" contains a line feed (LF), which is not allowed in an HTTP header; the header is dropped",
                "spec.rules[0].filters[0].requestHeaderModifier.remove[0]: header \"host\" cannot be modified or removed by a route in Envoy (a URLRewrite filter's hostname rewrites it); the header is dropped",
                "spec.rules[0].filters[1].responseHeaderModifier.set[0]: \"v\\r\\nInjected: 1\" contains a carriage return (CR), which is not allowed in an HTTP header; the header is dropped",
            ],
            snapshot.Warnings.Where(static w => w.Subject == "HTTPRoute shop/edit").Select(static w => w.Message));
    }

    [Fact]
    public void A_rewrite_with_a_control_character_in_its_path_drops_the_rule_instead_of_reaching_Envoy()
    {
        var snapshot = WithRules("""
            - matches: [{ path: { type: PathPrefix, value: /a } }]
                filters: [{ type: URLRewrite, urlRewrite: { path: { type: ReplacePrefixMatch, replacePrefixMatch: "/a\nb" } } }]
                backendRefs: [{ name: reviews, port: 9080 }]
              - matches: [{ path: { type: PathPrefix, value: /b } }]
                backendRefs: [{ name: reviews, port: 9080 }]
            """);

        var paths = RouteConfig(snapshot, ReviewsChain).VirtualHosts.Single().Routes.Select(static r => r.Match.PathSeparatedPrefix).ToList();
        Assert.DoesNotContain("/a", paths);
        Assert.Contains("/b", paths);
        Assert.Contains(snapshot.Warnings, static w => w.Message == "spec.rules[0].filters[0].urlRewrite.path.replacePrefixMatch: \"/a\\nb\" contains a line feed (LF), which is not allowed in an HTTP header; the rule is dropped");
    }

    [Fact]
    public void ARedirectWithASchemeReplacesTheRouteActionAndKeepsNoPort()
    {
        var route = OnlyRoute("""
            matches: [{ path: { type: PathPrefix, value: /old } }]
                filters: [{ type: RequestRedirect, requestRedirect: { scheme: https, hostname: secure.example.com, statusCode: 301 } }]
            """);

        Assert.Null(route.Route_);
        Assert.Equal("https", route.Redirect.SchemeRedirect);
        Assert.Equal("secure.example.com", route.Redirect.HostRedirect);
        Assert.Equal(0u, route.Redirect.PortRedirect);
        Assert.Equal(RedirectAction.Types.RedirectResponseCode.MovedPermanently, route.Redirect.ResponseCode);
        Assert.Equal("shop~reviews.shop.svc.cluster.local:9080/old*", route.Decorator.Operation);
    }

    [Fact]
    public void ARedirectWithoutSchemeOrPortKeepsTheChainsPortAndDefaultsTo302()
    {
        var route = OnlyRoute("""
            matches: [{ path: { type: PathPrefix, value: /old } }]
                filters: [{ type: RequestRedirect, requestRedirect: { path: { type: ReplacePrefixMatch, replacePrefixMatch: /new } } }]
            """);

        Assert.Equal(9080u, route.Redirect.PortRedirect);
        Assert.Equal("/new", route.Redirect.PrefixRewrite);
        Assert.Equal(RedirectAction.Types.RedirectResponseCode.Found, route.Redirect.ResponseCode);
    }

    [Fact]
    public void AUrlRewriteOfHostAndPrefixGoesOnTheRouteAction()
    {
        var route = OnlyRoute("""
            matches: [{ path: { type: PathPrefix, value: /v1 } }]
                filters: [{ type: URLRewrite, urlRewrite: { hostname: reviews.internal, path: { type: ReplacePrefixMatch, replacePrefixMatch: /v2/ } } }]
                backendRefs: [{ name: reviews, port: 9080 }]
            """);

        Assert.Equal("reviews.internal", route.Route_.HostRewriteLiteral);
        Assert.Equal("/v2", route.Route_.PrefixRewrite);
        Assert.Equal(ReviewsChain, route.Route_.Cluster);
    }

    [Fact]
    public void AUrlRewriteOfTheFullPathIsARegexRewriteOfTheWholePath()
    {
        var route = OnlyRoute("""
            filters: [{ type: URLRewrite, urlRewrite: { path: { type: ReplaceFullPath, replaceFullPath: /index.html } } }]
                backendRefs: [{ name: reviews, port: 9080 }]
            """);

        Assert.Equal(("/.*", "/index.html"), (route.Route_.RegexRewrite.Pattern.Regex, route.Route_.RegexRewrite.Substitution));
    }

    [Fact]
    public void MirrorsGoToTheirBackendsClusterForAllRequestsOrTheirShare()
    {
        var snapshot = TranslateIstio(Waypoint + Reviews + """
            apiVersion: v1
            kind: Service
            metadata: { name: shadow, namespace: shop }
            spec: { clusterIP: 10.96.0.70, ports: [{ name: http, port: 9080 }] }
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: { name: copy, namespace: shop }
            spec:
              parentRefs: [{ group: "", kind: Service, name: reviews }]
              rules:
              - filters:
                - { type: RequestMirror, requestMirror: { backendRef: { name: reviews, port: 9080 } } }
                - { type: RequestMirror, requestMirror: { backendRef: { name: shadow, port: 9080 }, percent: 25 } }
                - { type: RequestMirror, requestMirror: { backendRef: { name: shadow, port: 9080 }, fraction: { numerator: 1, denominator: 3 } } }
                backendRefs: [{ name: reviews, port: 9080 }]
            """);

        var mirrors = RouteConfig(snapshot, ReviewsChain).VirtualHosts.Single().Routes.Single().Route_.RequestMirrorPolicies;
        Assert.Equal(
            [
                (ReviewsChain, 100u, FractionalPercent.Types.DenominatorType.Hundred),
                ("outbound|9080||shadow.shop.svc.cluster.local", 250000u, FractionalPercent.Types.DenominatorType.Million),
                ("outbound|9080||shadow.shop.svc.cluster.local", 333333u, FractionalPercent.Types.DenominatorType.Million),
            ],
            mirrors.Select(static m => (m.Cluster, m.RuntimeFraction.DefaultValue.Numerator, m.RuntimeFraction.DefaultValue.Denominator)));
        Assert.All(mirrors, static m => Assert.False(m.TraceSampled));
        Assert.Contains(snapshot.Clusters, static c => c.Name == "outbound|9080||shadow.shop.svc.cluster.local");
    }

    [Fact]
    public void ACorsFilterIsTheRoutesPerFilterCorsPolicy()
    {
        var route = OnlyRoute("""
            filters:
                - type: CORS
                  cors:
                    allowOrigins: ["https://shop.example.com", "https://*.shop.example.com"]
                    allowMethods: [GET, POST]
                    allowHeaders: [X-User, X-Trace]
                    exposeHeaders: [X-Served-By]
                    allowCredentials: true
                    maxAge: 600
                backendRefs: [{ name: reviews, port: 9080 }]
            """);

        var expected = new CorsPolicy
        {
            AllowOriginStringMatch =
            {
                new StringMatcher { Exact = "https://shop.example.com" },
                new StringMatcher { SafeRegex = new RegexMatcher { Regex = @"https://.*\.shop\.example\.com" } },
            },
            AllowMethods = "GET,POST",
            AllowHeaders = "X-User,X-Trace",
            ExposeHeaders = "X-Served-By",
            MaxAge = "600",
            AllowCredentials = true,
            FilterEnabled = new RuntimeFractionalPercent { DefaultValue = new FractionalPercent { Numerator = 100, Denominator = FractionalPercent.Types.DenominatorType.Hundred } },
            ForwardNotMatchingPreflights = true,
        };
        Assert.Equal(["envoy.filters.http.cors"], route.TypedPerFilterConfig.Keys);
        Assert.Equal(expected, route.TypedPerFilterConfig["envoy.filters.http.cors"].Unpack<CorsPolicy>());
        Assert.Equal(ReviewsChain, route.Route_.Cluster);
    }

    [Fact]
    public void ACorsFilterWithoutMaxAgeOrCredentialsTakesTheCrdDefaultMaxAgeAndLeavesCredentialsUnset()
    {
        var route = OnlyRoute("""
            filters: [{ type: CORS, cors: { allowOrigins: ["*"] } }]
                backendRefs: [{ name: reviews, port: 9080 }]
            """);

        var expected = new CorsPolicy
        {
            AllowOriginStringMatch = { new StringMatcher { SafeRegex = new RegexMatcher { Regex = ".*" } } },
            MaxAge = "5",
            FilterEnabled = new RuntimeFractionalPercent { DefaultValue = new FractionalPercent { Numerator = 100, Denominator = FractionalPercent.Types.DenominatorType.Hundred } },
            ForwardNotMatchingPreflights = true,
        };
        Assert.Equal(expected, route.TypedPerFilterConfig["envoy.filters.http.cors"].Unpack<CorsPolicy>());
    }

    [Fact]
    public void APrefixRewriteToSlashIsARegexRewriteRemovingTheMatchedPrefixAndItsSlashes()
    {
        var route = OnlyRoute("""
            matches: [{ path: { type: PathPrefix, value: /api.v1/ } }]
                filters: [{ type: URLRewrite, urlRewrite: { path: { type: ReplacePrefixMatch, replacePrefixMatch: / } } }]
                backendRefs: [{ name: reviews, port: 9080 }]
            """);

        Assert.Equal((@"^/api\.v1/*", "/"), (route.Route_.RegexRewrite.Pattern.Regex, route.Route_.RegexRewrite.Substitution));
        Assert.Equal(string.Empty, route.Route_.PrefixRewrite);
    }

    [Fact]
    public void APrefixRewriteToSlashOfTheCatchAllPrefixStaysAPrefixRewrite()
    {
        var route = OnlyRoute("""
            filters: [{ type: URLRewrite, urlRewrite: { path: { type: ReplacePrefixMatch, replacePrefixMatch: / } } }]
                backendRefs: [{ name: reviews, port: 9080 }]
            """);

        Assert.Equal("/", route.Route_.PrefixRewrite);
        Assert.Null(route.Route_.RegexRewrite);
    }

    [Fact]
    public void A_prefix_rewrite_under_the_catch_all_prefix_keeps_a_slash_before_the_rest_of_the_path()
    {
        // Gateway API: under prefix /, ReplacePrefixMatch /xyz turns /foo into /xyz/foo; Envoy's prefix / plus
        // prefix_rewrite /xyz would give /xyzfoo.
        var route = OnlyRoute("""
            filters: [{ type: URLRewrite, urlRewrite: { path: { type: ReplacePrefixMatch, replacePrefixMatch: /xyz } } }]
                backendRefs: [{ name: reviews, port: 9080 }]
            """);

        Assert.Equal("/xyz/", route.Route_.PrefixRewrite);
    }

    [Fact]
    public void A_redirect_prefix_to_slash_removes_the_matched_prefix_and_a_trailing_slash_of_the_replacement_is_ignored()
    {
        var toSlash = OnlyRoute("""
            matches: [{ path: { type: PathPrefix, value: /redir } }]
                filters: [{ type: RequestRedirect, requestRedirect: { path: { type: ReplacePrefixMatch, replacePrefixMatch: / } } }]
            """);
        var trailing = OnlyRoute("""
            matches: [{ path: { type: PathPrefix, value: /redir } }]
                filters: [{ type: RequestRedirect, requestRedirect: { path: { type: ReplacePrefixMatch, replacePrefixMatch: /new/ } } }]
            """);

        Assert.Equal(("^/redir/*", "/"), (toSlash.Redirect.RegexRewrite.Pattern.Regex, toSlash.Redirect.RegexRewrite.Substitution));
        Assert.Equal(string.Empty, toSlash.Redirect.PrefixRewrite);
        Assert.Equal("/new", trailing.Redirect.PrefixRewrite);
    }

    [Theory]
    [InlineData("{ request: 10s }", 10)]
    [InlineData("{ request: 10s, backendRequest: 2s }", 2)]
    [InlineData("{ request: 10s, backendRequest: 0s }", 10)]
    [InlineData("{ backendRequest: 3s }", 3)]
    [InlineData("{ request: 0s }", 0)]
    public void The_route_timeout_is_backendRequest_when_set_as_istiod_converts_a_rule_without_retries_else_request(string timeouts, long seconds)
    {
        var route = OnlyRoute($$"""
            timeouts: {{timeouts}}
                backendRefs: [{ name: reviews, port: 9080 }]
            """);

        Assert.Equal(seconds, route.Route_.Timeout.Seconds);
    }

    [Fact]
    public void ASingleBackendRefsHeaderModifiersFollowTheRulesOnTheRoute()
    {
        var route = OnlyRoute("""
            filters: [{ type: RequestHeaderModifier, requestHeaderModifier: { set: [{ name: X-Rule, value: r }] } }]
                backendRefs:
                - name: reviews
                  port: 9080
                  filters:
                  - { type: RequestHeaderModifier, requestHeaderModifier: { add: [{ name: X-Backend, value: b }], remove: [x-drop] } }
                  - { type: ResponseHeaderModifier, responseHeaderModifier: { set: [{ name: X-From, value: reviews }], remove: [server] } }
            """);

        Assert.Equal(
            [("x-rule", "r", HeaderValueOption.Types.HeaderAppendAction.OverwriteIfExistsOrAdd), ("x-backend", "b", HeaderValueOption.Types.HeaderAppendAction.AppendIfExistsOrAdd)],
            route.RequestHeadersToAdd.Select(static h => (h.Header.Key, h.Header.Value, h.AppendAction)));
        Assert.Equal(["x-drop"], route.RequestHeadersToRemove);
        Assert.Equal([("x-from", "reviews", HeaderValueOption.Types.HeaderAppendAction.OverwriteIfExistsOrAdd)], route.ResponseHeadersToAdd.Select(static h => (h.Header.Key, h.Header.Value, h.AppendAction)));
        Assert.Equal(["server"], route.ResponseHeadersToRemove);
        Assert.Equal(ReviewsChain, route.Route_.Cluster);
    }

    [Fact]
    public void WeightedBackendRefsHeaderModifiersGoOnTheirOwnWeightedCluster()
    {
        var route = OnlyRoute("""
            backendRefs:
                - name: reviews
                  port: 9080
                  weight: 90
                  filters: [{ type: RequestHeaderModifier, requestHeaderModifier: { set: [{ name: X-Track, value: stable }] } }]
                - name: reviews
                  port: 9080
                  weight: 10
                  filters: [{ type: ResponseHeaderModifier, responseHeaderModifier: { remove: [x-internal] } }]
            """);

        var stable = new WeightedCluster.Types.ClusterWeight
        {
            Name = ReviewsChain,
            Weight = 90,
            RequestHeadersToAdd = { new HeaderValueOption { Header = new HeaderValue { Key = "x-track", Value = "stable" }, AppendAction = HeaderValueOption.Types.HeaderAppendAction.OverwriteIfExistsOrAdd } },
        };
        var canary = new WeightedCluster.Types.ClusterWeight { Name = ReviewsChain, Weight = 10, ResponseHeadersToRemove = { "x-internal" } };
        Assert.Equal([stable, canary], route.Route_.WeightedClusters.Clusters);
        Assert.Empty(route.RequestHeadersToAdd);
        Assert.Empty(route.ResponseHeadersToRemove);
    }

    [Fact]
    public void AnExtensionRefFilterDropsTheWholeRouteWithAnInvalidFilterStatus()
    {
        var snapshot = TranslateIstio(Waypoint + Reviews + """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: { name: ext, namespace: shop }
            spec:
              parentRefs: [{ group: "", kind: Service, name: reviews }]
              rules:
              - matches: [{ path: { type: PathPrefix, value: /plain } }]
                backendRefs: [{ name: reviews, port: 9080 }]
              - filters: [{ type: ExtensionRef, extensionRef: { group: example.com, kind: Plugin, name: p } }]
                backendRefs: [{ name: reviews, port: 9080 }]
            """);

        Assert.Equal("default", RouteConfig(snapshot, ReviewsChain).VirtualHosts.Single().Routes.Single().Name);
        var resolved = snapshot.HttpRouteStatuses["shop/ext"].Parents.Single().Conditions.Single(static c => c.Type == "ResolvedRefs");
        Assert.Equal(("False", "InvalidFilter", "unsupported filter type \"ExtensionRef\""), (resolved.Status, resolved.Reason, resolved.Message));
        Assert.Contains(snapshot.Warnings, static w => w.Subject == "HTTPRoute shop/ext" && w.Message.StartsWith("spec.rules[1].filters[0]: ExtensionRef", StringComparison.Ordinal));
    }

    [Fact]
    public void ABackendRefFilterOtherThanAHeaderModifierDropsTheWholeRoute()
    {
        var snapshot = TranslateIstio(Waypoint + Reviews + """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: { name: rewrite, namespace: shop }
            spec:
              parentRefs: [{ group: "", kind: Service, name: reviews }]
              rules:
              - backendRefs:
                - name: reviews
                  port: 9080
                  filters: [{ type: URLRewrite, urlRewrite: { hostname: other } }]
            """);

        Assert.Equal("default", RouteConfig(snapshot, ReviewsChain).VirtualHosts.Single().Routes.Single().Name);
        var resolved = snapshot.HttpRouteStatuses["shop/rewrite"].Parents.Single().Conditions.Single(static c => c.Type == "ResolvedRefs");
        Assert.Equal(("False", "InvalidFilter", "unsupported filter type \"URLRewrite\""), (resolved.Status, resolved.Reason, resolved.Message));
        Assert.Contains(snapshot.Warnings, static w => w.Subject == "HTTPRoute shop/rewrite" && w.Message.StartsWith("spec.rules[0].backendRefs[0].filters[0]: URLRewrite", StringComparison.Ordinal));
    }
}
