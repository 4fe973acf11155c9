namespace RulesMesh.Tests.Proxyless;

/// <summary>
/// The small mesh the proxyless tests read: three Nodes in two regions, the client Pod on node-a (r1/za), the gRPC
/// Service echo with one Pod per Node, and echo-v2 with one Pod.
/// </summary>
internal static class ProxylessMesh
{
    public const string Nodes = """
        apiVersion: v1
        kind: Node
        metadata: { name: node-a, labels: { topology.kubernetes.io/region: r1, topology.kubernetes.io/zone: za } }
        ---
        apiVersion: v1
        kind: Node
        metadata: { name: node-b, labels: { topology.kubernetes.io/region: r1, topology.kubernetes.io/zone: zb } }
        ---
        apiVersion: v1
        kind: Node
        metadata: { name: node-c, labels: { topology.kubernetes.io/region: r2, topology.kubernetes.io/zone: zc } }
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: client-1, namespace: client, labels: { app: client } }
        spec: { nodeName: node-a, containers: [{ name: c, image: c:1 }] }
        status: { podIP: 10.9.0.1, conditions: [{ type: Ready, status: "True" }] }
        ---

        """;

    public const string Echo = """
        apiVersion: v1
        kind: Service
        metadata: { name: echo, namespace: app }
        spec:
          clusterIP: 10.96.0.10
          selector: { app: echo }
          ports: [{ name: grpc, port: 50051, targetPort: 8080, appProtocol: grpc }]
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata: { name: echo-1, namespace: app, labels: { kubernetes.io/service-name: echo } }
        addressType: IPv4
        ports: [{ name: grpc, port: 8080 }]
        endpoints:
        - { addresses: [10.0.0.1], conditions: { ready: true }, targetRef: { kind: Pod, name: echo-a, namespace: app } }
        - { addresses: [10.0.0.2], conditions: { ready: true }, targetRef: { kind: Pod, name: echo-b, namespace: app } }
        - { addresses: [10.0.0.3], conditions: { ready: true }, targetRef: { kind: Pod, name: echo-c, namespace: app } }
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: echo-a, namespace: app, labels: { app: echo } }
        spec: { nodeName: node-a, containers: [{ name: e, image: e:1 }] }
        status: { podIP: 10.0.0.1, conditions: [{ type: Ready, status: "True" }] }
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: echo-b, namespace: app, labels: { app: echo } }
        spec: { nodeName: node-b, containers: [{ name: e, image: e:1 }] }
        status: { podIP: 10.0.0.2, conditions: [{ type: Ready, status: "True" }] }
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: echo-c, namespace: app, labels: { app: echo } }
        spec: { nodeName: node-c, containers: [{ name: e, image: e:1 }] }
        status: { podIP: 10.0.0.3, conditions: [{ type: Ready, status: "True" }] }
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: echo-v2, namespace: app }
        spec:
          clusterIP: 10.96.0.11
          selector: { app: echo-v2 }
          ports: [{ name: grpc, port: 50051, targetPort: 8080, appProtocol: grpc }]
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata: { name: echo-v2-1, namespace: app, labels: { kubernetes.io/service-name: echo-v2 } }
        addressType: IPv4
        ports: [{ name: grpc, port: 8080 }]
        endpoints:
        - { addresses: [10.0.1.1], conditions: { ready: true }, targetRef: { kind: Pod, name: echo-v2-a, namespace: app } }
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: echo-v2-a, namespace: app, labels: { app: echo-v2 } }
        spec: { nodeName: node-a, containers: [{ name: e, image: e:1 }] }
        status: { podIP: 10.0.1.1, conditions: [{ type: Ready, status: "True" }] }
        ---

        """;

    /// <summary>A DestinationRule whose failover priority is region, then zone.</summary>
    public const string FailoverRule = """
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: { name: echo, namespace: app }
        spec:
          host: echo.app.svc.cluster.local
          trafficPolicy:
            loadBalancer:
              simple: ROUND_ROBIN
              localityLbSetting:
                enabled: true
                failoverPriority: [topology.kubernetes.io/region, topology.kubernetes.io/zone]
            outlierDetection: { consecutive5xxErrors: 5 }
        ---

        """;
}
