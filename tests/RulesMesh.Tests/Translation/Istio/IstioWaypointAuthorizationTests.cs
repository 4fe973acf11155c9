using Envoy.Config.Listener.V3;
using RulesMesh.Translation.Output;
using static RulesMesh.Tests.Translation.Istio.IstioWaypointHarness;
using HttpRbac = Envoy.Extensions.Filters.Http.Rbac.V3.RBAC;
using NetworkRbac = Envoy.Extensions.Filters.Network.Rbac.V3.RBAC;

namespace RulesMesh.Tests.Translation.Istio;

/// <summary>
/// Which AuthorizationPolicies reach which waypoint chains in the istio profile (docs/spec/istio-waypoint-output.md §6):
/// a per-service chain takes policies targeting its Service or ServiceEntry (from its namespace), the waypoint Gateway
/// (from the waypoint's namespace) and the GatewayClass <c>istio-waypoint</c> (from the root namespace); the direct
/// chains take only the last two; selector-only policies are ztunnel's. Expected RBAC policy keys are
/// <c>ns[&lt;ns&gt;]-policy[&lt;name&gt;]-rule[&lt;i&gt;]</c>, written from the spec.
/// </summary>
public sealed class IstioWaypointAuthorizationTests
{
    private const string ReviewsHttp = "inbound-vip|9080|http|reviews.shop.svc.cluster.local";
    private const string DbTcp = "inbound-vip|5432|tcp|db.shop.svc.cluster.local";

    private static readonly string Services = Service("reviews", "10.96.0.20", "[{ name: http, port: 9080 }]")
        + Service("db", "10.96.0.21", "[{ name: tcp-postgres, port: 5432 }]", created: "2026-01-01T00:00:02Z");

    private static string Policy(string ns, string name, string targets, string action = "DENY") => $$"""
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: { name: {{name}}, namespace: {{ns}} }
        spec:
          {{targets}}
          action: {{action}}
          rules: [{ from: [{ source: { ipBlocks: [192.0.2.0/24] } }] }]
        ---

        """;

    /// <summary>The RBAC policy keys of an HTTP chain's filters, in filter order.</summary>
    private static IReadOnlyList<string> HttpKeys(XdsSnapshot snapshot, string chain)
        => [.. Manager(Chain(snapshot, chain)).HttpFilters.Where(static f => f.Name == "envoy.filters.http.rbac")
            .SelectMany(static f => f.TypedConfig.Unpack<HttpRbac>().Rules.Policies.Keys.Order(StringComparer.Ordinal))];

    /// <summary>The RBAC policy keys of a TCP chain's filters, in filter order.</summary>
    private static IReadOnlyList<string> NetworkKeys(FilterChain chain)
        => [.. chain.Filters.Where(static f => f.Name == "envoy.filters.network.rbac")
            .SelectMany(static f => f.TypedConfig.Unpack<NetworkRbac>().Rules.Policies.Keys.Order(StringComparer.Ordinal))];

    [Fact]
    public void APolicyOnTheIstioWaypointClassFromTheRootNamespaceReachesEveryChain()
    {
        var snapshot = TranslateIstio(Waypoint + Services
            + Policy("istio-system", "mesh-wide", "targetRefs: [{ group: gateway.networking.k8s.io, kind: GatewayClass, name: istio-waypoint }]"));

        const string key = "ns[istio-system]-policy[mesh-wide]-rule[0]";
        Assert.Equal([key], HttpKeys(snapshot, ReviewsHttp));
        Assert.Equal([key], NetworkKeys(Chain(snapshot, DbTcp)));
        Assert.Equal([key], NetworkKeys(Chain(snapshot, "direct-tcp")));
        Assert.Equal([key], HttpKeys(snapshot, "direct-http"));
    }

    [Fact]
    public void APolicyOnKgatewaysClassOrOnTheClassFromAnotherNamespaceReachesNoChain()
    {
        var snapshot = TranslateIstio(Waypoint + Services
            + Policy("istio-system", "kgateway-class", "targetRefs: [{ group: gateway.networking.k8s.io, kind: GatewayClass, name: kgateway-waypoint }]")
            + Policy("shop", "not-root", "targetRefs: [{ group: gateway.networking.k8s.io, kind: GatewayClass, name: istio-waypoint }]"));

        Assert.Empty(HttpKeys(snapshot, ReviewsHttp));
        Assert.Empty(NetworkKeys(Chain(snapshot, "direct-tcp")));
        Assert.Empty(HttpKeys(snapshot, "direct-http"));
        Assert.Contains(snapshot.Warnings, static w => w.Subject == "AuthorizationPolicy istio-system/kgateway-class");
        Assert.Contains(snapshot.Warnings, static w => w.Subject == "AuthorizationPolicy shop/not-root");
    }

    [Fact]
    public void APolicyOnTheWaypointGatewayGoesOnTheDirectChainsInTheirFilterOrder()
    {
        var snapshot = TranslateIstio(Waypoint + Services
            + Policy("shop", "on-waypoint", "targetRefs: [{ group: gateway.networking.k8s.io, kind: Gateway, name: waypoint }]"));

        Assert.Equal(
            ["connect_authority", "istio.metadata_exchange", "envoy.filters.network.rbac", "istio.stats", "envoy.filters.network.tcp_proxy"],
            Chain(snapshot, "direct-tcp").Filters.Select(static f => f.Name));
        Assert.Equal("tcp.", Chain(snapshot, "direct-tcp").Filters[2].TypedConfig.Unpack<NetworkRbac>().StatPrefix);
        Assert.Equal(
            ["envoy.filters.http.rbac", "envoy.filters.http.grpc_stats", "envoy.filters.http.fault", "envoy.filters.http.cors", "waypoint_upstream_peer_metadata", "istio.stats", "envoy.filters.http.router"],
            Manager(Chain(snapshot, "direct-http")).HttpFilters.Select(static f => f.Name));
        Assert.Equal(["ns[shop]-policy[on-waypoint]-rule[0]"], HttpKeys(snapshot, ReviewsHttp));
    }

