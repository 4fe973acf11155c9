using System.Collections.Frozen;
namespace RulesMesh.Mesh;

/// <summary>One port of a service, Service and ServiceEntry alike.</summary>
/// <param name="Name">The port name; may be empty.</param>
/// <param name="Port">The service port clients connect to.</param>
/// <param name="TargetPort">The workload port, 0 when not set.</param>
/// <param name="Protocol">The protocol that decides HTTP or TCP (see <see cref="IsHttp"/>).</param>
public sealed record ServicePort(string Name, int Port, int TargetPort, string Protocol)
{
    private static readonly FrozenSet<string> HttpProtocols = FrozenSet.Create(StringComparer.Ordinal, "http", "http2", "http_proxy", "grpc", "grpc-web");

    private const int LongestHttpProtocol = 10;

    /// <summary>
    /// kgateway's <c>IsHTTP</c>: the protocol cut at the first '-' (Istio's <c>http-foo</c> style), lower-cased,
    /// is one of http, http2, http_proxy, grpc, grpc-web.
    /// </summary>
    public bool IsHttp
    {
        get
        {
            var dash = Protocol.IndexOf('-');
            var prefix = dash >= 0 ? Protocol.AsSpan(0, dash) : Protocol.AsSpan();
            if (prefix.Length > LongestHttpProtocol)
            {
                return false;
            }

            // Lower-cased on the stack: every chain and virtual host asks, so no string per question.
            Span<char> lower = stackalloc char[LongestHttpProtocol];
            var length = prefix.ToLowerInvariant(lower);
            return HttpProtocols.GetAlternateLookup<ReadOnlySpan<char>>().Contains(lower[..length]);
        }
    }
}
