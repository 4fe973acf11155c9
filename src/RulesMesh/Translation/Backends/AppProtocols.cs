using System.Collections.Frozen;
namespace RulesMesh.Translation.Backends;

/// <summary>kgateway's <c>ParseAppProtocol</c>: which declared port protocols make the upstream HTTP/2.</summary>
internal static class AppProtocols
{
    private static readonly FrozenSet<string> Http2 = FrozenSet.Create(StringComparer.Ordinal, "http2", "grpc", "grpc-web", "kubernetes.io/h2c");

    private static readonly int LongestHttp2Protocol = Http2.Max(static protocol => protocol.Length);

    /// <summary>Whether <paramref name="protocol"/>, lower-cased, is <c>http2</c>, <c>grpc</c>, <c>grpc-web</c> or <c>kubernetes.io/h2c</c>.</summary>
    public static bool IsHttp2(string? protocol)
    {
        if (protocol is null || protocol.Length > LongestHttp2Protocol)
        {
            return false;
        }

        // Lower-cased on the stack: every cluster asks, and ports spell their protocol HTTP, TCP, ...
        Span<char> lower = stackalloc char[LongestHttp2Protocol];
        var length = protocol.AsSpan().ToLowerInvariant(lower);
        return Http2.GetAlternateLookup<ReadOnlySpan<char>>().Contains(lower[..length]);
    }
}
