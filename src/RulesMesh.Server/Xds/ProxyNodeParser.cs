using Envoy.Config.Core.V3;
using Google.Protobuf.WellKnownTypes;
using RulesMesh.Mesh;

namespace RulesMesh.Server.Xds;

/// <summary>
/// Reads who a proxy is from the Envoy <see cref="Node"/> it sends: kgateway's convention (<see cref="ProxyNode"/>), and
/// Istio's, which istio-agent writes for waypoints, sidecars and proxyless bootstraps (<c>type~ip~pod.namespace~namespace.svc.domain</c>,
/// metadata <c>NAME</c>, <c>NAMESPACE</c> and the Pod's <c>LABELS</c>).
/// </summary>
public static class ProxyNodeParser
{
    /// <summary>The role prefix kgateway's Gateway proxies carry: <c>kgateway-kube-gateway-api~namespace~name</c>.</summary>
    public const string GatewayRolePrefix = "kgateway-kube-gateway-api";

    /// <summary>The label the Pods of a Gateway's deployment carry, naming the Gateway (Istio's metadata <c>LABELS</c>).</summary>
    public const string GatewayNameLabel = "gateway.networking.k8s.io/gateway-name";

    /// <summary>The <see cref="ProxyNode"/> of <paramref name="node"/>; parts it does not carry are null.</summary>
    public static ProxyNode Parse(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var metadata = node.Metadata?.Fields;
        var pod = IstioPodOf(node.Id) ?? MetadataPodOf(metadata) ?? PodOf(node.Id);
        var generator = StringField(metadata, "GENERATOR");
        return new ProxyNode(node.Id, node.Cluster, GatewayOf(StringField(metadata, "role")) ?? LabelledGatewayOf(metadata, pod), pod, LocalityOf(node.Locality), generator == "grpc");
    }

    private static NamespacedName? GatewayOf(string? role)
    {
        var parts = role?.Split('~');
        return parts is [GatewayRolePrefix, { Length: > 0 } ns, { Length: > 0 } name] ? new NamespacedName(ns, name) : null;
    }

    // An Istio proxy without kgateway's role: the Gateway its Pod is labelled with, in the Pod's namespace.
    private static NamespacedName? LabelledGatewayOf(IDictionary<string, Value>? metadata, NamespacedName? pod)
        => metadata is not null && metadata.TryGetValue("LABELS", out var labels) && labels.StructValue?.Fields is { } fields
            && fields.TryGetValue(GatewayNameLabel, out var name) && name.StringValue is { Length: > 0 } gateway
            && (StringField(metadata, "NAMESPACE") ?? pod?.Namespace) is { Length: > 0 } ns
                ? new NamespacedName(ns, gateway)
                : null;

    // Istio's service node: type~ip~pod.namespace~namespace.svc.domain; the namespace is the fourth part's first label.
    private static NamespacedName? IstioPodOf(string id)
    {
        var parts = id.Split('~');
        if (parts is not [{ Length: > 0 }, _, { Length: > 0 } podId, { Length: > 0 } domain])
        {
            return null;
        }

        var ns = domain.Split('.')[0];
        var suffix = "." + ns;
        return ns.Length > 0 && podId.EndsWith(suffix, StringComparison.Ordinal) && podId.Length > suffix.Length
            ? new NamespacedName(ns, podId[..^suffix.Length])
            : null;
    }

    private static NamespacedName? MetadataPodOf(IDictionary<string, Value>? metadata)
        => StringField(metadata, "NAME") is { Length: > 0 } name && StringField(metadata, "NAMESPACE") is { Length: > 0 } ns ? new NamespacedName(ns, name) : null;

    // kgateway's: the node id is pod.namespace. A Pod name may hold dots, a namespace (a DNS label) may not: the
    // namespace follows the last dot.
    private static NamespacedName? PodOf(string id)
    {
        var dot = id.LastIndexOf('.');
        return dot > 0 && dot < id.Length - 1 && !id.Contains('~', StringComparison.Ordinal) ? new NamespacedName(id[(dot + 1)..], id[..dot]) : null;
    }

    private static string? StringField(IDictionary<string, Value>? metadata, string name)
        => metadata is not null && metadata.TryGetValue(name, out var value) && value.KindCase == Value.KindOneofCase.StringValue ? value.StringValue : null;

    private static string? LocalityOf(Locality? locality)
        => locality is null || (locality.Region.Length == 0 && locality.Zone.Length == 0 && locality.SubZone.Length == 0)
            ? null
            : $"{locality.Region}/{locality.Zone}/{locality.SubZone}";
}
