using k8s;
using k8s.Models;
using RulesMesh.Capture;
using RulesMesh.Loading;
using RulesMesh.Mesh;
using RulesMesh.Rules;

namespace RulesMesh.Tests.Capture;

/// <summary>
/// Small manifests for capture tests, written as YAML and loaded the way users' files are, so that apiVersion and kind
/// are set exactly as the rules' AppliesTo checks expect.
/// </summary>
internal static class MeshManifests
{
    public static readonly NamespacedName InfraWaypoint = new("infra", "waypoint");

    public static ObjectKey ServiceKey(string ns, string name) => new("", "Service", ns, name);

    public static ObjectKey ServiceEntryKey(string ns, string name) => new("networking.istio.io", "ServiceEntry", ns, name);

    /// <summary>Loads <paramref name="yaml"/> and runs the capture of <paramref name="profile"/> over it.</summary>
    public static CaptureResult RunCapture(string yaml, string profile = "kgateway", EngineSettings? settings = null)
        => new WaypointCapture(WaypointPipelines.Create(profile), settings).Run(Load(yaml));

    public static LoadResult Load(string yaml)
    {
        var loaded = new ManifestLoader().LoadText(yaml, "test.yaml");
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        return loaded;
    }

    public static T LoadSingle<T>(string yaml)
        where T : IKubernetesObject<V1ObjectMeta>
        => Assert.Single(Load(yaml).Objects<T>());

    /// <param name="name">The namespace's name.</param>
    /// <param name="labels"><c>key=value</c> pairs.</param>
    public static string Namespace(string name, params string[] labels) => $"""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: {name}
          labels: {Labels(labels)}
        ---

        """;

    /// <summary>A ClusterIP Service with one HTTP port, 80.</summary>
    public static string Service(string ns, string name, params string[] labels) => $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}
          namespace: {ns}
          labels: {Labels(labels)}
        spec:
          clusterIP: 10.0.0.1
          ports:
          - name: http
            port: 80
        ---

        """;

    /// <summary>A STATIC ServiceEntry with a VIP and one HTTP port, 80.</summary>
    public static string ServiceEntry(string ns, string name, params string[] labels) => $"""
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata:
          name: {name}
          namespace: {ns}
          labels: {Labels(labels)}
        spec:
          hosts: [{name}.example.com]
          addresses: [240.240.0.1]
          ports:
          - name: http
            number: 80
            protocol: HTTP
          resolution: STATIC
        ---

        """;

    /// <summary>A kgateway waypoint: class kgateway-waypoint (unless given), one istio.io/PROXY listener on 15088.</summary>
    public static string Waypoint(string ns, string name, string gatewayClass = "kgateway-waypoint", params string[] labels) => $"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: {name}
          namespace: {ns}
          labels: {Labels(labels)}
        spec:
          gatewayClassName: {gatewayClass}
          listeners:
          - name: proxy
            port: 15088
            protocol: istio.io/PROXY
        ---

        """;

    /// <summary>A YAML flow mapping of <c>key=value</c> pairs.</summary>
    public static string Labels(string[] labels)
        => "{" + string.Join(", ", labels.Select(static label => label.Split('=', 2)).Select(static pair => $"\"{pair[0]}\": \"{pair[1]}\"")) + "}";
}
