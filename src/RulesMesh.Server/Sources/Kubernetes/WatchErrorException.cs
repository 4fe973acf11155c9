namespace RulesMesh.Server.Sources.Kubernetes;

/// <summary>A watch sent an <c>ERROR</c> event other than 410 Gone (or an event it should not): the watch is started again after a backoff.</summary>
/// <param name="message">The <c>Status</c> message the event carried.</param>
internal sealed class WatchErrorException(string message) : Exception(message);
