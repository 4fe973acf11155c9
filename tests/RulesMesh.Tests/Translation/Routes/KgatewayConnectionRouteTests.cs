using static RulesMesh.Tests.Translation.Routes.RouteHarness;

namespace RulesMesh.Tests.Translation.Routes;

/// <summary>
/// kgateway gives TCPRoutes and TLSRoutes nothing on a waypoint (docs/spec/kgateway-waypoint.md §2.4: they produce no
/// HTTP rules; §4: TCPRoute is not supported on the TCP chain), and the spec names no status for them: loading them
/// changes neither the kgateway profile's resources nor its statuses.
/// </summary>
public sealed class KgatewayConnectionRouteTests
{
    private const string ConnectionRoutes = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: TCPRoute
        metadata: { name: tcp-to-b, namespace: infra }
        spec:
          parentRefs: [{ group: "", kind: Service, name: svc-a }]
          rules: [{ backendRefs: [{ name: svc-b, port: 9000 }] }]
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: TLSRoute
        metadata: { name: tls-to-b, namespace: infra }
        spec:
          parentRefs: [{ group: "", kind: Service, name: svc-a }, { name: example-waypoint }]
          hostnames: [svc-a.infra.svc.cluster.local]
          rules: [{ backendRefs: [{ name: svc-b, port: 9000 }] }]
        ---

        """;

    [Fact]
    public void TcpAndTlsRoutesChangeNoKgatewayResourceAndGetNoStatus()
    {
        var without = Translate(WaypointMesh + TwoServices);
        var with = Translate(WaypointMesh + TwoServices + ConnectionRoutes);

        Assert.Equal(without.Clusters, with.Clusters);
        Assert.Equal(without.Endpoints, with.Endpoints);
        Assert.Equal(without.Listeners, with.Listeners);
        Assert.Equal(without.Routes, with.Routes);
        Assert.Equal(without.HttpRouteStatuses.Keys, with.HttpRouteStatuses.Keys);
        Assert.Empty(with.TcpRouteStatuses);
        Assert.Empty(with.TlsRouteStatuses);
    }
}
