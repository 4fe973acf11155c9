using Microsoft.Extensions.Logging;

namespace RulesMesh.Server.Sources.Kubernetes;

/// <summary>The Kubernetes source's log messages.</summary>
internal static partial class KubernetesSourceLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Listed {Resource}: {Count} objects in {Pages} pages at resourceVersion {ResourceVersion}")]
    public static partial void Listed(this ILogger logger, string resource, int count, int pages, string resourceVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listing {Resource} was cut short after {Pages} pages: the continue token expired (410 Gone); nothing of them is submitted, listing again from the first page in {DelayMs:0} ms")]
    public static partial void ListExpired(this ILogger logger, string resource, int pages, double delayMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Watch of {Resource} from resourceVersion {ResourceVersion} is too old (410 Gone): listing again")]
    public static partial void WatchGone(this ILogger logger, string resource, string resourceVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch of {Resource} failed ({Failures} in a row), starting again in {DelayMs:0} ms: {Error}")]
    public static partial void WatchFailed(this ILogger logger, string resource, int failures, double delayMs, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Origin} is left out: {Problems}")]
    public static partial void ObjectRefused(this ILogger logger, string origin, string problems);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Origin} is read, with warnings: {Warnings}")]
    public static partial void ObjectReadWithWarnings(this ILogger logger, string origin, string warnings);

    [LoggerMessage(Level = LogLevel.Information, Message = "All {Count} kinds listed: synced")]
    public static partial void Synced(this ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote the status of {Kind} {Key}")]
    public static partial void StatusWritten(this ILogger logger, string kind, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing the status of {Kind} {Key} failed, to be tried again after a backoff: {Error}")]
    public static partial void StatusWriteFailed(this ILogger logger, string kind, string key, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The API server refused the status of {Kind} {Key}, to be tried again with the next status change: {Error}")]
    public static partial void StatusWriteRefused(this ILogger logger, string kind, string key, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity} leads: writing statuses (Lease {LeaseNamespace}/{LeaseName})")]
    public static partial void StartedLeading(this ILogger logger, string identity, string leaseNamespace, string leaseName);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity} no longer leads: not writing statuses")]
    public static partial void StoppedLeading(this ILogger logger, string identity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Leader election stopped ({Failures} in a row), not writing statuses; taking part again in {DelayMs:0} ms: {Error}")]
    public static partial void LeaderElectionFailed(this ILogger logger, int failures, double delayMs, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Leader election: {Error}")]
    public static partial void LeaderElectionError(this ILogger logger, string error);
}
