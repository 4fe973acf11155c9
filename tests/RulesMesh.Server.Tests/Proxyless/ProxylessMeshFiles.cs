using System.Globalization;

namespace RulesMesh.Server.Tests.Proxyless;

/// <summary>The YAML the proxyless end-to-end tests write: Nodes, the client Pod, Services whose EndpointSlices point at real gRPC servers.</summary>
internal static class ProxylessMeshFiles
{
    /// <summary>Node node-a (r1/za) and node-b (r1/zb), and the client Pod client/client-1 on node-a.</summary>
    public const string NodesAndClient = """
        apiVersion: v1
        kind: Node
        metadata: { name: node-a, labels: { topology.kubernetes.io/region: r1, topology.kubernetes.io/zone: za } }
        ---
        apiVersion: v1
        kind: Node
        metadata: { name: node-b, labels: { topology.kubernetes.io/region: r1, topology.kubernetes.io/zone: zb } }
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: client-1, namespace: client, labels: { app: client } }
        spec: { nodeName: node-a, containers: [{ name: c, image: c:1 }] }
        status: { podIP: 127.0.0.1, conditions: [{ type: Ready, status: "True" }] }
        ---

        """;

    /// <summary>Service <paramref name="name"/> in namespace app, port 50051 (grpc), with one EndpointSlice per backend (each its own port) and, with <paramref name="nodes"/>, a Pod per backend on that Node.</summary>
    public static string Service(string name, IReadOnlyList<GrpcBackend> backends, IReadOnlyList<string>? nodes = null)
    {
        var yaml = $$"""
            apiVersion: v1
            kind: Service
            metadata: { name: {{name}}, namespace: app }
            spec: { clusterIP: 10.96.0.{{10 + (name.Length % 200)}}, ports: [{ name: grpc, port: 50051, appProtocol: grpc }] }
            ---

            """;
        for (var i = 0; i < backends.Count; i++)
        {
            var backend = backends[i];
            var target = nodes is null ? string.Empty : $", targetRef: {{ kind: Pod, name: {backend.Name}, namespace: app }}";
            yaml += string.Create(CultureInfo.InvariantCulture, $$"""
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: { name: {{name}}-{{backend.Name}}, namespace: app, labels: { kubernetes.io/service-name: {{name}} } }
                addressType: IPv4
                ports: [{ name: grpc, port: {{backend.Port}} }]
                endpoints: [{ addresses: [{{backend.Address}}], conditions: { ready: true }{{target}} }]
                ---

                """);
            if (nodes is not null)
            {
                yaml += $$"""
                    apiVersion: v1
                    kind: Pod
                    metadata: { name: {{backend.Name}}, namespace: app, labels: { app: {{name}} } }
                    spec: { nodeName: {{nodes[i]}}, containers: [{ name: s, image: s:1 }] }
                    status: { podIP: {{backend.Address}}, conditions: [{ type: Ready, status: "True" }] }
                    ---

                    """;
            }
        }

        return yaml;
    }
}
