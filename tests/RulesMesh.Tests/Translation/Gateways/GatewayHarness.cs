using Envoy.Config.Route.V3;
using RulesMesh.Loading;
using RulesMesh.Mesh;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using RulesMesh.Translation.Output;

namespace RulesMesh.Tests.Translation.Gateways;

/// <summary>
/// End-to-end tests of ordinary (non-waypoint) Gateways: manifests written in YAML flow style, the whole translation,
/// and helpers to read its listeners, route configurations and statuses.
/// </summary>
internal static class GatewayHarness
{
    /// <summary>A Gateway of class kgateway in namespace gwtest with <paramref name="listeners"/> (flow-style listener maps).</summary>
    public static string Gateway(string name, params string[] listeners) => GatewayOfClass(name, "kgateway", "gwtest", listeners);

    /// <summary>A Gateway of class <paramref name="className"/>.</summary>
    public static string GatewayOfClass(string name, string className, string ns, params string[] listeners) => $$"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: {{name}}, namespace: {{ns}}}
        spec: {gatewayClassName: {{className}}, listeners: [{{string.Join(", ", listeners)}}]}
        ---

        """;

    /// <summary>A listener map; <paramref name="from"/> is its <c>allowedRoutes.namespaces.from</c>.</summary>
    public static string Listener(string name, int port, string protocol = "HTTP", string? hostname = null, string? from = null)
        => "{name: " + name + ", port: " + port + ", protocol: " + protocol
           + (hostname is null ? string.Empty : ", hostname: '" + hostname + "'")
           + (from is null ? string.Empty : ", allowedRoutes: {namespaces: {from: " + from + "}}")
           + "}";

    /// <summary>
    /// An HTTPRoute with <paramref name="parentRefs"/> (flow-style maps), <paramref name="hostnames"/>, and one rule per
    /// entry of <paramref name="rules"/> (flow-style rule maps); by default one rule to the Service <c>svc-a:5000</c>.
    /// </summary>
    public static string HttpRoute(string name, string[] parentRefs, string[]? hostnames = null, string[]? rules = null, string ns = "gwtest", string? created = null)
        => Route("HTTPRoute", name, parentRefs, hostnames, rules, ns, created);

    /// <summary>
    /// A GRPCRoute with <paramref name="parentRefs"/>, <paramref name="hostnames"/>, and one rule per entry of
    /// <paramref name="rules"/> (flow-style rule maps); by default one rule to the Service <c>svc-a:5000</c>.
    /// </summary>
    public static string GrpcRoute(string name, string[] parentRefs, string[]? hostnames = null, string[]? rules = null, string ns = "gwtest", string? created = null)
        => Route("GRPCRoute", name, parentRefs, hostnames, rules, ns, created);

    private static string Route(string kind, string name, string[] parentRefs, string[]? hostnames, string[]? rules, string ns, string? created) => $$"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: {{kind}}
        metadata: {name: {{name}}, namespace: {{ns}}{{(created is null ? "" : ", creationTimestamp: '" + created + "'")}}}
        spec:
          parentRefs: [{{string.Join(", ", parentRefs)}}]
          hostnames: [{{string.Join(", ", (hostnames ?? []).Select(h => "'" + h + "'"))}}]
          rules: [{{string.Join(", ", rules ?? [ToSvcA])}}]
        ---

        """;

    /// <summary>A rule sending everything to <c>gwtest/svc-a:5000</c>.</summary>
    public const string ToSvcA = "{backendRefs: [{name: svc-a, port: 5000}]}";

    /// <summary>A parentRef to the Gateway <paramref name="name"/>, with optional namespace, sectionName and port.</summary>
    public static string Parent(string name = "gw", string? ns = null, string? section = null, int? port = null)
        => "{name: " + name + (ns is null ? string.Empty : ", namespace: " + ns) + (section is null ? string.Empty : ", sectionName: " + section) + (port is null ? string.Empty : ", port: " + port) + "}";

    /// <summary>A Service <paramref name="name"/> in <c>gwtest</c> with one HTTP port.</summary>
    public static string Service(string name, string ip, int port, string ns = "gwtest") => $$"""
        apiVersion: v1
        kind: Service
        metadata: {name: {{name}}, namespace: {{ns}}}
        spec: {clusterIP: {{ip}}, ports: [{port: {{port}}, name: http}]}
        ---

        """;

    /// <summary>svc-a (10.0.0.1:5000) and svc-b (10.0.0.2:9000) in <c>gwtest</c>.</summary>
    public static string TwoServices => Service("svc-a", "10.0.0.1", 5000) + Service("svc-b", "10.0.0.2", 9000);

