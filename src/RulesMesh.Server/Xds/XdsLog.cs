using Microsoft.Extensions.Logging;
using RulesMesh.Mesh;

namespace RulesMesh.Server.Xds;

/// <summary>The xDS service's log messages.</summary>
internal static partial class XdsLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "xDS {Variant} stream opened by node {NodeId} (gateway {Gateway}, pod {Pod}, locality {Locality})")]
    public static partial void StreamOpened(this ILogger logger, string variant, string nodeId, NamespacedName? gateway, NamespacedName? pod, string? locality);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "xDS {Variant} stream of node {NodeId} closed")]
    public static partial void StreamClosed(this ILogger logger, string variant, string nodeId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Node {NodeId} rejected {TypeUrl} version {Version} (nonce {Nonce}, resources {ResourceNames}): {ErrorDetail}; it stays on its last good version")]
    public static partial void Nack(this ILogger logger, string nodeId, string typeUrl, string version, string nonce, string resourceNames, string errorDetail);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Node {NodeId} sent a stale nonce {Nonce} for {TypeUrl}; ignored")]
    public static partial void StaleNonce(this ILogger logger, string nodeId, string nonce, string typeUrl);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Node {NodeId} asked for {TypeUrl}, a type this server does not serve; ignored")]
    public static partial void UnknownType(this ILogger logger, string nodeId, string typeUrl);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Node {NodeId} sent a request with no type_url; its stream is ended with InvalidArgument")]
    public static partial void NoTypeUrl(this ILogger logger, string nodeId);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "Sent {TypeUrl} version {Version} (nonce {Nonce}, {Count} resources, {Removed} removed) to node {NodeId}")]
    public static partial void Pushed(this ILogger logger, string typeUrl, string version, string nonce, int count, int removed, string nodeId);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Node {NodeId} is served snapshot {SnapshotKey}: {Warning}")]
    public static partial void SnapshotWarning(this ILogger logger, string nodeId, string snapshotKey, string warning);

    [LoggerMessage(EventId = 8, Level = LogLevel.Debug, Message = "xDS {Variant} stream of node {NodeId} broke")]
    public static partial void StreamBroken(this ILogger logger, Exception exception, string variant, string nodeId);
}
