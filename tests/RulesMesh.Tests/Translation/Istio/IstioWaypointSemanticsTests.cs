using EnvoyCluster = Envoy.Config.Cluster.V3.Cluster;
using RulesMesh.Capture;
using static RulesMesh.Tests.Translation.Backends.BackendsHarness;
using static RulesMesh.Tests.Translation.Istio.IstioWaypointHarness;

namespace RulesMesh.Tests.Translation.Istio;

/// <summary>
/// Istio's attachment and service semantics in the istio profile's waypoint output (docs/spec/istio-waypoint-output.md
/// §1, §2.2, §3, §4, §5, §6; docs/spec/istio-gatewayapi.md §6). Expected names are written from the spec.
/// </summary>
public sealed class IstioWaypointSemanticsTests
{
    private const string ReviewsChain = "inbound-vip|9080|http|reviews.shop.svc.cluster.local";

    private static readonly string Reviews = Service("reviews", "10.96.0.20", "[{ name: http, port: 9080 }]");

    private static string Route(string ns, string name, string parent, string backend) => $$"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: { name: {{name}}, namespace: {{ns}} }
        spec:
          parentRefs: [{{parent}}]
          rules: [{ backendRefs: [{{backend}}] }]
        ---

        """;

    private static string PathRoute(string ns, string name, string parent, string path, string backend) => $$"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: { name: {{name}}, namespace: {{ns}} }
        spec:
          parentRefs: [{{parent}}]
          rules: [{ matches: [{ path: { type: PathPrefix, value: {{path}} } }], backendRefs: [{{backend}}] }]
        ---

        """;

    // A Service in namespace other, which no waypoint captures.
    private static string OtherService(string name, string clusterIp) => $$"""
        apiVersion: v1
        kind: Service
        metadata: { name: {{name}}, namespace: other }
        spec: { clusterIP: {{clusterIp}}, ports: [{ name: http, port: 9080 }] }
        ---

        """;

    /// <summary>An HTTPRoute in <c>shop</c> on the owned Service <c>reviews</c>, to <paramref name="backend"/>.</summary>
    private static string ReviewsRoute(string name, string backend) => Route("shop", name, "{ group: \"\", kind: Service, name: reviews }", backend);

    /// <summary>The one route of the reviews chain.</summary>
    private static Envoy.Config.Route.V3.Route OnlyRoute(RulesMesh.Translation.Output.XdsSnapshot snapshot) => RouteConfig(snapshot, ReviewsChain).VirtualHosts.Single().Routes.Single();

    /// <summary>The reviews chain's one route goes to <paramref name="cluster"/>, and <paramref name="route"/>'s status has no False condition.</summary>
    private static void AssertRoutesAndResolves(RulesMesh.Translation.Output.XdsSnapshot snapshot, string route, string cluster)
    {
        Assert.Equal(cluster, OnlyRoute(snapshot).Route_.Cluster);
        Assert.DoesNotContain(snapshot.HttpRouteStatuses[route].Parents.Single().Conditions, static c => c.Status == "False");
    }

    private static IReadOnlyList<string> RouteNames(RulesMesh.Translation.Output.XdsSnapshot snapshot, string chain)
        => [.. RouteConfig(snapshot, chain).VirtualHosts.Single().Routes.Select(static r => r.Name)];

    [Fact]
    public void RoutesOnTheWaypointGatewayAreIgnored()
    {
        var snapshot = TranslateIstio(Waypoint + Reviews + Route("shop", "on-gateway", "{ name: waypoint }", "{ name: reviews, port: 9080 }"));

        var route = OnlyRoute(snapshot);
        Assert.Equal("default", route.Name);
        Assert.Equal(ReviewsChain, route.Route_.Cluster);
        Assert.Equal("reviews.shop.svc.cluster.local:9080/*", route.Decorator.Operation);
    }

