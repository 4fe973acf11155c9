using System.Collections.Frozen;

namespace RulesMesh.Translation.Istio;

/// <summary>
/// A port's protocol as Istio reads it (<c>protocol.Parse</c>, <c>kube.ConvertProtocol</c>; docs/spec/istio-waypoint-output.md §1):
/// a Service port's transport protocol UDP wins, then <c>appProtocol</c>, then the port name's prefix before the first
/// '-' (<c>grpc-web</c> whole); a ServiceEntry port's <c>protocol</c>. Anything unknown, or nothing, is
/// <see cref="Unsupported"/>: the waypoint sniffs it.
/// </summary>
/// <param name="Name">Istio's protocol name (<c>HTTP</c>, <c>TCP</c>, <c>UnsupportedProtocol</c>, …).</param>
internal readonly record struct IstioProtocol(string Name)
{
    /// <summary>A port whose protocol Istio does not know: sniffed, served by both chains.</summary>
    public static readonly IstioProtocol Unsupported = new("UnsupportedProtocol");

    private static readonly FrozenDictionary<string, string> Known = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["tcp"] = "TCP",
        ["udp"] = "UDP",
        ["grpc"] = "GRPC",
        ["grpc-web"] = "GRPC-Web",
        ["http"] = "HTTP",
        ["http_proxy"] = "HTTP_PROXY",
        ["http2"] = "HTTP2",
        ["https"] = "HTTPS",
        ["tls"] = "TLS",
        ["mongo"] = "Mongo",
        ["redis"] = "Redis",
        ["mysql"] = "MySQL",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    // Kubernetes' standard appProtocol values (KEP-3726) that Istio maps (appProtocolToIstio).
    private static readonly FrozenDictionary<string, string> KubernetesAppProtocols = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["kubernetes.io/h2c"] = "HTTP2",
        ["kubernetes.io/ws"] = "HTTP",
        ["kubernetes.io/wss"] = "HTTPS",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>UDP: the waypoint skips the port.</summary>
    public bool IsUdp => Name == "UDP";

    /// <summary>Sniffed: both an HTTP and a TCP chain and cluster.</summary>
    public bool IsUnsupported => Name == Unsupported.Name;

    /// <summary>Istio's <c>IsHTTP</c>: HTTP, HTTP2, HTTP_PROXY, GRPC, GRPC-Web.</summary>
    public bool IsHttp => Name is "HTTP" or "HTTP2" or "HTTP_PROXY" or "GRPC" or "GRPC-Web";

    /// <summary>Istio's <c>IsHTTP2</c>: HTTP2, GRPC, GRPC-Web (the HCM and the cluster speak HTTP/2).</summary>
    public bool IsHttp2 => Name is "HTTP2" or "GRPC" or "GRPC-Web";

    /// <summary>GRPC-Web: the HTTP chain also gets the <c>grpc_web</c> filter.</summary>
    public bool IsGrpcWeb => Name == "GRPC-Web";

    /// <summary>Istio's <c>IsTLS</c>: HTTPS, TLS (the TLS inspector stays on for it).</summary>
    public bool IsTls => Name is "HTTPS" or "TLS";

    /// <summary>Whether the port gets an <c>http</c> chain and cluster (HTTP or sniffed).</summary>
    public bool HasHttpChain => IsHttp || IsUnsupported;

    /// <summary>Whether the port gets a <c>tcp</c> chain and cluster (anything but HTTP).</summary>
    public bool HasTcpChain => !IsHttp;

    /// <summary><c>protocol.Parse</c>: a known name in any case, else <see cref="Unsupported"/>.</summary>
    public static IstioProtocol Parse(string? value)
        => value is not null && Known.TryGetValue(value, out var name) ? new(name) : Unsupported;

    /// <summary><c>kube.ConvertProtocol</c> for a Kubernetes Service port.</summary>
    public static IstioProtocol OfServicePort(string? name, string? transport, string? appProtocol)
    {
        if (transport == "UDP")
        {
            return new("UDP");
        }

        if (!string.IsNullOrEmpty(appProtocol))
        {
            return KubernetesAppProtocols.TryGetValue(appProtocol, out var mapped) ? new(mapped) : Parse(appProtocol);
        }

        name ??= string.Empty;
        if (name.StartsWith("grpc-web", StringComparison.OrdinalIgnoreCase))
        {
            return new("GRPC-Web");
        }

        var dash = name.IndexOf('-', StringComparison.Ordinal);
        return Parse(dash >= 0 ? name[..dash] : name);
    }
}
