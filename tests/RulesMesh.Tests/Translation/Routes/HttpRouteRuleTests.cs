using Envoy.Config.Route.V3;
using RulesMesh.Translation.Output;
using static RulesMesh.Tests.Translation.Routes.RouteHarness;

namespace RulesMesh.Tests.Translation.Routes;

/// <summary>
/// HTTPRoute rules become Envoy routes as kgateway writes them: matches, filters, backends and timeouts, each Gateway
/// API core feature on its own. The route is <c>infra/r</c>, parented to svc-a.
/// </summary>
public sealed class HttpRouteRuleTests
{
    private const string Name0 = "http_routes_svc-a_infra-route-0-httproute-r-infra-0-0-matcher-0";

    private const string ToSvcA = """{"cluster": "kube_infra_svc-a_5000", "clusterNotFoundResponseCode": "INTERNAL_SERVER_ERROR"}""";

    /// <summary>Translates an HTTPRoute <c>infra/r</c> parented to svc-a whose <c>rules:</c> are <paramref name="rules"/> (at column 0).</summary>
    private static XdsSnapshot WithRules(string rules, string extra = "")
    {
        var indented = string.Join("\n", rules.Split('\n').Select(line => "  " + line));
        return Translate(WaypointMesh + TwoServices + extra + $"""
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata:
              name: r
              namespace: infra
            spec:
              parentRefs:
              - group: ""
                kind: Service
                name: svc-a
              rules:
            {indented}
            """);
    }

    private static Route Single(string rules) => Assert.Single(RoutesOfSvcA(WithRules(rules)));

    // ----- matches -----

    [Fact]
    public void A_rule_without_matches_matches_every_path()
    {
        AssertJson($$"""{"name": "{{Name0}}", "match": {"prefix": "/"}, "route": {{ToSvcA}}}""", Single("""
            - backendRefs:
              - name: svc-a
                port: 5000
            """));
    }

    [Theory]
    [InlineData("PathPrefix", "/", """{"prefix": "/"}""")]
    [InlineData("PathPrefix", "/api", """{"pathSeparatedPrefix": "/api"}""")]
    [InlineData("PathPrefix", "/api/", """{"pathSeparatedPrefix": "/api"}""")]
    [InlineData("Exact", "/api/v1", """{"path": "/api/v1"}""")]
    [InlineData("RegularExpression", "/v[0-9]+/.*", """{"safeRegex": {"regex": "/v[0-9]+/.*"}}""")]
    public void Path_matches(string type, string value, string expected)
    {
        var route = Single($"""
            - matches:
              - path:
                  type: {type}
                  value: "{value}"
              backendRefs:
              - name: svc-a
                port: 5000
            """);

        AssertJson(expected, route.Match);
    }

    [Fact]
    public void A_path_without_a_type_is_a_prefix_and_a_match_without_a_path_matches_every_path()
    {
        var routes = RoutesOfSvcA(WithRules("""
            - matches:
              - path:
                  value: /docs
              - headers:
                - name: x-env
                  value: canary
              backendRefs:
              - name: svc-a
                port: 5000
            """));

        AssertJson("""{"pathSeparatedPrefix": "/docs"}""", routes[0].Match);
        AssertJson("""{"prefix": "/", "headers": [{"name": "x-env", "stringMatch": {"exact": "canary"}}]}""", routes[1].Match);
    }

    [Fact]
    public void Header_query_and_method_matches_are_exact_or_regex_string_matches_with_the_method_as_a_pseudo_header()
    {
        var route = Single("""
            - matches:
              - path:
                  type: PathPrefix
                  value: /shop
                headers:
                - name: x-version
                  value: v2
                - type: RegularExpression
                  name: x-user
                  value: "admin-.*"
                queryParams:
                - name: debug
                  value: "1"
                - type: RegularExpression
                  name: page
                  value: "[0-9]+"
                method: POST
              backendRefs:
              - name: svc-a
                port: 5000
            """);

        AssertJson("""
            {
              "pathSeparatedPrefix": "/shop",
              "headers": [
                {"name": "x-version", "stringMatch": {"exact": "v2"}},
                {"name": "x-user", "stringMatch": {"safeRegex": {"regex": "admin-.*"}}},
                {"name": ":method", "stringMatch": {"exact": "POST"}}
              ],
              "queryParameters": [
                {"name": "debug", "stringMatch": {"exact": "1"}},
                {"name": "page", "stringMatch": {"safeRegex": {"regex": "[0-9]+"}}}
              ]
            }
            """, route.Match);
    }