    [Fact]
    public void OnlyRoutesFromTheServicesOrTheWaypointsNamespaceApply()
    {
        const string waypointElsewhere = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: { name: waypoint, namespace: infra }
            spec:
              gatewayClassName: istio-waypoint
              listeners: [{ name: mesh, port: 15008, protocol: HBONE, allowedRoutes: { namespaces: { from: All } } }]
            status:
              addresses: [{ type: IPAddress, value: 10.0.0.9 }]
            ---
            apiVersion: v1
            kind: Service
            metadata: { name: reviews, namespace: shop, labels: { istio.io/use-waypoint: waypoint, istio.io/use-waypoint-namespace: infra } }
            spec:
              clusterIP: 10.96.0.20
              ports: [{ name: http, port: 9080 }]
            ---

            """;
        const string parent = "{ group: \"\", kind: Service, name: reviews, namespace: shop }";
        const string backend = "{ name: reviews, namespace: shop, port: 9080 }";
        var snapshot = TranslateIstio(waypointElsewhere
            + PathRoute("shop", "own", parent, "/own", backend) + PathRoute("infra", "waypoints", parent, "/waypoints", backend) + PathRoute("other", "foreign", parent, "/foreign", backend));

        Assert.Equal(["infra.waypoints.0", "shop.own.0"], RouteNames(snapshot, ReviewsChain).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AParentRefPortNarrowsTheRouteToThatPort()
    {
        var snapshot = TranslateIstio(Waypoint
            + Service("reviews", "10.96.0.20", "[{ name: http, port: 9080 }, { name: http-admin, port: 9081 }]")
            + Route("shop", "main-only", "{ group: \"\", kind: Service, name: reviews, port: 9080 }", "{ name: reviews, port: 9081 }"));

        var route = OnlyRoute(snapshot);
        Assert.Equal("shop.main-only.0", route.Name);
        Assert.Equal("/apis/networking.istio.io/v1/namespaces/shop/virtual-service/shop~9080~reviews.shop.svc.cluster.local", route.Metadata.FilterMetadata["istio"].Fields["config"].StringValue);
        Assert.Equal("inbound-vip|9081|http|reviews.shop.svc.cluster.local", route.Route_.Cluster);
        Assert.Equal(["default"], RouteNames(snapshot, "inbound-vip|9081|http|reviews.shop.svc.cluster.local"));
    }

    [Fact]
    public void AHostnameParentRefIsRefusedWithARouteStatus()
    {
        var snapshot = TranslateIstio(Waypoint
            + "apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: { name: ext, namespace: shop, labels: { istio.io/use-waypoint: waypoint } }\nspec: { hosts: [api.example.com], addresses: [240.0.0.1], ports: [{ number: 80, name: http, protocol: HTTP }], resolution: DNS }\n---\n"
            + Route("shop", "by-host", "{ group: networking.istio.io, kind: Hostname, name: api.example.com }", "{ name: reviews, port: 9080 }"));

        var accepted = snapshot.HttpRouteStatuses["shop/by-host"].Parents.Single().Conditions.Single(static c => c.Type == "Accepted");
        Assert.Equal(("False", "UnsupportedValue"), (accepted.Status, accepted.Reason));
        Assert.Equal(["default"], RouteNames(snapshot, "inbound-vip|80|http|api.example.com"));
    }

    [Fact]
    public void EachHostOfAServiceEntryIsAServiceWithItsOwnAutoAllocatedAddress()
    {
        var snapshot = TranslateIstio(Waypoint + """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: { name: multi, namespace: shop, labels: { istio.io/use-waypoint: waypoint } }
            spec: { hosts: [a.example.com, b.example.com], ports: [{ number: 80, name: http, protocol: HTTP }], resolution: DNS }
            status:
              addresses: [{ host: a.example.com, value: 240.240.0.1 }, { host: b.example.com, value: 240.240.0.2 }]
            """);

        Assert.Equal(["240.240.0.1/32 → 80 → inbound-vip|80|http|a.example.com", "240.240.0.2/32 → 80 → inbound-vip|80|http|b.example.com"], MatcherLines(snapshot));
        Assert.Equal(["default"], RouteNames(snapshot, "inbound-vip|80|http|b.example.com"));
        Assert.Equal("inbound-vip|80|http|b.example.com", RouteConfig(snapshot, "inbound-vip|80|http|b.example.com").VirtualHosts.Single().Routes.Single().Route_.Cluster);
    }

    // The waypoint names chains and inbound clusters by host alone: two namespaces' entries for one host would give
    // main_internal two chains of one name (its matcher names chains) and both VIPs one cluster.
    [Fact]
    public void AHostOwnedFromTwoNamespacesIsServedAsTheFirstInIstiodsOrderAndTheOtherWarned()
    {
        // The waypoint admits other namespaces, so other/dup binds to it too.
        var waypoint = Waypoint.Replace("protocol: HBONE }]", "protocol: HBONE, allowedRoutes: { namespaces: { from: All } } }]", StringComparison.Ordinal);
        var snapshot = TranslateIstio(waypoint + """
            apiVersion: v1
            kind: Namespace
            metadata: { name: other, labels: { istio.io/dataplane-mode: ambient } }
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: { name: dup, namespace: other, creationTimestamp: "2025-02-02T00:00:00Z", labels: { istio.io/use-waypoint: waypoint, istio.io/use-waypoint-namespace: shop } }
            spec: { hosts: [dup.example.com], addresses: [240.0.3.2], ports: [{ number: 80, name: http, protocol: HTTP }, { number: 81, name: tcp, protocol: TCP }], resolution: STATIC, endpoints: [{ address: 10.30.0.1 }] }
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: { name: dup, namespace: shop, creationTimestamp: "2025-02-01T00:00:00Z", labels: { istio.io/use-waypoint: waypoint } }
            spec: { hosts: [dup.example.com], addresses: [240.0.3.1], ports: [{ number: 80, name: http, protocol: HTTP }], resolution: DNS }
            """);

        Assert.Equal(["inbound-vip|80|http|dup.example.com"], ChainNames(snapshot).Where(static n => n.Contains("dup", StringComparison.Ordinal)));
        Assert.Equal(["240.0.3.1/32 → 80 → inbound-vip|80|http|dup.example.com"], MatcherLines(snapshot));
        Assert.Equal(EnvoyCluster.Types.DiscoveryType.StrictDns, Cluster(snapshot, "inbound-vip|80|http|dup.example.com").Type);
        Assert.Contains(snapshot.Warnings, static w => w.Subject == "ServiceEntry other/dup" && w.Message.StartsWith("host dup.example.com is also owned by waypoint shop/waypoint from ServiceEntry shop/dup", StringComparison.Ordinal));
    }

    [Fact]
    public void AnEntryThatOptsOutOfAutoAllocationHasNoAddressToMatch()
    {
        var snapshot = TranslateIstio(Waypoint + """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: { name: manual, namespace: shop, labels: { istio.io/use-waypoint: waypoint, networking.istio.io/enable-autoallocate-ip: "false" } }
            spec: { hosts: [a.example.com], ports: [{ number: 80, name: http, protocol: HTTP }], resolution: DNS }
            status:
              addresses: [{ host: a.example.com, value: 240.240.0.1 }]
            """);

        Assert.Equal(["0.0.0.0/32 → 80 → inbound-vip|80|http|a.example.com"], MatcherLines(snapshot));
    }

    [Fact]
    public void AHeadlessServiceHasAnOriginalDstCluster()
    {
        var snapshot = TranslateIstio(Waypoint + Service("db", "None", "[{ name: http, port: 8080 }]"));

        var cluster = Cluster(snapshot, "inbound-vip|8080|http|db.shop.svc.cluster.local");
        Assert.Equal((EnvoyCluster.Types.DiscoveryType.OriginalDst, EnvoyCluster.Types.LbPolicy.ClusterProvided), (cluster.Type, cluster.LbPolicy));
        Assert.Equal(["0.0.0.0/32 → 8080 → inbound-vip|8080|http|db.shop.svc.cluster.local"], MatcherLines(snapshot));
    }

    [Fact]
    public void UdpPortsAreSkipped()
    {
        var snapshot = TranslateIstio(Waypoint + Service("dns", "10.96.0.53", "[{ name: dns, port: 53, protocol: UDP }, { name: tcp-dns, port: 5353, protocol: TCP }]"));

        Assert.Equal(["inbound-vip|5353|tcp|dns.shop.svc.cluster.local", "direct-tcp", "direct-http"], ChainNames(snapshot));
        Assert.DoesNotContain(snapshot.Clusters, static c => c.Name.Contains("|53|", StringComparison.Ordinal));
    }

    [Fact]
    public void APortOfUnknownProtocolIsSniffedAndServedByBothChains()
    {
        var snapshot = TranslateIstio(Waypoint + Service("web", "10.96.0.30", "[{ name: web, port: 8080 }]"));

        Assert.Equal(["inbound-vip|8080|tcp|web.shop.svc.cluster.local", "inbound-vip|8080|http|web.shop.svc.cluster.local", "direct-tcp", "direct-http"], ChainNames(snapshot));
        Assert.Equal(
            ["10.96.0.30/32 → 8080 → sniff('h2c':inbound-vip|8080|http|web.shop.svc.cluster.local, 'http/1.1':inbound-vip|8080|http|web.shop.svc.cluster.local, else:inbound-vip|8080|tcp|web.shop.svc.cluster.local)"],
            MatcherLines(snapshot));
        Assert.Null(Listener(snapshot, "main_internal").ListenerFilters.Single(static f => f.Name == "envoy.filters.listener.http_inspector").FilterDisabled);
        Assert.Contains(snapshot.Clusters, static c => c.Name == "inbound-vip|8080|tcp|web.shop.svc.cluster.local");
        Assert.True(Cluster(snapshot, "inbound-vip|8080|http|web.shop.svc.cluster.local").TypedExtensionProtocolOptions.ContainsKey("envoy.extensions.upstreams.http.v3.HttpProtocolOptions"));
    }

    [Fact]
    public void ARouteToAServiceTheWaypointOwnsUsesItsInboundVipClusterAndNoOutboundOne()
    {
        var snapshot = TranslateIstio(Waypoint + Reviews + Service("details", "10.96.0.40", "[{ name: http, port: 9080 }]")
            + ReviewsRoute("to-details", "{ name: details, port: 9080 }"));

        var route = OnlyRoute(snapshot);
        Assert.Equal("inbound-vip|9080|http|details.shop.svc.cluster.local", route.Route_.Cluster);
        Assert.Equal("details.shop.svc.cluster.local:9080/*", route.Decorator.Operation);
        Assert.DoesNotContain(snapshot.Clusters, static c => c.Name.StartsWith("outbound|", StringComparison.Ordinal));
    }

    [Fact]
    public void ALoneBackendOfWeightZeroLeavesNothingToRouteToAndAnswers500()
    {
        // §4.1: weight-0 backends are dropped before "one left" is counted; none above 0 is a direct 500.
        var snapshot = TranslateIstio(Waypoint + Reviews + Service("details", "10.96.0.40", "[{ name: http, port: 9080 }]")
            + ReviewsRoute("to-details", "{ name: details, port: 9080, weight: 0 }"));

        var route = OnlyRoute(snapshot);
        Assert.Equal(500u, route.DirectResponse.Status);
        Assert.Null(route.Route_);
    }

    [Fact]
    public void ABackendLeftAloneByWeightZeroOnesIsTheWholeRoute()
    {
        var snapshot = TranslateIstio(Waypoint + Reviews + Service("details", "10.96.0.40", "[{ name: http, port: 9080 }]")
            + ReviewsRoute("to-details", "{ name: details, port: 9080, weight: 0 }, { name: reviews, port: 9080, weight: 7 }"));

        var route = OnlyRoute(snapshot);
        Assert.Equal("inbound-vip|9080|http|reviews.shop.svc.cluster.local", route.Route_.Cluster);
        Assert.Null(route.Route_.WeightedClusters);
    }

    [Fact]
    public void AMeshRouteReachesABackendInAnotherNamespaceWithoutAReferenceGrant()
    {
        // §4.1: istiod enforces no ReferenceGrant for mesh routes (Service or ServiceEntry parents).
        var snapshot = TranslateIstio(Waypoint + Reviews + OtherService("ratings", "10.96.0.30")
            + ReviewsRoute("to-ratings", "{ name: ratings, namespace: other, port: 9080 }"));

        var route = OnlyRoute(snapshot);
        Assert.Equal("outbound|9080||ratings.other.svc.cluster.local", route.Route_.Cluster);
        Assert.Contains(snapshot.Clusters, static c => c.Name == "outbound|9080||ratings.other.svc.cluster.local");
        Assert.DoesNotContain(snapshot.HttpRouteStatuses["shop/to-ratings"].Parents.SelectMany(static p => p.Conditions), static c => c.Status == "False");
    }

    [Fact]
    public void AMatchEnvoyWouldRefuseIsDroppedWithAWarningAndTheRouteIsPartiallyInvalid()
    {
        // Invalid input never reaches Envoy (kgateway-waypoint.md §9.4, every profile): a regex that is not RE2 would
        // make Envoy refuse the whole listener, every service of the waypoint with it.
        var snapshot = TranslateIstio(Waypoint + Reviews + """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: { name: regex, namespace: shop }
            spec:
              parentRefs: [{ group: "", kind: Service, name: reviews }]
              rules:
              - matches: [{ path: { type: RegularExpression, value: "/(?=x)" } }, { path: { type: Exact, value: /kept } }]
                backendRefs: [{ name: reviews, port: 9080 }]
              - matches: [{ headers: [{ name: x-a, type: RegularExpression, value: "(a)\\1" }] }]
                backendRefs: [{ name: reviews, port: 9080 }]
            ---

            """);

        var route = OnlyRoute(snapshot);
        Assert.Equal("/kept", route.Match.Path);
        Assert.Contains(snapshot.Warnings, static w => w.Subject == "HTTPRoute shop/regex"
            && w.Message == "spec.rules[0].matches[0].path.value: \"/(?=x)\" is not a valid RE2 regular expression (invalid or unsupported Perl syntax: (?=); the match is dropped");
        Assert.Contains(snapshot.Warnings, static w => w.Subject == "HTTPRoute shop/regex" && w.Message == "spec.rules[1]: no match of the rule is valid; the rule is dropped");
        var conditions = snapshot.HttpRouteStatuses["shop/regex"].Parents.Single().Conditions;
        Assert.Equal(("True", "Accepted"), conditions.Where(static c => c.Type == "Accepted").Select(static c => (c.Status, c.Reason)).Single());
        Assert.Equal(("True", "UnsupportedValue"), conditions.Where(static c => c.Type == "PartiallyInvalid").Select(static c => (c.Status, c.Reason)).Single());
    }

    [Fact]
    public void ARouteWithNoValidRuleIsNotAcceptedAndAddsNoRoutes()
    {
        var snapshot = TranslateIstio(Waypoint + Reviews + """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: { name: regex, namespace: shop }
            spec:
              parentRefs: [{ group: "", kind: Service, name: reviews }]
              rules: [{ matches: [{ path: { type: RegularExpression, value: "/(['" } }], backendRefs: [{ name: reviews, port: 9080 }] }]
            ---

            """);

        Assert.Equal("inbound-vip|9080|http|reviews.shop.svc.cluster.local", OnlyRoute(snapshot).Route_.Cluster);
        var accepted = snapshot.HttpRouteStatuses["shop/regex"].Parents.Single().Conditions.Single(static c => c.Type == "Accepted");
        Assert.Equal(("False", "UnsupportedValue"), (accepted.Status, accepted.Reason));
    }

    [Fact]
    public void AMeshRoutesStatusIsWrittenByIstiodsMeshControllerWithAcceptedAndResolvedRefsOnly()
    {
        // istiod reports Service and ServiceEntry parents as its mesh controller, with its own messages and no
        // kgateway.dev/Programmed condition.
        var snapshot = TranslateIstio(Waypoint + Reviews
            + ReviewsRoute("to-reviews", "{ name: reviews, port: 9080 }")
            + ReviewsRoute("to-nowhere", "{ name: nowhere, port: 9080 }"));

        var resolved = snapshot.HttpRouteStatuses["shop/to-reviews"].Parents.Single();
        Assert.Equal("istio.io/mesh-controller", resolved.ControllerName);
        Assert.Equal(
            [("Accepted", "True", "Accepted", "Route was valid"), ("ResolvedRefs", "True", "ResolvedRefs", "All references resolved")],
            resolved.Conditions.Select(static c => (c.Type, c.Status, c.Reason, c.Message)));
        var unresolved = snapshot.HttpRouteStatuses["shop/to-nowhere"].Parents.Single();
        Assert.Equal("istio.io/mesh-controller", unresolved.ControllerName);
        Assert.Equal(
            [("Accepted", "True", "Accepted"), ("ResolvedRefs", "False", "BackendNotFound")],
            unresolved.Conditions.Select(static c => (c.Type, c.Status, c.Reason)));
    }

    [Fact]
    public void ADestinationOfARouteThatDoesNotApplyStillGetsItsOutboundCluster()
    {
        // §3: referencedDestinations takes every mesh route of an owned host, with no namespace filter; §4.2 then keeps
        // only the service's and the waypoint's namespaces in the route configuration.
        var snapshot = TranslateIstio(Waypoint + Reviews + OtherService("canary", "10.96.0.31")
            + Route("other", "foreign", "{ group: \"\", kind: Service, name: reviews, namespace: shop }", "{ name: canary, port: 9080 }"));

        Assert.Equal(ReviewsChain, OnlyRoute(snapshot).Route_.Cluster);
        Assert.Contains(snapshot.Clusters, static c => c.Name == "outbound|9080||canary.other.svc.cluster.local");
    }

    [Fact]
    public void ADestinationOfARuleAfterACatchAllStillGetsItsOutboundCluster()
    {
        // The matchless rule is the prefix "/", which sorts before the regex and ends the VirtualService.
        var route = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: { name: split, namespace: shop }
            spec:
              parentRefs: [{ group: "", kind: Service, name: reviews }]
              rules:
              - backendRefs: [{ name: reviews, port: 9080 }]
              - matches: [{ path: { type: RegularExpression, value: "/v2/.*" } }]
                backendRefs: [{ name: ratings, namespace: other, port: 9080 }]
            ---

            """;
        var snapshot = TranslateIstio(Waypoint + Reviews + OtherService("ratings", "10.96.0.30") + route);

        Assert.Equal(["shop.split.0"], RouteNames(snapshot, ReviewsChain));
        Assert.Contains(snapshot.Clusters, static c => c.Name == "outbound|9080||ratings.other.svc.cluster.local");
    }

