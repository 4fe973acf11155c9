using System.Globalization;

namespace RulesMesh.Translation.Istio;

/// <summary>The names istiod gives a waypoint's resources (docs/spec/istio-waypoint-output.md §2, §3; <c>model.BuildSubsetKey</c>).</summary>
internal static class IstioWaypointNames
{
    /// <summary>The HBONE listener on 15008.</summary>
    public const string ConnectTerminate = "connect_terminate";

    /// <summary>The internal listener holding the service chains, and the cluster that reaches it.</summary>
    public const string MainInternal = "main_internal";

    /// <summary>The internal listener that tunnels to endpoints over HBONE, and the ORIGINAL_DST cluster behind it.</summary>
    public const string ConnectOriginate = "connect_originate";

    /// <summary>The cluster that reaches <see cref="ConnectOriginate"/>, used by the direct chains.</summary>
    public const string Encap = "encap";

    /// <summary>The chain for workload-addressed TCP.</summary>
    public const string DirectTcp = "direct-tcp";

    /// <summary>The chain for workload-addressed HTTP.</summary>
    public const string DirectHttp = "direct-http";

    /// <summary>The filter state key ztunnel's CONNECT authority is kept under (the original destination).</summary>
    public const string OriginalDstLocal = "envoy.filters.listener.original_dst.local_ip";

    /// <summary>The filter state key of the client's address.</summary>
    public const string OriginalDstRemote = "envoy.filters.listener.original_dst.remote_ip";

    /// <summary>The endpoint metadata namespace the original destination filter reads.</summary>
    public const string OriginalDstMetadata = "envoy.filters.listener.original_dst";

    /// <summary>The HBONE port.</summary>
    public const int HbonePort = 15008;

    /// <summary><c>inbound-vip|&lt;port&gt;|&lt;http|tcp&gt;[/&lt;subset&gt;]|&lt;host&gt;</c>.</summary>
    public static string InboundVip(int port, string kind, string? subset, string host)
        => string.Create(CultureInfo.InvariantCulture, $"inbound-vip|{port}|{kind}{(string.IsNullOrEmpty(subset) ? string.Empty : "/" + subset)}|{host}");

    /// <summary><c>outbound|&lt;port&gt;|&lt;subset&gt;|&lt;host&gt;</c> (istiod's <c>BuildSubsetKey</c>).</summary>
    public static string Outbound(int port, string subset, string host)
        => string.Create(CultureInfo.InvariantCulture, $"outbound|{port}|{subset}|{host}");

    /// <summary>The virtual host of a service port's route configuration.</summary>
    public static string InboundVirtualHost(int port) => string.Create(CultureInfo.InvariantCulture, $"inbound|http|{port}");

    /// <summary>The HTTP connection manager's stat prefix for <paramref name="port"/> (with istiod's trailing ';').</summary>
    public static string HttpStatPrefix(int port) => string.Create(CultureInfo.InvariantCulture, $"inbound_0.0.0.0_{port};");
}