    [Fact]
    public void Each_match_of_a_rule_is_its_own_route_with_the_rules_action()
    {
        var routes = RoutesOfSvcA(WithRules("""
            - matches:
              - path: {type: Exact, value: /one}
              - path: {type: Exact, value: /two}
              backendRefs:
              - name: svc-a
                port: 5000
            """));

        Assert.Equal(2, routes.Count);
        Assert.Equal("http_routes_svc-a_infra-route-1-httproute-r-infra-0-1-matcher-0", routes[1].Name);
        Assert.Equal(routes[0].Route_, routes[1].Route_);
        Assert.Equal("/two", routes[1].Match.Path);
    }

    // ----- header modifiers -----

    [Fact]
    public void Request_header_modifier_adds_appending_sets_overwriting_and_removes()
    {
        var route = Single("""
            - filters:
              - type: RequestHeaderModifier
                requestHeaderModifier:
                  set:
                  - name: x-set
                    value: one
                  add:
                  - name: x-add
                    value: two
                  remove: ["x-gone", "x-also-gone"]
              backendRefs:
              - name: svc-a
                port: 5000
            """);

        AssertJson($$"""
            {
              "name": "{{Name0}}",
              "match": {"prefix": "/"},
              "requestHeadersToAdd": [
                {"header": {"key": "x-add", "value": "two"} },
                {"header": {"key": "x-set", "value": "one"}, "appendAction": "OVERWRITE_IF_EXISTS_OR_ADD"}
              ],
              "requestHeadersToRemove": ["x-gone", "x-also-gone"],
              "route": {{ToSvcA}}
            }
            """, route);
    }

    [Fact]
    public void Of_header_names_that_differ_only_in_case_only_the_first_is_matched_or_set()
    {
        // Gateway API (HTTPHeaderMatch.name, HTTPHeader.name): "If multiple entries specify equivalent header names, only
        // the first entry with an equivalent name MUST be considered ... "foo" and "Foo" are considered equivalent."
        var route = Single("""
            - matches:
              - headers:
                - name: X-Ver
                  value: "1"
                - name: x-ver
                  value: "2"
              filters:
              - type: RequestHeaderModifier
                requestHeaderModifier:
                  set:
                  - name: X-Foo
                    value: one
                  - name: x-foo
                    value: two
                  add:
                  - name: X-Add
                    value: three
                  - name: x-ADD
                    value: four
              backendRefs:
              - name: svc-a
                port: 5000
            """);

        AssertJson($$"""
            {
              "name": "{{Name0}}",
              "match": {"prefix": "/", "headers": [{"name": "X-Ver", "stringMatch": {"exact": "1"} }] },
              "requestHeadersToAdd": [
                {"header": {"key": "X-Add", "value": "three"} },
                {"header": {"key": "X-Foo", "value": "one"}, "appendAction": "OVERWRITE_IF_EXISTS_OR_ADD"}
              ],
              "route": {{ToSvcA}}
            }
            """, route);
    }

    [Fact]
    public void A_header_match_ignored_as_a_repeated_name_does_not_refuse_the_match()
    {
        // The second entry MUST be ignored, so its regex (lookahead: not RE2, which Envoy would refuse) counts for nothing.
        var route = Single("""
            - matches:
              - headers:
                - name: x-ver
                  value: "1"
                - type: RegularExpression
                  name: X-VER
                  value: "(?=a)"
              backendRefs:
              - name: svc-a
                port: 5000
            """);

        AssertJson("""{"prefix": "/", "headers": [{"name": "x-ver", "stringMatch": {"exact": "1"}}]}""", route.Match);
    }

    [Fact]
    public void Response_header_modifier_works_the_same_on_responses()
    {
        var route = Single("""
            - filters:
              - type: ResponseHeaderModifier
                responseHeaderModifier:
                  set:
                  - name: cache-control
                    value: no-store
                  add:
                  - name: traversed-waypoint
                    value: kgateway-waypoint
                  remove: ["server"]
              backendRefs:
              - name: svc-a
                port: 5000
            """);

        AssertJson("""
            [
              {"header": {"key": "traversed-waypoint", "value": "kgateway-waypoint"}},
              {"header": {"key": "cache-control", "value": "no-store"}, "appendAction": "OVERWRITE_IF_EXISTS_OR_ADD"}
            ]
            """, route.ResponseHeadersToAdd);
        Assert.Equal(["server"], route.ResponseHeadersToRemove);
    }

    // ----- redirects -----

