namespace RulesMesh.Tests.Support;

/// <summary>kgateway's golden setup: namespace <c>infra</c> labelled for waypoint <c>example-waypoint</c>, and that kgateway waypoint Gateway (PROXY listener on 15088).</summary>
internal static class ExampleWaypointMesh
{
    public const string Yaml = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: infra
          labels:
            istio.io/use-waypoint: example-waypoint
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: example-waypoint
          namespace: infra
        spec:
          gatewayClassName: kgateway-waypoint
          listeners:
          - name: proxy
            port: 15088
            protocol: istio.io/PROXY

        """;
}
