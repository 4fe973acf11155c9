using RulesMesh.Translation.Output;
using static RulesMesh.Tests.Translation.Backends.BackendsHarness;
using static RulesMesh.Tests.Translation.Istio.IstioWaypointHarness;

namespace RulesMesh.Tests.Translation.Istio;

/// <summary>
/// TCPRoutes and TLSRoutes in the istio profile (docs/spec/istio-waypoint-output.md §4.4, §2.2 item 6; istio-gatewayapi.md
/// §6): on a Service parent they change the target of the service port's <c>tcp_proxy</c>, under the same attachment
/// rules as HTTPRoutes. Expected cluster names are written from the spec.
/// </summary>
public sealed class IstioWaypointConnectionRouteTests
{
    private const string DbChain = "inbound-vip|5432|tcp|db.shop.svc.cluster.local";
    private const string DbV2Outbound = "outbound|5432||db-v2.shop.svc.cluster.local";
    private const string ApiChain = "inbound-vip|443|tcp|api.shop.svc.cluster.local";

    private static readonly string Db = Service("db", "10.96.0.21", "[{ name: tcp-postgres, port: 5432 }]");

    private static readonly string Api = Service("api", "10.96.0.22", "[{ name: tls, port: 443 }]");

    /// <summary>Services the waypoint does not own (no use-waypoint label): db-v2 and api-v2.</summary>
    private const string Unowned = """
        apiVersion: v1
        kind: Service
        metadata: { name: db-v2, namespace: shop }
        spec:
          clusterIP: 10.96.0.31
          ports: [{ name: tcp-postgres, port: 5432 }]
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: api-v2, namespace: shop }
        spec:
          clusterIP: 10.96.0.32
          ports: [{ name: tls, port: 443 }]
        ---

        """;

    private static string TcpRoute(string ns, string name, string parent, string backends, string created = "2026-01-01T00:00:10Z") => $$"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: TCPRoute
        metadata: { name: {{name}}, namespace: {{ns}}, creationTimestamp: "{{created}}" }
        spec:
          parentRefs: [{{parent}}]
          rules: [{ backendRefs: [{{backends}}] }]
        ---

        """;

    private static string TlsRoute(string name, string hostnames, string backends, string created = "2026-01-01T00:00:10Z") => $$"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: TLSRoute
        metadata: { name: {{name}}, namespace: shop, creationTimestamp: "{{created}}" }
        spec:
          parentRefs: [{ group: "", kind: Service, name: api }]
          hostnames: {{hostnames}}
          rules: [{ backendRefs: [{{backends}}] }]
        ---

        """;

    private const string DbParent = "{ group: \"\", kind: Service, name: db }";

    [Fact]
    public void ATcpRouteOnTheServiceSendsItsTcpChainToTheRoutesBackendWhoseOutboundClusterIsEmitted()
    {
        var snapshot = TranslateIstio(Waypoint + Db + Unowned + TcpRoute("shop", "db", DbParent, "{ name: db-v2, port: 5432 }"));

        var proxy = TcpProxy(Chain(snapshot, DbChain));
        Assert.Equal(DbChain, proxy.StatPrefix);
        Assert.Equal(DbV2Outbound, proxy.Cluster);
        Assert.Null(proxy.WeightedClusters);
        Assert.Equal(DbV2Outbound, Cluster(snapshot, DbV2Outbound).Name);
    }

    [Fact]
    public void SeveralBackendsBecomeWeightedClustersAndAnOwnedBackendIsItsInboundVipCluster()
    {
        var snapshot = TranslateIstio(Waypoint + Db + Unowned
            + TcpRoute("shop", "db", DbParent, "{ name: db, port: 5432, weight: 3 }, { name: db-v2, port: 5432 }, { name: db-v2, port: 5432, weight: 0 }"));

        var proxy = TcpProxy(Chain(snapshot, DbChain));
        Assert.Equal(string.Empty, proxy.Cluster);
        Assert.Equal([(DbChain, 3u), (DbV2Outbound, 1u)], proxy.WeightedClusters.Clusters.Select(static c => (c.Name, c.Weight)));
    }

    [Fact]
    public void ALoneBackendOfWeightZeroLeavesTheTcpChainItsOwnCluster()
    {
        var snapshot = TranslateIstio(Waypoint + Db + Unowned + TcpRoute("shop", "db", DbParent, "{ name: db-v2, port: 5432, weight: 0 }"));

        Assert.Equal(DbChain, TcpProxy(Chain(snapshot, DbChain)).Cluster);
        Assert.DoesNotContain(snapshot.Clusters, static c => c.Name == DbV2Outbound);
    }

