namespace RulesMesh.Cli.Tests.Support;

/// <summary>Small manifests for the command's tests, as YAML documents each ending in a separator.</summary>
internal static class Manifests
{
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

    /// <summary>A Service with one port; <paramref name="clusterIp"/> <c>None</c> makes it headless.</summary>
    public static string Service(string ns, string name, string clusterIp = "10.0.0.1", string portName = "http", int port = 80, params string[] labels) => $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}
          namespace: {ns}
          labels: {Labels(labels)}
        spec:
          clusterIP: {clusterIp}
          ports:
          - name: {portName}
            port: {port}
        ---

        """;

    /// <summary>A kgateway waypoint: one istio.io/PROXY listener on 15088.</summary>
    public static string Waypoint(string ns, string name, string gatewayClass = "kgateway-waypoint") => $"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: {name}
          namespace: {ns}
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