    [Fact]
    public void A_redirect_replaces_the_route_action_and_defaults_to_302()
    {
        var route = Single("""
            - filters:
              - type: RequestRedirect
                requestRedirect:
                  scheme: https
                  hostname: secure.example.com
                  port: 8443
            """);

        AssertJson($$"""
            {
              "name": "{{Name0}}",
              "match": {"prefix": "/"},
              "redirect": {"schemeRedirect": "https", "hostRedirect": "secure.example.com", "portRedirect": 8443, "responseCode": "FOUND"}
            }
            """, route);
    }

    [Theory]
    [InlineData(301, RedirectAction.Types.RedirectResponseCode.MovedPermanently)]
    [InlineData(302, RedirectAction.Types.RedirectResponseCode.Found)]
    [InlineData(303, RedirectAction.Types.RedirectResponseCode.SeeOther)]
    [InlineData(307, RedirectAction.Types.RedirectResponseCode.TemporaryRedirect)]
    [InlineData(308, RedirectAction.Types.RedirectResponseCode.PermanentRedirect)]
    public void Redirect_status_codes(int code, RedirectAction.Types.RedirectResponseCode expected)
    {
        var route = Single($"""
            - filters:
              - type: RequestRedirect
                requestRedirect:
                  statusCode: {code}
            """);

        Assert.Equal(expected, route.Redirect.ResponseCode);
    }

    [Fact]
    public void A_redirect_may_replace_the_full_path_or_the_matched_prefix()
    {
        var routes = RoutesOfSvcA(WithRules("""
            - matches:
              - path: {type: PathPrefix, value: /old}
              filters:
              - type: RequestRedirect
                requestRedirect:
                  path:
                    type: ReplacePrefixMatch
                    replacePrefixMatch: /new
            - matches:
              - path: {type: Exact, value: /page}
              filters:
              - type: RequestRedirect
                requestRedirect:
                  path:
                    type: ReplaceFullPath
                    replaceFullPath: /other-page
                  statusCode: 301
            """));

        AssertJson("""{"prefixRewrite": "/new", "responseCode": "FOUND"}""", routes[0].Redirect);
        AssertJson("""{"pathRedirect": "/other-page"}""", routes[1].Redirect);
    }

    // ----- rewrites -----

    [Fact]
    public void A_rewrite_may_set_the_host_and_replace_the_full_path()
    {
        var route = Single("""
            - filters:
              - type: URLRewrite
                urlRewrite:
                  hostname: internal.example.com
                  path:
                    type: ReplaceFullPath
                    replaceFullPath: /fixed
              backendRefs:
              - name: svc-a
                port: 5000
            """);

        AssertJson("""
            {
              "cluster": "kube_infra_svc-a_5000",
              "clusterNotFoundResponseCode": "INTERNAL_SERVER_ERROR",
              "hostRewriteLiteral": "internal.example.com",
              "regexRewrite": {"pattern": {"regex": ".*"}, "substitution": "/fixed"}
            }
            """, route.Route_);
    }

    [Theory]
    [InlineData("/api", "/v2", """{"prefixRewrite": "/v2"}""")]
    [InlineData("/api", "/v2/", """{"prefixRewrite": "/v2"}""")]
    [InlineData("/api", "/", """{"regexRewrite": {"pattern": {"regex": "^/api\\/*"}, "substitution": "/"}}""")]
    [InlineData("/a.b", "/", """{"regexRewrite": {"pattern": {"regex": "^/a\\.b\\/*"}, "substitution": "/"}}""")]
    [InlineData("/", "/v2", """{"prefixRewrite": "/v2/"}""")]
    public void A_prefix_replacement_keeps_path_segment_boundaries(string prefix, string replacement, string expected)
    {
        var route = Single($"""
            - matches:
              - path: {"{"}type: PathPrefix, value: "{prefix}"{"}"}
              filters:
              - type: URLRewrite
                urlRewrite:
                  path:
                    type: ReplacePrefixMatch
                    replacePrefixMatch: "{replacement}"
              backendRefs:
              - name: svc-a
                port: 5000
            """);

        var action = route.Route_.Clone();
        action.ClearClusterSpecifier();
        action.ClusterNotFoundResponseCode = default;
        AssertJson(expected, action);
    }

    // ----- mirrors -----

