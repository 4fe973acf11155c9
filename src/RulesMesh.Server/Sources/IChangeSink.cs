using RulesMesh.Engine;

namespace RulesMesh.Server.Sources;

/// <summary>What sources report to (the control plane). Every member may be called from any thread.</summary>
public interface IChangeSink
{
    /// <summary>Changes seen together; the control plane debounces and coalesces batches before one engine step.</summary>
    void Submit(IConfigurationSource source, IReadOnlyList<ResourceChange> changes);

    /// <summary>Everything the source held at start has been submitted: readiness waits for every source.</summary>
    void MarkSynced(IConfigurationSource source);

    /// <summary>
    /// The problems an origin of the source has now (a file that does not load, a watch that keeps failing), replacing
    /// what was reported for that origin before; an empty list clears them. Shown on <c>/debug/sources</c>.
    /// </summary>
    void Report(IConfigurationSource source, string origin, IReadOnlyList<string> problems);
}
