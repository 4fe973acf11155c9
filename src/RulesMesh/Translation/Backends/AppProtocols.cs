using System.Collections.Frozen;
namespace RulesMesh.Translation.Backends;

/// <summary>kgateway's <c>ParseAppProtocol</c>: which declared port protocols make the upstream HTTP/2.</summary>
internal static class AppProtocols
{
    private static readonly FrozenSet<string> Http2 = FrozenSet.Create(StringComparer.Ordinal, "http2", "grpc", "grpc-web", "kubernetes.io/h2c");

    /// <summary>Whether <paramref name="protocol"/>, lower-cased, is <c>http2</c>, <c>grpc</c>, <c>grpc-web</c> or <c>kubernetes.io/h2c</c>.</summary>
    public static bool IsHttp2(string? protocol) => protocol is not null && Http2.Contains(protocol.ToLowerInvariant());
}
