using Envoy.Config.Core.V3;
using RulesMesh.Mesh;

namespace RulesMesh.Server.Xds;

/// <summary>Reads who a proxy is from the Envoy <see cref="Node"/> it sends (kgateway's convention, <see cref="ProxyNode"/>).</summary>
public static class ProxyNodeParser
{
    /// <summary>The role prefix kgateway's Gateway proxies carry: <c>kgateway-kube-gateway-api~namespace~name</c>.</summary>
    public const string GatewayRolePrefix = "kgateway-kube-gateway-api";

    /// <summary>The <see cref="ProxyNode"/> of <paramref name="node"/>; parts it does not carry are null.</summary>
    public static ProxyNode Parse(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var metadata = node.Metadata?.Fields;
        var role = metadata is not null && metadata.TryGetValue("role", out var roleValue) ? roleValue.StringValue : null;
        var generator = metadata is not null && metadata.TryGetValue("GENERATOR", out var generatorValue) ? generatorValue.StringValue : null;
        return new ProxyNode(node.Id, node.Cluster, GatewayOf(role), PodOf(node.Id), LocalityOf(node.Locality), generator == "grpc");
    }

    private static NamespacedName? GatewayOf(string? role)
    {
        var parts = role?.Split('~');
        return parts is [GatewayRolePrefix, { Length: > 0 } ns, { Length: > 0 } name] ? new NamespacedName(ns, name) : null;
    }

    // A Pod name may hold dots, a namespace (a DNS label) may not: the namespace follows the last dot.
    private static NamespacedName? PodOf(string id)
    {
        var dot = id.LastIndexOf('.');
        return dot > 0 && dot < id.Length - 1 ? new NamespacedName(id[(dot + 1)..], id[..dot]) : null;
    }

    private static string? LocalityOf(Locality? locality)
        => locality is null || (locality.Region.Length == 0 && locality.Zone.Length == 0 && locality.SubZone.Length == 0)
            ? null
            : $"{locality.Region}/{locality.Zone}/{locality.SubZone}";
}
