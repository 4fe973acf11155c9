using RulesMesh.Server.Tests.Files;

namespace RulesMesh.Server.Tests.EndToEnd;

/// <summary>
/// A temporary copy of kgateway's <c>svc-use-waypoint</c> conformance input (the waypoint <c>infra/example-waypoint</c>
/// capturing the Services <c>helloworld</c> and <c>helloworld-headless</c>), plus an EndpointSlice giving
/// <c>helloworld</c> one endpoint through a Pod on a Node in <c>r1/r1z1</c>, so its endpoint assignment is not empty.
/// </summary>
internal sealed class EndToEndInput : IDisposable
{
    /// <summary>The waypoint Gateway of the input.</summary>
    public const string Gateway = "infra/example-waypoint";

    /// <summary>The EDS cluster of the Service with an endpoint.</summary>
    public const string Helloworld = "kube_infra_helloworld_5000";

    /// <summary>The cluster of the DNS ServiceEntry <see cref="AddDnsServiceEntry"/> adds (kgateway's naming).</summary>
    public const string DnsCluster = "istio-se_infra_external-dns_api.example.com_443";

    private const string Case = "svc-use-waypoint.yaml";

    private readonly TemporaryFolder folder = new();

    private EndToEndInput()
    {
    }

    /// <summary>The watched folder.</summary>
    public string Path => folder.Path;

    /// <summary>The input, or a skip saying why it cannot be made.</summary>
    public static EndToEndInput Create(XdsClientInstall install)
    {
        Skip.If(install.SkipReason is not null, install.SkipReason);
        var conformanceCase = System.IO.Path.Combine(TestPaths.KgatewayConformance, "waypoint", "input", Case);
        Skip.IfNot(File.Exists(conformanceCase), $"kgateway's conformance input {conformanceCase} is absent (../shared beside the clone).");
        var input = new EndToEndInput();
        input.folder.Write(Case, File.ReadAllText(conformanceCase));
        input.SetEndpoint("10.0.0.11");
        return input;
    }

    /// <summary>Writes (atomically, as editors do) the EndpointSlice file with <c>helloworld</c>'s one address.</summary>
    public void SetEndpoint(string address) => folder.Replace("endpoints.yaml", $"""
        apiVersion: v1
        kind: Node
        metadata:
          name: worker-1
          labels:
            topology.kubernetes.io/region: r1
            topology.kubernetes.io/zone: r1z1
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: helloworld-1
          namespace: infra
          labels:
            app: helloworld
        spec:
          nodeName: worker-1
          containers:
          - name: app
            image: helloworld
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata:
          name: helloworld-1a2b3
          namespace: infra
          labels:
            kubernetes.io/service-name: helloworld
        addressType: IPv4
        ports:
        - name: http
          port: 5000
        endpoints:
        - addresses: ["{address}"]
          conditions:
            ready: true
          targetRef:
            kind: Pod
            name: helloworld-1
            namespace: infra

        """);

    /// <summary>A ServiceEntry resolved by DNS, captured by the waypoint: kgateway makes it an <c>envoy.clusters.dns</c> cluster.</summary>
    public void AddDnsServiceEntry() => folder.Replace("dns.yaml", """
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata:
          name: external-dns
          namespace: infra
          labels:
            istio.io/use-waypoint: example-waypoint
        spec:
          hosts:
          - api.example.com
          ports:
          - number: 443
            name: https
            protocol: HTTPS
          location: MESH_EXTERNAL
          resolution: DNS

        """);

    /// <summary>Breaks the conformance file (a Service name the API server refuses).</summary>
    public string BreakConformanceFile()
    {
        var text = File.ReadAllText(folder[Case]).Replace("name: helloworld-headless", "name: Helloworld_Headless", StringComparison.Ordinal);
        return folder.Replace(Case, text);
    }

    public void Dispose() => folder.Dispose();
}
