using Envoy.Config.Cluster.V3;
using Envoy.Config.Core.V3;
using Envoy.Config.Endpoint.V3;
using k8s.Models;
using RulesMesh.Mesh;
using RulesMesh.Translation.Backends;

namespace RulesMesh.Translation.Policy;

/// <summary>
/// Sends an ingress Gateway's traffic for a waypoint-captured backend to the service's VIPs, so that it enters the mesh
/// through the waypoint (docs/spec/kgateway-waypoint.md §2.6). Shared by the two profiles' rules, which decide when it
/// applies.
/// </summary>
internal static class IngressUseWaypoint
{
    /// <summary>The label (on the service or its namespace) that asks for ingress through the waypoint.</summary>
    public const string Label = "istio.io/ingress-use-waypoint";

    /// <summary>The label of a proxy whose traffic ambient redirects.</summary>
    public const string RedirectionLabel = "ambient.istio.io/redirection";

    /// <summary>The labels that name the Gateway a proxy serves, the first one present winning.</summary>
    public static IReadOnlyList<string> GatewayNameLabels { get; } = ["gateway.kgateway.dev/gateway-full-name", "gateway.networking.k8s.io/gateway-name"];

    /// <summary>
    /// Whether the proxy asking for configuration serves an existing Gateway of its namespace that is not a waypoint (the
    /// Gateway named by the first of <see cref="GatewayNameLabels"/> it carries).
    /// </summary>
    public static bool ClientIsIngressGateway(TranslationContext context)
        => ClientGateway(context) is { } name && context.Capture.Gateway(name) is { IsWaypoint: false };

    /// <summary>The Gateway the proxy asking for configuration serves: the first of <see cref="GatewayNameLabels"/> it carries, in its namespace.</summary>
    public static NamespacedName? ClientGateway(TranslationContext context)
    {
        var labels = context.Settings.ClientLabels;
        var ns = context.Settings.ClientNamespace;
        if (labels is null || ns is null)
        {
            return null;
        }

        var name = GatewayNameLabels.Select(key => labels.GetValueOrDefault(key)).FirstOrDefault(static v => !string.IsNullOrEmpty(v));
        return name is null ? null : new NamespacedName(ns, name);
    }

    /// <summary>The value of <see cref="Label"/> on <paramref name="service"/>, else on its namespace; null when neither has it.</summary>
    public static string? LabelValue(MeshService service, TranslationContext context)
        => service.Labels.GetValueOrDefault(Label)
            ?? (context.Store.Get<V1Namespace>(string.Empty, service.Namespace)?.Metadata?.Labels is { } labels && labels.TryGetValue(Label, out var value) ? value : null);

    /// <summary>Whether a waypoint captures <paramref name="service"/>.</summary>
    public static bool IsCaptured(MeshService service, TranslationContext context) => context.Capture.Service(service.Key)?.Decision.IsCaptured == true;

    /// <summary>
    /// Rewrites <paramref name="cluster"/> to <c>STATIC</c> with one endpoint: the service's IP VIPs at the service port,
    /// IPv4 first (kgateway's default lookup family, V4_PREFERRED), the first as the address and the rest as additional
    /// addresses. The EDS configuration goes. False, and the cluster unchanged, when the service has no IP VIP.
    /// </summary>
    public static bool RouteToVips(Cluster cluster, BackendObject backend)
    {
        var vips = backend.Service.Addresses.Where(IpAddresses.IsIp).OrderBy(static a => a.Contains(':', StringComparison.Ordinal) ? 1 : 0).ToList();
        if (vips.Count == 0)
        {
            return false;
        }

        var port = (uint)backend.Port.Port;
        var endpoint = new Endpoint { Address = Socket(vips[0], port) };
        foreach (var vip in vips.Skip(1))
        {
            endpoint.AdditionalAddresses.Add(new Endpoint.Types.AdditionalAddress { Address = Socket(vip, port) });
        }

        var assignment = new ClusterLoadAssignment { ClusterName = cluster.Name };
        assignment.Endpoints.Add(new LocalityLbEndpoints { LbEndpoints = { new LbEndpoint { Endpoint = endpoint } } });
        cluster.Type = Cluster.Types.DiscoveryType.Static;
        cluster.EdsClusterConfig = null;
        cluster.LoadAssignment = assignment;
        return true;
    }

    private static Address Socket(string ip, uint port) => new() { SocketAddress = new SocketAddress { Address = ip, PortValue = port } };
}
