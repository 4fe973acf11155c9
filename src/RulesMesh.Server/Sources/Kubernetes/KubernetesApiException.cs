using System.Net;

namespace RulesMesh.Server.Sources.Kubernetes;

/// <summary>The API server refused a request.</summary>
/// <param name="statusCode">The HTTP status.</param>
/// <param name="message">The <c>Status</c> message, else the reason phrase.</param>
internal sealed class KubernetesApiException(HttpStatusCode statusCode, string message)
    : Exception($"{(int)statusCode} {statusCode}: {message}")
{
    /// <summary>The HTTP status.</summary>
    public HttpStatusCode StatusCode { get; } = statusCode;
}