    [Fact]
    public void APolicyOnAServiceReachesOnlyThatServicesChains()
    {
        var snapshot = TranslateIstio(Waypoint + Services
            + Policy("shop", "reviews-only", "targetRefs: [{ group: \"\", kind: Service, name: reviews }]")
            + Policy("shop", "db-by-singular-ref", "targetRef: { kind: Service, name: db }"));

        Assert.Equal(["ns[shop]-policy[reviews-only]-rule[0]"], HttpKeys(snapshot, ReviewsHttp));
        Assert.Equal(["ns[shop]-policy[db-by-singular-ref]-rule[0]"], NetworkKeys(Chain(snapshot, DbTcp)));
        Assert.Empty(NetworkKeys(Chain(snapshot, "direct-tcp")));
        Assert.Empty(HttpKeys(snapshot, "direct-http"));
    }

    [Fact]
    public void APolicyFromAnotherNamespaceOrWithOnlyASelectorReachesNoChain()
    {
        var snapshot = TranslateIstio(Waypoint + Services
            + Policy("other", "same-name-elsewhere", "targetRefs: [{ kind: Service, name: reviews }]")
            + Policy("other", "on-a-waypoint-elsewhere", "targetRefs: [{ group: gateway.networking.k8s.io, kind: Gateway, name: waypoint }]")
            + Policy("shop", "selector", "selector: { matchLabels: { app: reviews } }"));

        Assert.Empty(HttpKeys(snapshot, ReviewsHttp));
        Assert.Empty(HttpKeys(snapshot, "direct-http"));
    }

    [Fact]
    public void APolicyOnAServiceEntryReachesTheChainsOfEachOfItsHosts()
    {
        var snapshot = TranslateIstio(Waypoint + """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: { name: ext, namespace: shop, labels: { istio.io/use-waypoint: waypoint } }
            spec: { hosts: [a.example.com, b.example.com], addresses: [240.0.0.1], ports: [{ number: 80, name: http, protocol: HTTP }], resolution: DNS }
            ---

            """ + Policy("shop", "ext-allow", "targetRefs: [{ group: networking.istio.io, kind: ServiceEntry, name: ext }]", action: "ALLOW"));

        Assert.Equal(["ns[shop]-policy[ext-allow]-rule[0]"], HttpKeys(snapshot, "inbound-vip|80|http|a.example.com"));
        Assert.Equal(["ns[shop]-policy[ext-allow]-rule[0]"], HttpKeys(snapshot, "inbound-vip|80|http|b.example.com"));
    }

    [Fact]
    public void AnAllowPolicyWithoutRulesDeniesEverythingWithANeverMatchingEntry()
    {
        var snapshot = TranslateIstio(Waypoint + Services + """
            apiVersion: security.istio.io/v1
            kind: AuthorizationPolicy
            metadata: { name: lockdown, namespace: shop }
            spec:
              targetRefs: [{ kind: Service, name: reviews }]
              action: ALLOW
            """);

        var rbac = Manager(Chain(snapshot, ReviewsHttp)).HttpFilters.Single(static f => f.Name == "envoy.filters.http.rbac").TypedConfig.Unpack<HttpRbac>();
        Assert.Equal(Envoy.Config.Rbac.V3.RBAC.Types.Action.Allow, rbac.Rules.Action);
        var never = rbac.Rules.Policies["ns[shop]-policy[lockdown]-rule[0]"];
        Assert.True(never.Permissions.Single().NotRule.Any);
        Assert.True(never.Principals.Single().NotId.Any);
    }

    [Fact]
    public void AnInvalidNegatedValueIsReportedUnderItsOwnField()
    {
        var snapshot = TranslateIstio(Waypoint + Services + """
            apiVersion: security.istio.io/v1
            kind: AuthorizationPolicy
            metadata: { name: deny-some, namespace: shop }
            spec:
              targetRefs: [{ kind: Service, name: reviews }]
              action: DENY
              rules: [{ from: [{ source: { notIpBlocks: [not-an-ip] } }] }]
            """);

        Assert.Contains(snapshot.Warnings, static w => w.Subject == "AuthorizationPolicy shop/deny-some" && w.Message.Contains("from.source.notIpBlocks 'not-an-ip'", StringComparison.Ordinal));
        Assert.DoesNotContain(snapshot.Warnings, static w => w.Message.Contains("from.source.ipBlocks", StringComparison.Ordinal));
    }

    [Fact]
    public void ACustomPolicyIsReportedAndLeftOut()
    {
        var snapshot = TranslateIstio(Waypoint + Services
            + Policy("shop", "ext-authz", "targetRefs: [{ kind: Service, name: reviews }]", action: "CUSTOM"));

        Assert.Empty(HttpKeys(snapshot, ReviewsHttp));
        Assert.Contains(snapshot.Warnings, static w => w.Subject == "AuthorizationPolicy shop/ext-authz" && w.Message.Contains("CUSTOM", StringComparison.Ordinal));
    }
}