    [Fact]
    public void PrefixesAreSortedByTheirLengthWithoutTheTrailingSlashTheyLose()
    {
        // §4.1: "/foo/" becomes "/foo" when converted, so the two tie and keep their written order.
        var route = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: { name: r, namespace: shop }
            spec:
              parentRefs: [{ group: "", kind: Service, name: reviews }]
              rules:
              - matches: [{ path: { type: PathPrefix, value: /foo } }]
                backendRefs: [{ name: reviews, port: 9080 }]
              - matches: [{ path: { type: PathPrefix, value: /foo/ } }]
                backendRefs: [{ name: reviews, port: 9080 }]
            ---

            """;

        Assert.Equal(["shop.r.0", "shop.r.1"], RouteNames(TranslateIstio(Waypoint + Reviews + route), ReviewsChain));
    }

    [Fact]
    public void AServiceImportBackendIsTheServiceOfItsName()
    {
        // istio-gatewayapi.md §7: without MCS host support (the default) a ServiceImport is <name>.<ns>.svc.<suffix>.
        var snapshot = TranslateIstio(Waypoint + Reviews + OtherService("ratings", "10.96.0.30")
            + ReviewsRoute("to-import", "{ group: multicluster.x-k8s.io, kind: ServiceImport, name: ratings, namespace: other, port: 9080 }"));

        var route = OnlyRoute(snapshot);
        Assert.Equal("outbound|9080||ratings.other.svc.cluster.local", route.Route_.Cluster);
        Assert.Contains(snapshot.Clusters, static c => c.Name == "outbound|9080||ratings.other.svc.cluster.local");
        Assert.DoesNotContain(snapshot.HttpRouteStatuses["shop/to-import"].Parents.Single().Conditions, static c => c.Status == "False");
    }

    [Fact]
    public void AHostnameBackendServedInTheRoutesNamespaceOnAnotherPortIsFoundOnTheRefsPort()
    {
        // istio-gatewayapi.md §7: the lookup is HostnameAndNamespace[host][routeNamespace], whatever the port; the
        // destination is the ref's host and port verbatim.
        var snapshot = TranslateIstio(Waypoint + Reviews
            + "apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: { name: ext, namespace: shop }\nspec: { hosts: [api.example.com], ports: [{ number: 443, name: tls, protocol: TLS }], resolution: DNS }\n---\n"
            + ReviewsRoute("to-host", "{ group: networking.istio.io, kind: Hostname, name: api.example.com, port: 8443 }"));

        AssertRoutesAndResolves(snapshot, "shop/to-host", "outbound|8443||api.example.com");
    }

    [Fact]
    public void AServiceAndAServiceEntryClaimingOneHostInANamespaceAreOneServiceTheKubernetesOnesWins()
    {
        // §1: istiod takes the one service of HostnameAndNamespace[H][ns]: a Kubernetes Service wins, then the oldest.
        // The ServiceEntry is older here; its policy targets a service the waypoint does not own.
        var snapshot = TranslateIstio(Waypoint + Reviews + """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: { name: reviews-se, namespace: shop, creationTimestamp: "2025-01-01T00:00:00Z", labels: { istio.io/use-waypoint: waypoint } }
            spec: { hosts: [reviews.shop.svc.cluster.local], addresses: [240.0.0.9], ports: [{ number: 9080, name: http, protocol: HTTP }], resolution: STATIC, endpoints: [{ address: 10.1.0.9 }] }
            ---
            apiVersion: security.istio.io/v1
            kind: AuthorizationPolicy
            metadata: { name: on-entry, namespace: shop }
            spec:
              targetRefs: [{ group: networking.istio.io, kind: ServiceEntry, name: reviews-se }]
              action: DENY
              rules: [{ from: [{ source: { ipBlocks: [192.0.2.0/24] } }] }]
            ---

            """);

        Assert.Equal([ReviewsChain], ChainNames(snapshot).Where(static n => n.Contains("reviews", StringComparison.Ordinal)));
        Assert.Single(snapshot.Clusters, static c => c.Name == ReviewsChain);
        Assert.DoesNotContain(Manager(Chain(snapshot, ReviewsChain)).HttpFilters, static f => f.Name == "envoy.filters.http.rbac");
        Assert.DoesNotContain(MatcherLines(snapshot), static line => line.Contains("240.0.0.9", StringComparison.Ordinal));
    }

    [Fact]
    public void ASubsetClusterOfAServiceEntryKeepsTheInlineEndpointsWithTheSubsetsLabels()
    {
        // §3, EDS for inbound-vip: "the service's endpoints for that port name, filtered by subset labels"; an inline
        // endpoint's labels are its own.
        var snapshot = TranslateIstio(Waypoint + """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: { name: db, namespace: shop, labels: { istio.io/use-waypoint: waypoint } }
            spec:
              hosts: [db.internal]
              addresses: [240.0.0.2]
              location: MESH_INTERNAL
              resolution: STATIC
              ports: [{ number: 5432, name: tcp, protocol: TCP }]
              endpoints: [{ address: 10.1.0.5, labels: { version: v1 } }, { address: 10.1.0.6, labels: { version: v2 } }]
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: { name: db, namespace: shop }
            spec: { host: db.internal, subsets: [{ name: v1, labels: { version: v1 } }] }
            ---

            """);

        static IEnumerable<string> Addresses(RulesMesh.Translation.Output.XdsSnapshot snapshot, string cluster)
            => snapshot.Endpoints.Single(e => e.ClusterName == cluster).Endpoints.SelectMany(static g => g.LbEndpoints).Select(static e => e.Endpoint.Address.SocketAddress.Address);

        Assert.Equal(["10.1.0.5"], Addresses(snapshot, "inbound-vip|5432|tcp/v1|db.internal"));
        Assert.Equal(["10.1.0.5", "10.1.0.6"], Addresses(snapshot, "inbound-vip|5432|tcp|db.internal").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AHostACapturedObjectClaimsIsServedAsTheServiceThatWinsItAmongEveryClaimantOfItsNamespace()
    {
        // §1: "it takes the one model.Service in ServiceIndex.HostnameAndNamespace[H][ns] (a Kubernetes Service wins,
        // then the oldest)"; that index holds every service, captured or not.
        var snapshot = TranslateIstio(Waypoint + """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: { name: old-unbound, namespace: shop, creationTimestamp: "2023-01-01T00:00:00Z" }
            spec: { hosts: [dup.example.com], addresses: [240.7.0.1], ports: [{ number: 80, name: http, protocol: HTTP }], resolution: DNS }
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: { name: new-bound, namespace: shop, creationTimestamp: "2024-01-01T00:00:00Z", labels: { istio.io/use-waypoint: waypoint } }
            spec: { hosts: [dup.example.com], addresses: [240.7.0.2], ports: [{ number: 8080, name: http, protocol: HTTP }], resolution: STATIC, endpoints: [{ address: 7.7.7.7 }] }
            ---
            apiVersion: v1
            kind: Service
            metadata: { name: reviews, namespace: shop, creationTimestamp: "2024-01-01T00:00:00Z" }
            spec: { clusterIP: 10.96.0.20, ports: [{ name: http, port: 9080 }] }
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: { name: reviews-se, namespace: shop, creationTimestamp: "2023-01-01T00:00:00Z", labels: { istio.io/use-waypoint: waypoint } }
            spec: { hosts: [reviews.shop.svc.cluster.local], addresses: [240.7.0.3], ports: [{ number: 7000, name: http, protocol: HTTP }], resolution: STATIC, location: MESH_INTERNAL, endpoints: [{ address: 7.7.7.8 }] }
            ---

            """);

        Assert.Equal(
            ["inbound-vip|80|http|dup.example.com", "inbound-vip|9080|http|reviews.shop.svc.cluster.local", "direct-tcp", "direct-http"],
            ChainNames(snapshot));
        Assert.Equal(EnvoyCluster.Types.DiscoveryType.StrictDns, snapshot.Clusters.Single(static c => c.Name == "inbound-vip|80|http|dup.example.com").Type);
        Assert.Contains(MatcherLines(snapshot), static line => line.Contains("240.7.0.1", StringComparison.Ordinal));
        Assert.Contains(MatcherLines(snapshot), static line => line.Contains("10.96.0.20", StringComparison.Ordinal));
        Assert.DoesNotContain(MatcherLines(snapshot), static line => line.Contains("240.7.0.2", StringComparison.Ordinal) || line.Contains("240.7.0.3", StringComparison.Ordinal));
    }

    [Fact]
    public void AnUncapturedClaimantIsReadOnlyForTheHostItContests()
    {
        // Its other hosts are not the waypoint's: their addresses are neither read nor warned about.
        var snapshot = TranslateIstio(Waypoint + """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: { name: unbound, namespace: shop, creationTimestamp: "2023-01-01T00:00:00Z" }
            spec: { hosts: [dup.example.com, other.example.com], addresses: [240.7.0.1, 240.7.0.9], ports: [{ number: 80, name: http, protocol: HTTP }], resolution: DNS }
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: { name: bound, namespace: shop, creationTimestamp: "2024-01-01T00:00:00Z", labels: { istio.io/use-waypoint: waypoint } }
            spec: { hosts: [dup.example.com], addresses: [240.7.0.2], ports: [{ number: 8080, name: http, protocol: HTTP }], resolution: STATIC, endpoints: [{ address: 7.7.7.7 }] }
            ---

            """);

        Assert.Equal(["inbound-vip|80|http|dup.example.com", "direct-tcp", "direct-http"], ChainNames(snapshot));
        Assert.DoesNotContain(snapshot.Warnings, static w => w.Message.Contains("other.example.com", StringComparison.Ordinal));
    }

    [Fact]
    public void ASubsetClusterOfADnsServiceEntryKeepsOnlyTheInlineEndpointsWithTheSubsetsLabels()
    {
        // §3: a cluster "for every subset of the DestinationRule", its endpoints "filtered by subset labels"; a DNS
        // entry's cluster carries them inline (STRICT_DNS), and an inline endpoint's labels are its own.
        var snapshot = TranslateIstio(Waypoint + """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: { name: dnse, namespace: shop, labels: { istio.io/use-waypoint: waypoint } }
            spec:
              hosts: [dnse.example.com]
              addresses: [240.0.0.3]
              location: MESH_INTERNAL
              resolution: DNS
              ports: [{ number: 80, name: http, protocol: HTTP, targetPort: 8080 }]
              endpoints: [{ address: a.backend.example.com, labels: { version: v1 } }, { address: 9.9.9.1, ports: { http: 9091 }, labels: { version: v2 } }]
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: { name: dnse, namespace: shop }
            spec: { host: dnse.example.com, subsets: [{ name: v2, labels: { version: v2 } }] }
            ---

            """);

        static IEnumerable<string> Inline(RulesMesh.Translation.Output.XdsSnapshot snapshot, string cluster)
            => snapshot.Clusters.Single(c => c.Name == cluster).LoadAssignment.Endpoints.SelectMany(static g => g.LbEndpoints)
                .Select(static e => $"{e.Endpoint.Address.SocketAddress.Address}:{e.Endpoint.Address.SocketAddress.PortValue}");

        Assert.Equal(["9.9.9.1:9091"], Inline(snapshot, "inbound-vip|80|http/v2|dnse.example.com"));
        Assert.Equal(["9.9.9.1:9091", "a.backend.example.com:8080"], Inline(snapshot, "inbound-vip|80|http|dnse.example.com").Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("DNS", "RACE_FIRST_TCP_CONNECT", "LogicalDns")]
    [InlineData("DNS", "race_first_tcp_connect", "LogicalDns")]
    [InlineData("DNS", "EVERY_ADDRESS", "StrictDns")]
    [InlineData("STATIC", "RACE_FIRST_TCP_CONNECT", "Eds")]
    public void TheConnectStrategyAnnotationRacesTheAddressesOfDnsEntriesOnly(string resolution, string strategy, string type)
    {
        // istio-gatewayapi.md §4.2: DNS becomes LOGICAL_DNS with RACE_FIRST_TCP_CONNECT, compared case-insensitively,
        // for the owned host's inbound-vip cluster and for an outbound cluster of a destination alike.
        var entries = $$"""
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: { name: owned, namespace: shop, labels: { istio.io/use-waypoint: waypoint }, annotations: { istio.io/connect-strategy: {{strategy}} } }
            spec: { hosts: [owned.example.com], addresses: [240.0.0.5], location: MESH_INTERNAL, ports: [{ number: 80, name: http, protocol: HTTP }], resolution: {{resolution}}, endpoints: [{ address: 10.1.0.5 }] }
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: { name: routed, namespace: shop, annotations: { istio.io/connect-strategy: {{strategy}} } }
            spec: { hosts: [routed.example.com], ports: [{ number: 80, name: http, protocol: HTTP }], resolution: {{resolution}}, endpoints: [{ address: 10.1.0.6 }] }
            ---

            """;
        var snapshot = TranslateIstio(Waypoint + Reviews + entries
            + ReviewsRoute("to-routed", "{ group: networking.istio.io, kind: Hostname, name: routed.example.com, port: 80 }"));

        var expected = Enum.Parse<EnvoyCluster.Types.DiscoveryType>(type);
        Assert.Equal(expected, snapshot.Clusters.Single(static c => c.Name == "inbound-vip|80|http|owned.example.com").Type);
        Assert.Equal(expected, snapshot.Clusters.Single(static c => c.Name == "outbound|80||routed.example.com").Type);
    }

    [Fact]
    public void ALogicalDnsClusterKeepsOneEndpointAndADnsSubsetClusterWithoutEndpointsIsLeftOut()
    {
        // Envoy takes a LOGICAL_DNS cluster only with "a single locality_lb_endpoint and a single lb_endpoint" and refuses
        // the whole update otherwise; istiod sends no DNS cluster without endpoints (DNSNoEndpointClusters).
        var snapshot = TranslateIstio(Waypoint + Reviews + """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: { name: race, namespace: shop, labels: { istio.io/use-waypoint: waypoint }, annotations: { istio.io/connect-strategy: RACE_FIRST_TCP_CONNECT } }
            spec:
              hosts: [race.example.com]
              addresses: [240.0.0.5]
              ports: [{ number: 80, name: http, protocol: HTTP }]
              resolution: DNS
              endpoints: [{ address: r1.example.net, labels: { v: one } }, { address: r2.example.net, labels: { v: one } }]
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: { name: race, namespace: shop }
            spec:
              host: race.example.com
              subsets: [{ name: one, labels: { v: one } }, { name: two, labels: { v: two } }]
            ---

            """);

        static IEnumerable<string> Addresses(EnvoyCluster cluster) => cluster.LoadAssignment.Endpoints.SelectMany(static g => g.LbEndpoints).Select(static e => e.Endpoint.Address.SocketAddress.Address);

        Assert.Equal(["r1.example.net"], Addresses(snapshot.Clusters.Single(static c => c.Name == "inbound-vip|80|http|race.example.com")));
        Assert.Equal(["r1.example.net"], Addresses(snapshot.Clusters.Single(static c => c.Name == "inbound-vip|80|http/one|race.example.com")));
        Assert.DoesNotContain(snapshot.Clusters, static c => c.Name == "inbound-vip|80|http/two|race.example.com");
        Assert.Contains(snapshot.Warnings, static w => w.Subject == "ServiceEntry shop/race" && w.Message.Contains("inbound-vip|80|http/two|race.example.com has no endpoint", StringComparison.Ordinal));
        Assert.Contains(snapshot.Warnings, static w => w.Subject == "ServiceEntry shop/race" && w.Message.Contains("RulesMesh keeps the first, r1.example.net:80, of 2", StringComparison.Ordinal));
    }

    [Fact]
    public void AWaypointsPodAndAnInlineEndpointLabelledForTheTunnelAreReachedThroughConnectOriginate()
    {
        // §3: HBONE-capable is "ambient-enrolled, tunnel label, or a waypoint pod"; a waypoint's pod opts out of
        // ambient redirection itself, and a ServiceEntry's inline endpoint carries its labels.
        var snapshot = TranslateIstio(Waypoint + Reviews + """
            apiVersion: v1
            kind: Pod
            metadata: { name: waypoint-0, namespace: shop, labels: { gateway.istio.io/managed: istio.io-mesh-controller, istio.io/dataplane-mode: none } }
            spec: { containers: [{ name: istio-proxy, image: proxyv2 }] }
            status: { podIP: 10.1.0.7 }
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata: { name: reviews-abc, namespace: shop, labels: { kubernetes.io/service-name: reviews } }
            addressType: IPv4
            ports: [{ name: http, port: 9080 }]
            endpoints: [{ addresses: [10.1.0.7], targetRef: { kind: Pod, name: waypoint-0, namespace: shop } }]
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: { name: db, namespace: shop, labels: { istio.io/use-waypoint: waypoint } }
            spec:
              hosts: [db.internal]
              addresses: [240.0.0.2]
              location: MESH_INTERNAL
              resolution: STATIC
              ports: [{ number: 5432, name: tcp, protocol: TCP }]
              endpoints: [{ address: 10.1.0.5, labels: { networking.istio.io/tunnel: http } }, { address: 10.1.0.6 }]
            ---

            """);

        static IEnumerable<string> Targets(RulesMesh.Translation.Output.XdsSnapshot snapshot, string cluster)
            => snapshot.Endpoints.Single(e => e.ClusterName == cluster).Endpoints.SelectMany(static g => g.LbEndpoints)
                .Select(static e => e.Endpoint.Address.EnvoyInternalAddress is { } tunnelled ? $"{tunnelled.ServerListenerName} {tunnelled.EndpointId}" : e.Endpoint.Address.SocketAddress.Address);

        Assert.Equal(["connect_originate 10.1.0.7:9080"], Targets(snapshot, ReviewsChain));
        Assert.Equal(["10.1.0.6", "connect_originate 10.1.0.5:5432"], Targets(snapshot, "inbound-vip|5432|tcp|db.internal").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AnOutboundClusterIsSidecarStyleWithItsDestinationRuleAndOneClusterPerSubset()
    {
        // §3: destinations not owned get "ordinary sidecar-style outbound clusters (subsets included)": EDS by name over
        // ADS, the mesh's 10s connect timeout, LEAST_REQUEST unless the DestinationRule balances otherwise, its pool
        // limits, alt_stat_name and the istio services metadata, and the waypoint's socket matches.
        var snapshot = TranslateIstio(Waypoint + Reviews + OtherService("ratings", "10.96.0.30")
            + ReviewsRoute("to-ratings", "{ name: ratings, namespace: other, port: 9080 }")
            + """
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: { name: ratings, namespace: other }
            spec:
              host: ratings.other.svc.cluster.local
              trafficPolicy: { connectionPool: { tcp: { maxConnections: 10 } }, outlierDetection: { consecutive5xxErrors: 7 } }
              subsets: [{ name: v1, labels: { version: v1 }, trafficPolicy: { loadBalancer: { simple: ROUND_ROBIN }, outlierDetection: { consecutive5xxErrors: 3 } } }]
            ---

            """);

        const string name = "outbound|9080||ratings.other.svc.cluster.local";
        var cluster = snapshot.Clusters.Single(static c => c.Name == name);
        Assert.Equal(EnvoyCluster.Types.DiscoveryType.Eds, cluster.Type);
        Assert.Equal(name, cluster.EdsClusterConfig.ServiceName);
        Assert.Equal(TimeSpan.FromSeconds(10), cluster.ConnectTimeout.ToTimeSpan());
        Assert.Equal(EnvoyCluster.Types.LbPolicy.LeastRequest, cluster.LbPolicy);
        Assert.Equal(10u, cluster.CircuitBreakers.Thresholds.Single().MaxConnections);
        Assert.Equal(name + ";", cluster.AltStatName);
        Assert.Equal("ratings.other.svc.cluster.local", cluster.Metadata.FilterMetadata["istio"].Fields["services"].ListValue.Values.Single().StructValue.Fields["host"].StringValue);
        Assert.Equal(["hbone", "tlsMode-istio", "tlsMode-disabled"], cluster.TransportSocketMatches.Select(static m => m.Name));
        Assert.Equal(7u, cluster.OutlierDetection.Consecutive5Xx);

        var subset = snapshot.Clusters.Single(static c => c.Name == "outbound|9080|v1|ratings.other.svc.cluster.local");
        Assert.Equal(EnvoyCluster.Types.LbPolicy.RoundRobin, subset.LbPolicy);
        Assert.Equal(3u, subset.OutlierDetection.Consecutive5Xx);
        Assert.Equal(10u, subset.CircuitBreakers.Thresholds.Single().MaxConnections);
        Assert.Equal("v1", subset.Metadata.FilterMetadata["istio"].Fields["subset"].StringValue);
    }

    [Fact]
    public void ABackendThatIsNotFoundIsStillTheDestinationWithNoClusterAndANotFoundStatus()
    {
        // istio-gatewayapi.md §7: "Even then the destination is still emitted"; UnknownService is for no host at all.
        var snapshot = TranslateIstio(Waypoint + Reviews
            + ReviewsRoute("to-nowhere", "{ name: nowhere, port: 8080 }"));

        var route = OnlyRoute(snapshot);
        Assert.Equal("outbound|8080||nowhere.shop.svc.cluster.local", route.Route_.Cluster);
        Assert.DoesNotContain(snapshot.Clusters, static c => c.Name == "outbound|8080||nowhere.shop.svc.cluster.local");
        var resolved = snapshot.HttpRouteStatuses["shop/to-nowhere"].Parents.Single().Conditions.Single(static c => c.Type == "ResolvedRefs");
        Assert.Equal(("False", "BackendNotFound", "backend(nowhere.shop.svc.cluster.local) not found"), (resolved.Status, resolved.Reason, resolved.Message));
    }

    [Fact]
    public void AHostServedOnlyInAnotherNamespaceIsNotFoundForTheRouteButItsClusterIsBuilt()
    {
        // istio-gatewayapi.md §7 looks the Hostname up in the route's namespace (BackendNotFound), while the waypoint's
        // referenced destinations have no namespace filter (istio-waypoint-output.md §3): the cluster the route names exists.
        var snapshot = TranslateIstio(Waypoint + Reviews + """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: { name: ext, namespace: other }
            spec: { hosts: [ext.example.com], location: MESH_EXTERNAL, ports: [{ number: 80, name: http, protocol: HTTP }], resolution: DNS }
            ---

            """ + ReviewsRoute("to-ext", "{ group: networking.istio.io, kind: Hostname, name: ext.example.com, port: 80 }"));

        Assert.Equal("outbound|80||ext.example.com", OnlyRoute(snapshot).Route_.Cluster);
        Assert.Contains(snapshot.Clusters, static c => c.Name == "outbound|80||ext.example.com");
        var resolved = snapshot.HttpRouteStatuses["shop/to-ext"].Parents.Single().Conditions.Single(static c => c.Type == "ResolvedRefs");
        Assert.Equal(("False", "BackendNotFound"), (resolved.Status, resolved.Reason));
    }

    [Fact]
    public void APortTheServiceDoesNotDeclareIsStillTheDestinationAndResolves()
    {
        var snapshot = TranslateIstio(Waypoint + Reviews + Service("details", "10.96.0.40", "[{ name: http, port: 9080 }]")
            + ReviewsRoute("to-details", "{ name: details, port: 7070 }"));

        AssertRoutesAndResolves(snapshot, "shop/to-details", "inbound-vip|7070|http|details.shop.svc.cluster.local");
    }

    [Fact]
    public void EachDestinationRuleSubsetHasItsOwnInboundVipCluster()
    {
        var snapshot = TranslateIstio(Waypoint + Reviews + """
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: { name: reviews, namespace: shop }
            spec: { host: reviews, subsets: [{ name: v1, labels: { version: v1 } }] }
            """);

        var subset = Cluster(snapshot, "inbound-vip|9080|http/v1|reviews.shop.svc.cluster.local");
        Assert.Equal("v1", subset.Metadata.FilterMetadata["istio"].Fields["subset"].StringValue);
        Assert.Equal("/apis/networking.istio.io/v1/namespaces/shop/destination-rule/reviews", subset.Metadata.FilterMetadata["istio"].Fields["config"].StringValue);
    }

    [Fact]
    public void AuthorizationGoesInsideTheHcmOnHttpChainsAndBeforeTcpProxyOnTcpChains()
    {
        var snapshot = TranslateIstio(Waypoint + Service("mixed", "10.96.0.50", "[{ name: http, port: 80 }, { name: tcp, port: 5000 }]") + """
            apiVersion: security.istio.io/v1
            kind: AuthorizationPolicy
            metadata: { name: deny-bad, namespace: shop }
            spec:
              targetRefs: [{ group: "", kind: Service, name: mixed }]
              action: DENY
              rules: [{ from: [{ source: { principals: [cluster.local/ns/bad/sa/bad] } }] }]
            """);

        Assert.Equal("envoy.filters.http.rbac", Manager(Chain(snapshot, "inbound-vip|80|http|mixed.shop.svc.cluster.local")).HttpFilters[0].Name);
        Assert.Equal(
            ["istio.metadata_exchange", "envoy.filters.network.rbac", "istio.stats", "envoy.filters.network.tcp_proxy"],
            Chain(snapshot, "inbound-vip|5000|tcp|mixed.shop.svc.cluster.local").Filters.Select(static f => f.Name));
    }

    [Fact]
    public void TheWaypointStatusMarksListenersOtherThanHboneUnsupportedProtocol()
    {
        var snapshot = TranslateIstio("""
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: { name: waypoint, namespace: shop }
            spec:
              gatewayClassName: istio-waypoint
              listeners: [{ name: mesh, port: 15008, protocol: HBONE }, { name: web, port: 80, protocol: HTTP }]
            status:
              addresses: [{ type: IPAddress, value: 10.0.0.9 }]
            """);

        var listeners = snapshot.GatewayStatuses["shop/waypoint"].Listeners!;
        Assert.Equal(("True", "Accepted"), Accepted(listeners[0]));
        Assert.Equal(("False", "UnsupportedProtocol"), Accepted(listeners[1]));

        static (string, string) Accepted(Models.GatewayNetworkingK8sIo.V1.GatewayStatusListener listener)
            => listener.Conditions.Single(static c => c.Type == "Accepted") is var c ? (c.Status, c.Reason) : default;
    }

    [Theory]
    [InlineData("PROXY/15088", "proxy")]
    [InlineData("NONE/15088", "proxy")]
    [InlineData("PROXY", "mesh")]
    [InlineData("HTTP/15088", "mesh")]
    [InlineData("PROXY/http", "mesh")]
    [InlineData("PROXY/15088/1", "mesh")]
    public void TheInboundBindingAnnotationIsParsedAsIstiodDoes(string binding, string listener)
    {
        var result = new WaypointCapture(WaypointPipelines.Create("istio")).Run(Load($$"""
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: { name: waypoint, namespace: shop, annotations: { ambient.istio.io/waypoint-inbound-binding: "{{binding}}" } }
            spec:
              gatewayClassName: istio-waypoint
              listeners: [{ name: mesh, port: 15008, protocol: HBONE }, { name: proxy, port: 15088, protocol: istio.io/PROXY }]
            status:
              addresses: [{ type: IPAddress, value: 10.0.0.9 }]
            """));

        Assert.Equal(listener, result.Gateway(new("shop", "waypoint"))!.Listener!.ListenerName);
    }
}
