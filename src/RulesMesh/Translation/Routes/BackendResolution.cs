using RulesMesh.Translation.Backends;

namespace RulesMesh.Translation.Routes;

/// <summary>The outcome of resolving a backendRef: the backend, or why there is none (a ResolvedRefs reason and message).</summary>
public sealed record BackendResolution(BackendObject? Backend, string? FailureReason, string? FailureMessage)
{
    /// <summary>Resolved to <paramref name="backend"/>.</summary>
    public static BackendResolution To(BackendObject backend) => new(backend, null, null);

    /// <summary>Not resolved.</summary>
    public static BackendResolution Failed(string reason, string message) => new(null, reason, message);
}
