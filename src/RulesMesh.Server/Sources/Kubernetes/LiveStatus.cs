using System.Text.Json.Nodes;

namespace RulesMesh.Server.Sources.Kubernetes;

/// <summary>
/// An object's <c>status</c> as the API server last sent it, and the object's <c>resourceVersion</c> then: a status
/// patch names that version, so a write merged from a status another controller has changed since is refused (409)
/// instead of overwriting that controller's conditions.
/// </summary>
/// <param name="Status">The status; null when the object has none. Never changed once stored.</param>
/// <param name="ResourceVersion">The object's resourceVersion; empty when the server sent none.</param>
internal sealed record LiveStatus(JsonNode? Status, string ResourceVersion);