    [Fact]
    public void A_mirror_copies_requests_to_another_backend_with_an_optional_share()
    {
        var route = Single("""
            - filters:
              - type: RequestMirror
                requestMirror:
                  backendRef:
                    name: svc-b
                    port: 9000
              - type: RequestMirror
                requestMirror:
                  backendRef:
                    name: svc-b
                    port: 9000
                  percent: 25
              - type: RequestMirror
                requestMirror:
                  backendRef:
                    name: svc-b
                    port: 9000
                  fraction:
                    numerator: 1
                    denominator: 3
              backendRefs:
              - name: svc-a
                port: 5000
            """);

        AssertJson("""
            {
              "cluster": "kube_infra_svc-a_5000",
              "clusterNotFoundResponseCode": "INTERNAL_SERVER_ERROR",
              "requestMirrorPolicies": [
                {"cluster": "kube_infra_svc-b_9000"},
                {"cluster": "kube_infra_svc-b_9000", "runtimeFraction": {"defaultValue": {"numerator": 25}}},
                {"cluster": "kube_infra_svc-b_9000", "runtimeFraction": {"defaultValue": {"numerator": 333333, "denominator": "MILLION"}}}
              ]
            }
            """, route.Route_);
    }

    // ----- backends -----

    [Fact]
    public void Several_backends_become_weighted_clusters_with_weight_one_by_default_and_zero_weights_left_out()
    {
        var route = Single("""
            - backendRefs:
              - name: svc-a
                port: 5000
                weight: 90
              - name: svc-b
                port: 9000
              - name: svc-b
                port: 9000
                weight: 0
            """);

        AssertJson("""
            {
              "weightedClusters": {"clusters": [{"name": "kube_infra_svc-a_5000", "weight": 90}, {"name": "kube_infra_svc-b_9000", "weight": 1}]},
              "clusterNotFoundResponseCode": "INTERNAL_SERVER_ERROR"
            }
            """, route.Route_);
    }

    [Fact]
    public void One_backend_left_after_zero_weights_is_a_plain_cluster()
    {
        var route = Single("""
            - backendRefs:
              - name: svc-a
                port: 5000
                weight: 0
              - name: svc-b
                port: 9000
                weight: 3
            """);

        Assert.Equal("kube_infra_svc-b_9000", route.Route_.Cluster);
    }

    [Theory]
    [InlineData("""
        - matches:
          - path: {type: PathPrefix, value: /nothing}
        """)]
    [InlineData("""
        - backendRefs:
          - name: svc-a
            port: 5000
            weight: 0
        """)]
    public void A_rule_with_nowhere_to_send_requests_answers_500(string rules)
    {
        var route = Single(rules);

        AssertJson("""{"status": 500}""", route.DirectResponse);
        Assert.Null(route.Route_);
    }

    [Fact]
    public void An_unresolved_backend_takes_its_share_to_the_absent_blackhole_cluster_and_the_parent_reports_it()
    {
        var snapshot = WithRules("""
            - backendRefs:
              - name: svc-a
                port: 5000
                weight: 3
              - name: missing
                port: 80
              - name: also-missing
                port: 80
            """);

        AssertJson("""
            {
              "weightedClusters": {"clusters": [{"name": "kube_infra_svc-a_5000", "weight": 3}, {"name": "blackhole_cluster", "weight": 2}]},
              "clusterNotFoundResponseCode": "INTERNAL_SERVER_ERROR"
            }
            """, Assert.Single(RoutesOfSvcA(snapshot)).Route_);
        var parent = Assert.Single(Parents(snapshot, "r"));
        Assert.Equal("True", Condition(parent, "Accepted").Status);
        var resolved = Condition(parent, "ResolvedRefs");
        Assert.Equal("False", resolved.Status);
        Assert.Equal("BackendNotFound", resolved.Reason);
    }

    [Fact]
    public void A_backend_in_another_namespace_without_a_ReferenceGrant_is_not_permitted()
    {
        var snapshot = WithRules("""
            - backendRefs:
              - name: elsewhere
                namespace: apps
                port: 80
            """, extra: """
            apiVersion: v1
            kind: Service
            metadata:
              name: elsewhere
              namespace: apps
            spec:
              clusterIP: 9.9.9.9
              ports:
              - port: 80
                name: http
            ---

            """);

        Assert.Equal("blackhole_cluster", Assert.Single(RoutesOfSvcA(snapshot)).Route_.Cluster);
        Assert.Equal("RefNotPermitted", Condition(Assert.Single(Parents(snapshot, "r")), "ResolvedRefs").Reason);
    }

