using RulesMesh.Translation.Backends;

namespace RulesMesh.Translation.Routes;

/// <summary>The outcome of resolving a backendRef: the backend, or why there is none (a ResolvedRefs reason and message).</summary>
public sealed record BackendResolution(BackendObject? Backend, string? FailureReason, string? FailureMessage)
{
    /// <summary>Resolved to <paramref name="backend"/>.</summary>
    public static BackendResolution To(BackendObject backend) => new(backend, null, null);

    /// <summary>Not resolved.</summary>
    public static BackendResolution Failed(string reason, string message) => new(null, reason, message);

    /// <summary>
    /// The host traffic still goes to when no backend serves the ref: istiod emits the destination of a backendRef whose
    /// host it cannot find, or whose port the Service does not declare, and the data plane fails those requests
    /// (docs/spec/istio-gatewayapi.md §7). Null: no destination at all.
    /// </summary>
    public string? Host { get; init; }

    /// <summary>No backend, but a destination at <paramref name="host"/>: the service exists, but not on the ref's port.</summary>
    public static BackendResolution ToHost(string host) => new(null, null, null) { Host = host };
}