    [Fact]
    public void WithoutARouteTheTcpChainKeepsItsOwnCluster()
    {
        var snapshot = TranslateIstio(Waypoint + Db + Unowned);

        Assert.Equal(DbChain, TcpProxy(Chain(snapshot, DbChain)).Cluster);
        Assert.DoesNotContain(snapshot.Clusters, static c => c.Name == DbV2Outbound);
        Assert.Empty(snapshot.TcpRouteStatuses);
    }

    [Fact]
    public void ATlsRouteWhoseOnlyHostnameIsTheServiceHostWinsOverAnOlderTcpRoute()
    {
        var snapshot = TranslateIstio(Waypoint + Api + Unowned
            + TcpRoute("shop", "older-tcp", "{ group: \"\", kind: Service, name: api }", "{ name: db-v2, port: 5432 }", created: "2026-01-01T00:00:02Z")
            + TlsRoute("api", "[api.shop.svc.cluster.local]", "{ name: api-v2, port: 443 }"));

        Assert.Equal("outbound|443||api-v2.shop.svc.cluster.local", TcpProxy(Chain(snapshot, ApiChain)).Cluster);
    }

    [Theory]
    [InlineData("[other.shop.svc.cluster.local]")]
    [InlineData("[api.shop.svc.cluster.local, api.example.com]")]
    public void ATlsRouteMatchesOnlyWithExactlyOneSniHostEqualToTheServiceHost(string hostnames)
    {
        var snapshot = TranslateIstio(Waypoint + Api + Unowned + TlsRoute("api", hostnames, "{ name: api-v2, port: 443 }"));

        Assert.Equal(ApiChain, TcpProxy(Chain(snapshot, ApiChain)).Cluster);
    }

    [Fact]
    public void WhenNoTlsRouteMatchesTheFirstTcpRouteForThePortApplies()
    {
        var snapshot = TranslateIstio(Waypoint + Api + Unowned
            + TlsRoute("api", "[other.shop.svc.cluster.local]", "{ name: api-v2, port: 443 }")
            + TcpRoute("shop", "newer-tcp", "{ group: \"\", kind: Service, name: api }", "{ name: api, port: 443 }", created: "2026-01-01T00:00:30Z")
            + TcpRoute("shop", "older-tcp", "{ group: \"\", kind: Service, name: api }", "{ name: api-v2, port: 443 }", created: "2026-01-01T00:00:20Z"));

        Assert.Equal("outbound|443||api-v2.shop.svc.cluster.local", TcpProxy(Chain(snapshot, ApiChain)).Cluster);
    }

    [Fact]
    public void AParentRefPortNarrowsTheTcpRouteToThatPort()
    {
        var snapshot = TranslateIstio(Waypoint
            + Service("db", "10.96.0.21", "[{ name: tcp-postgres, port: 5432 }, { name: tcp-replica, port: 5433 }]") + Unowned
            + TcpRoute("shop", "replica", "{ group: \"\", kind: Service, name: db, port: 5433 }", "{ name: db-v2, port: 5432 }"));

        Assert.Equal(DbChain, TcpProxy(Chain(snapshot, DbChain)).Cluster);
        Assert.Equal(DbV2Outbound, TcpProxy(Chain(snapshot, "inbound-vip|5433|tcp|db.shop.svc.cluster.local")).Cluster);
    }

    [Fact]
    public void ARouteFromAnotherNamespaceIsAcceptedButDoesNotApply()
    {
        var snapshot = TranslateIstio(Waypoint + Db + Unowned
            + TcpRoute("other", "foreign", "{ group: \"\", kind: Service, name: db, namespace: shop }", "{ name: db-v2, namespace: shop, port: 5432 }"));

        Assert.Equal(DbChain, TcpProxy(Chain(snapshot, DbChain)).Cluster);
        var accepted = snapshot.TcpRouteStatuses["other/foreign"].Parents.Single().Conditions.Single(static c => c.Type == "Accepted");
        Assert.Equal(("True", "Accepted"), (accepted.Status, accepted.Reason));
    }