    [Fact]
    public void ServiceEntry_and_Hostname_backends_resolve_to_the_entrys_cluster()
    {
        var snapshot = WithRules("""
            - matches:
              - path: {type: PathPrefix, value: /by-entry}
              backendRefs:
              - group: networking.istio.io
                kind: ServiceEntry
                name: se-x
                port: 7000
            - matches:
              - path: {type: PathPrefix, value: /by-host}
              backendRefs:
              - group: networking.istio.io
                kind: Hostname
                name: x.example.com
                port: 7000
            """, extra: ServiceEntry("se-x", "7.7.7.7", 7000, "x.example.com"));

        Assert.All(RoutesOfSvcA(snapshot), r => Assert.Equal("istio-se_infra_se-x_x.example.com_7000", r.Route_.Cluster));
        Assert.Equal("True", Condition(Assert.Single(Parents(snapshot, "r")), "ResolvedRefs").Status);
    }

    [Fact]
    public void A_backends_own_header_filters_go_on_its_weighted_cluster()
    {
        var route = Single("""
            - backendRefs:
              - name: svc-a
                port: 5000
                filters:
                - type: RequestHeaderModifier
                  requestHeaderModifier:
                    set:
                    - name: x-backend
                      value: a
              - name: svc-b
                port: 9000
                filters:
                - type: ResponseHeaderModifier
                  responseHeaderModifier:
                    remove: ["x-internal"]
            """);

        AssertJson("""
            {
              "clusters": [
                {"name": "kube_infra_svc-a_5000", "weight": 1, "requestHeadersToAdd": [{"header": {"key": "x-backend", "value": "a"}, "appendAction": "OVERWRITE_IF_EXISTS_OR_ADD"}]},
                {"name": "kube_infra_svc-b_9000", "weight": 1, "responseHeadersToRemove": ["x-internal"]}
              ]
            }
            """, route.Route_.WeightedClusters);
    }

    // ----- timeouts -----

    [Fact]
    public void Timeouts_bound_the_request_and_each_backend_try()
    {
        var route = Single("""
            - timeouts:
                request: 1m30s
                backendRequest: 500ms
              backendRefs:
              - name: svc-a
                port: 5000
            """);

        AssertJson("""
            {
              "cluster": "kube_infra_svc-a_5000",
              "clusterNotFoundResponseCode": "INTERNAL_SERVER_ERROR",
              "timeout": "90s",
              "retryPolicy": {"perTryTimeout": "0.500s"}
            }
            """, route.Route_);
    }

    [Fact]
    public void A_zero_request_timeout_disables_the_timeout()
    {
        var route = Single("""
            - timeouts:
                request: 0s
              backendRefs:
              - name: svc-a
                port: 5000
            """);

        Assert.Equal(Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.Zero), route.Route_.Timeout);
    }

    // ----- statuses -----

    [Fact]
    public void Every_attached_parent_is_accepted_resolved_and_programmed_when_all_refs_resolve()
    {
        var snapshot = WithRules("""
            - backendRefs:
              - name: svc-a
                port: 5000
            """);

        var parent = Assert.Single(Parents(snapshot, "r"));
        Assert.Equal(
            [("Accepted", "True", "Accepted"), ("ResolvedRefs", "True", "ResolvedRefs"), ("kgateway.dev/Programmed", "True", "Programmed")],
            parent.Conditions.Select(c => (c.Type, c.Status, c.Reason)));
        Assert.Equal(("", "Service", "svc-a"), (parent.ParentRef.Group, parent.ParentRef.Kind, parent.ParentRef.Name));
        Assert.Null(parent.ParentRef.Namespace);
    }

    [Fact]
    public void An_unsupported_filter_is_left_out_with_a_warning()
    {
        var snapshot = WithRules("""
            - filters:
              - type: CORS
                cors:
                  allowOrigins: ["https://example.com"]
              backendRefs:
              - name: svc-a
                port: 5000
            """);

        Assert.Equal("kube_infra_svc-a_5000", Assert.Single(RoutesOfSvcA(snapshot)).Route_.Cluster);
        Assert.Contains(snapshot.Warnings, w => w.Subject == "HTTPRoute infra/r" && w.Message.Contains("CORS", StringComparison.Ordinal));
    }

    [Fact]
    public void An_extensionRef_filter_that_nothing_implements_answers_500()
    {
        var route = Single("""
            - filters:
              - type: ExtensionRef
                extensionRef:
                  group: example.com
                  kind: Magic
                  name: m
              backendRefs:
              - name: svc-a
                port: 5000
            """);

        AssertJson("""{"status": 500}""", route.DirectResponse);
    }
}
