using RulesMesh.Engine;

namespace RulesMesh.Server.Control;

/// <summary>Writes the statuses the engine computes back to where the objects came from (a Kubernetes API server).</summary>
public interface IStatusWriter
{
    /// <summary>
    /// Called after each engine step whose statuses changed, with those changes and every status the engine holds now
    /// (a writer that just became leader writes from <paramref name="current"/>). Calls never overlap.
    /// </summary>
    Task WriteAsync(StatusMaps current, IReadOnlyList<StatusChange> changes, CancellationToken cancellationToken);
}
