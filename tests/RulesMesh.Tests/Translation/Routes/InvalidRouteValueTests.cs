using RulesMesh.Translation.Output;
using RulesMesh.Translation.Routes;
using static RulesMesh.Tests.Translation.Routes.RouteHarness;

namespace RulesMesh.Tests.Translation.Routes;

/// <summary>
/// Route values Envoy would refuse (regexes that are not RE2, control characters in headers, paths and redirects) are
/// dropped with a warning naming the field; the rest of the route stays, a rule never widens to match everything, and
/// the parent status says PartiallyInvalid (or Accepted=False when nothing is left).
/// </summary>
public sealed class InvalidRouteValueTests
{
    private static XdsSnapshot WithRules(string rules, string kind = "HTTPRoute")
    {
        var indented = string.Join("\n", rules.Split('\n').Select(line => "  " + line));
        return Translate(WaypointMesh + TwoServices + $"""
            apiVersion: gateway.networking.k8s.io/v1
            kind: {kind}
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

    private const string ToSvcA = """
          backendRefs:
          - name: svc-a
            port: 5000
        """;

    [Theory]
    [InlineData("path:\n        type: RegularExpression\n        value: '/(['", "path.value", "\"/([\" is not a valid RE2 regular expression (missing closing ]: [)")]
    [InlineData("path:\n        type: RegularExpression\n        value: '/(?<=a)b'", "path.value", "\"/(?<=a)b\" is not a valid RE2 regular expression (invalid or unsupported Perl syntax: (?<)")]
    [InlineData("headers:\n      - name: x-a\n        type: RegularExpression\n        value: '(a)\\1'", "headers[0].value", "\"(a)\\\\1\" is not a valid RE2 regular expression (invalid escape sequence: \\1)")]
    [InlineData("queryParams:\n      - name: q\n        type: RegularExpression\n        value: 'a*+'", "queryParams[0].value", "\"a*+\" is not a valid RE2 regular expression (bad repetition operator: *+)")]
    [InlineData("headers:\n      - name: x-a\n        value: \"a\\r\\nb\"", "headers[0].value", "\"a\\r\\nb\" contains a carriage return (CR), which is not allowed in an HTTP header")]
    public void An_invalid_match_is_dropped_with_a_warning_and_the_other_matches_stay(string invalid, string field, string problem)
    {
        var snapshot = WithRules($"""
            - matches:
              - {invalid}
              - path:
                  type: Exact
                  value: /kept
            {ToSvcA}
            """);

        var route = Assert.Single(RoutesOfSvcA(snapshot));
        AssertJson("""{"path": "/kept"}""", route.Match);
        Assert.Contains(snapshot.Warnings, w => w.Subject == "HTTPRoute infra/r" && w.Message == $"spec.rules[0].matches[0].{field}: {problem}; the match is dropped");
        var parent = Assert.Single(Parents(snapshot, "r"));
        Assert.Equal("True", Condition(parent, "Accepted").Status);
        var partiallyInvalid = Condition(parent, RouteStatusWriter.PartiallyInvalidCondition);
        Assert.Equal(("True", "UnsupportedValue"), (partiallyInvalid.Status, partiallyInvalid.Reason));
        Assert.Equal($"spec.rules[0].matches[0].{field}: {problem}; the match is dropped", partiallyInvalid.Message);
    }

    [Fact]
    public void A_rule_whose_only_match_is_invalid_is_dropped_rather_than_matching_everything()
    {
        var snapshot = WithRules($"""
            - matches:
              - path:
                  type: RegularExpression
                  value: '/(?=x)'
            {ToSvcA}
            - matches:
              - path:
                  type: PathPrefix
                  value: /other
            {ToSvcA}
            """);

        var route = Assert.Single(RoutesOfSvcA(snapshot));
        AssertJson("""{"pathSeparatedPrefix": "/other"}""", route.Match);
        Assert.Contains(snapshot.Warnings, w => w.Message == "spec.rules[0]: no match of the rule is valid; the rule is dropped");
    }

    [Fact]
    public void A_route_left_with_no_valid_rule_is_not_accepted_with_reason_UnsupportedValue()
    {
        var snapshot = WithRules($$"""
            - matches:
              - path:
                  type: RegularExpression
                  value: '/x{2,1}'
            {{ToSvcA}}
            """);

        Assert.DoesNotContain(RoutesOfSvcA(snapshot), r => r.Name.Contains("httproute-r-infra", StringComparison.Ordinal));
        var accepted = Condition(Assert.Single(Parents(snapshot, "r")), "Accepted");
        Assert.Equal(("False", "UnsupportedValue"), (accepted.Status, accepted.Reason));
        Assert.StartsWith("no rule is valid: spec.rules[0].matches[0].path.value", accepted.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_route_has_no_PartiallyInvalid_condition()
    {
        var snapshot = WithRules($$"""
            - matches:
              - path:
                  type: RegularExpression
                  value: '/(?P<v>v[0-9]{1,3})/(?i:items)/\pL+'
            {{ToSvcA}}
            """);

        AssertJson("""{"safeRegex": {"regex": "/(?P<v>v[0-9]{1,3})/(?i:items)/\\pL+"}}""", Assert.Single(RoutesOfSvcA(snapshot)).Match);
        Assert.DoesNotContain(Assert.Single(Parents(snapshot, "r")).Conditions, c => c.Type == RouteStatusWriter.PartiallyInvalidCondition);
        Assert.Empty(snapshot.Warnings);
    }

    [Fact]
    public void A_header_modifier_entry_with_a_control_character_is_dropped_and_its_siblings_stay()
    {
        var snapshot = WithRules($"""
            - filters:
              - type: RequestHeaderModifier
                requestHeaderModifier:
                  add:
                  - name: x-bad
                    value: "a\r\nInjected: 1"
                  - name: x-good
                    value: "tab\tok"
                  set:
                  - name: x-nul
                    value: "a\0b"
            {ToSvcA}
            """);

        var route = Assert.Single(RoutesOfSvcA(snapshot));
        Assert.Equal(["x-good"], route.RequestHeadersToAdd.Select(static h => h.Header.Key));
        Assert.Contains(snapshot.Warnings, w => w.Message == "spec.rules[0].filters[0].requestHeaderModifier.add[0]: \"a\\r\\nInjected: 1\" contains a carriage return (CR), which is not allowed in an HTTP header; the header is dropped");
        Assert.Contains(snapshot.Warnings, w => w.Message == "spec.rules[0].filters[0].requestHeaderModifier.set[0]: \"a\\u0000b\" contains a NUL character, which is not allowed in an HTTP header; the header is dropped");
    }

    [Fact]
    public void A_header_modifier_that_sets_or_removes_the_host_header_is_dropped_as_Envoy_refuses_it()
    {
        var snapshot = WithRules($"""
            - filters:
              - type: RequestHeaderModifier
                requestHeaderModifier:
                  set:
                  - name: Host
                    value: other.example.com
                  - name: x-kept
                    value: "1"
                  remove: [host, x-gone]
            {ToSvcA}
            """);

        var route = Assert.Single(RoutesOfSvcA(snapshot));
        Assert.Equal(["x-kept"], route.RequestHeadersToAdd.Select(static h => h.Header.Key));
        Assert.Equal(["x-gone"], route.RequestHeadersToRemove);
        Assert.Contains(snapshot.Warnings, w => w.Message == "spec.rules[0].filters[0].requestHeaderModifier.set[0]: header \"Host\" cannot be modified or removed by a route in Envoy (a URLRewrite filter's hostname rewrites it); the header is dropped");
        Assert.Contains(snapshot.Warnings, w => w.Message == "spec.rules[0].filters[0].requestHeaderModifier.remove[0]: header \"host\" cannot be modified or removed by a route in Envoy (a URLRewrite filter's hostname rewrites it); the header is dropped");
    }

    [Fact]
    public void A_backendRef_header_filter_with_a_control_character_is_dropped()
    {
        var snapshot = WithRules("""
            - backendRefs:
              - name: svc-a
                port: 5000
                filters:
                - type: ResponseHeaderModifier
                  responseHeaderModifier:
                    set:
                    - name: x-bad
                      value: "a\nb"
            """);

        Assert.Empty(Assert.Single(RoutesOfSvcA(snapshot)).ResponseHeadersToAdd);
        Assert.Contains(snapshot.Warnings, w => w.Message.StartsWith("spec.rules[0].backendRefs[0].filters[0].responseHeaderModifier.set[0]: ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_redirect_with_a_control_character_in_its_path_answers_500_instead_of_forwarding()
    {
        var snapshot = WithRules("""
            - filters:
              - type: RequestRedirect
                requestRedirect:
                  path:
                    type: ReplaceFullPath
                    replaceFullPath: "/new\r\nLocation: x"
            """);

        var route = Assert.Single(RoutesOfSvcA(snapshot));
        Assert.Equal(500u, route.DirectResponse.Status);
        Assert.Null(route.Redirect);
        Assert.Contains(snapshot.Warnings, w => w.Message.StartsWith("spec.rules[0].filters[0].requestRedirect.path.replaceFullPath: ", StringComparison.Ordinal) && w.Message.EndsWith("; the rule answers 500", StringComparison.Ordinal));
    }

    [Fact]
    public void A_GRPCRoute_method_regex_that_is_not_RE2_drops_the_match_naming_the_method_field()
    {
        var snapshot = WithRules($"""
            - matches:
              - method:
                  type: RegularExpression
                  service: 'shop\.(?!x)Cart'
              - method:
                  service: shop.Cart
                  method: Get
            {ToSvcA}
            """, kind: "GRPCRoute");

        AssertJson("""{"path": "/shop.Cart/Get"}""", Assert.Single(RoutesOfSvcA(snapshot)).Match);
        Assert.Contains(snapshot.Warnings, w => w.Subject == "GRPCRoute infra/r" && w.Message.StartsWith("spec.rules[0].matches[0].method: \"/shop\\\\.(?!x)Cart/[^/]+\" is not a valid RE2", StringComparison.Ordinal));
    }
}