    /// <summary>A namespace with labels.</summary>
    public static string Namespace(string name, string labels = "{}") => $$"""
        apiVersion: v1
        kind: Namespace
        metadata: {name: {{name}}, labels: {{labels}}}
        ---

        """;

    // validateSchemas: false for inputs the API server would refuse, to prove the translator's own defence.
    public static XdsSnapshot Translate(string yaml, NamespacedName? gateway = null, string profile = "kgateway", bool validateSchemas = true)
    {
        var load = new ManifestLoader(validateSchemas: validateSchemas).LoadText(yaml, "gateways.yaml");
        Assert.False(load.HasErrors, string.Join("\n", load.Diagnostics));
        return new WaypointTranslator(WaypointPipelines.Create(profile)).Translate(load, gateway);
    }

    /// <summary>The route configuration <paramref name="name"/>.</summary>
    public static RouteConfiguration RouteConfiguration(XdsSnapshot snapshot, string name = "listener~8080")
        => snapshot.Routes.SingleOrDefault(r => r.Name == name)
           ?? throw new Xunit.Sdk.XunitException($"No route configuration {name}; there are: {string.Join(", ", snapshot.Routes.Select(r => r.Name))}");

    /// <summary>The virtual host <paramref name="name"/> of the route configuration <paramref name="configuration"/>.</summary>
    public static VirtualHost VirtualHost(XdsSnapshot snapshot, string name, string configuration = "listener~8080")
        => RouteConfiguration(snapshot, configuration).VirtualHosts.SingleOrDefault(v => v.Name == name)
           ?? throw new Xunit.Sdk.XunitException($"No virtual host {name}; there are: {string.Join(", ", RouteConfiguration(snapshot, configuration).VirtualHosts.Select(v => v.Name))}");

    /// <summary>The status of the Gateway <c>gwtest/<paramref name="name"/></c>.</summary>
    public static GatewayStatus GatewayStatus(XdsSnapshot snapshot, string name = "gw", string ns = "gwtest")
        => snapshot.GatewayStatuses.TryGetValue($"{ns}/{name}", out var status)
            ? status
            : throw new Xunit.Sdk.XunitException($"No status for Gateway {ns}/{name}; there are: {string.Join(", ", snapshot.GatewayStatuses.Keys)}");

    /// <summary>The status of the listener <paramref name="listener"/> of Gateway <c>gwtest/gw</c>.</summary>
    public static GatewayStatusListener ListenerStatus(XdsSnapshot snapshot, string listener, string gateway = "gw")
        => GatewayStatus(snapshot, gateway).Listeners!.Single(l => l.Name == listener);

    /// <summary>The (type, status, reason) of each condition.</summary>
    public static (string Type, string Status, string? Reason)[] Conditions(GatewayStatusListener listener)
        => listener.Conditions.Select(static c => (c.Type, c.Status, (string?)c.Reason)).ToArray();

    /// <summary>The parents of the status of HTTPRoute <c>gwtest/<paramref name="name"/></c>.</summary>
    public static List<HTTPRouteStatusParent> Parents(XdsSnapshot snapshot, string name, string ns = "gwtest")
        => snapshot.HttpRouteStatuses.TryGetValue($"{ns}/{name}", out var status)
            ? status.Parents
            : throw new Xunit.Sdk.XunitException($"No status for {ns}/{name}; there are: {string.Join(", ", snapshot.HttpRouteStatuses.Keys)}");

    /// <summary>The parents of the status of GRPCRoute <c>gwtest/<paramref name="name"/></c>.</summary>
    public static List<GRPCRouteStatusParent> GrpcParents(XdsSnapshot snapshot, string name, string ns = "gwtest")
        => snapshot.GrpcRouteStatuses.TryGetValue($"{ns}/{name}", out var status)
            ? status.Parents
            : throw new Xunit.Sdk.XunitException($"No status for GRPCRoute {ns}/{name}; there are: {string.Join(", ", snapshot.GrpcRouteStatuses.Keys)}");

    /// <summary>The Accepted condition's (status, reason) of a route parent.</summary>
    public static (string Status, string Reason) Accepted(HTTPRouteStatusParent parent)
        => parent.Conditions.Single(c => c.Type == "Accepted") is var c ? (c.Status, c.Reason) : default;

    /// <summary>The Accepted condition's (status, reason) of a GRPCRoute parent.</summary>
    public static (string Status, string Reason) Accepted(GRPCRouteStatusParent parent)
        => parent.Conditions.Single(c => c.Type == "Accepted") is var c ? (c.Status, c.Reason) : default;
}