    [Fact]
    public void ATcpRouteOnTheWaypointGatewayIsIgnored()
    {
        var snapshot = TranslateIstio(Waypoint + Db + Unowned + TcpRoute("shop", "on-gateway", "{ name: waypoint }", "{ name: db-v2, port: 5432 }"));

        Assert.Equal(DbChain, TcpProxy(Chain(snapshot, DbChain)).Cluster);
        Assert.DoesNotContain(snapshot.Clusters, static c => c.Name == DbV2Outbound);
    }

    [Fact]
    public void AHostnameParentRefIsRefusedWithATcpRouteStatus()
    {
        var snapshot = TranslateIstio(Waypoint
            + "apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: { name: ext, namespace: shop, labels: { istio.io/use-waypoint: waypoint } }\nspec: { hosts: [db.example.com], addresses: [240.0.0.1], ports: [{ number: 5432, name: tcp, protocol: TCP }], resolution: DNS }\n---\n"
            + Unowned
            + TcpRoute("shop", "by-host", "{ group: networking.istio.io, kind: Hostname, name: db.example.com }", "{ name: db-v2, port: 5432 }"));

        var status = snapshot.TcpRouteStatuses["shop/by-host"].Parents.Single();
        Assert.Equal(("networking.istio.io", "Hostname", "db.example.com"), (status.ParentRef.Group, status.ParentRef.Kind, status.ParentRef.Name));
        var accepted = status.Conditions.Single(static c => c.Type == "Accepted");
        Assert.Equal(("False", "UnsupportedValue"), (accepted.Status, accepted.Reason));
        Assert.Equal("inbound-vip|5432|tcp|db.example.com", TcpProxy(Chain(snapshot, "inbound-vip|5432|tcp|db.example.com")).Cluster);
    }

    [Fact]
    public void TheRoutesStatusSaysAcceptedAndWhetherItsBackendsResolved()
    {
        var snapshot = TranslateIstio(Waypoint + Api + Unowned
            + TlsRoute("api", "[api.shop.svc.cluster.local]", "{ name: api-v2, port: 443 }")
            + TcpRoute("shop", "missing", "{ group: \"\", kind: Service, name: db }", "{ name: nowhere, port: 5432 }")
            + Db);

        var tls = snapshot.TlsRouteStatuses["shop/api"].Parents.Single();
        Assert.Equal(("", "Service", "api"), (tls.ParentRef.Group, tls.ParentRef.Kind, tls.ParentRef.Name));
        Assert.Equal(
            [("Accepted", "True", "Accepted"), ("ResolvedRefs", "True", "ResolvedRefs")],
            tls.Conditions.Where(static c => c.Type is "Accepted" or "ResolvedRefs").Select(static c => (c.Type, c.Status, c.Reason)));
        var tcp = snapshot.TcpRouteStatuses["shop/missing"].Parents.Single().Conditions.Single(static c => c.Type == "ResolvedRefs");
        Assert.Equal(("False", "BackendNotFound", "backend(nowhere.shop.svc.cluster.local) not found"), (tcp.Status, tcp.Reason, tcp.Message));
        // istio-gatewayapi.md §7: the destination is still emitted, to a host no cluster serves.
        Assert.Equal("outbound|5432||nowhere.shop.svc.cluster.local", TcpProxy(Chain(snapshot, DbChain)).Cluster);
        Assert.DoesNotContain(snapshot.Clusters, static c => c.Name == "outbound|5432||nowhere.shop.svc.cluster.local");
    }

    [Fact]
    public void TheDocumentHasTcpRouteAndTlsRouteStatusSectionsOnlyWhenSuchRoutesAttach()
    {
        var with = XdsDocument.ToJson(TranslateIstio(Waypoint + Api + Db + Unowned
            + TlsRoute("api", "[api.shop.svc.cluster.local]", "{ name: api-v2, port: 443 }")
            + TcpRoute("shop", "db", DbParent, "{ name: db-v2, port: 5432 }")))["statuses"]!.AsObject();
        var without = XdsDocument.ToJson(TranslateIstio(Waypoint + Api + Db))["statuses"]!.AsObject();

        Assert.Equal("db", (string?)with["tcpRoutes"]!["shop/db"]!["parents"]![0]!["parentRef"]!["name"]);
        Assert.Equal("api", (string?)with["tlsRoutes"]!["shop/api"]!["parents"]![0]!["parentRef"]!["name"]);
        Assert.False(without.ContainsKey("tcpRoutes"));
        Assert.False(without.ContainsKey("tlsRoutes"));
    }
}
