using RulesMesh.Engine;

namespace RulesMesh.Benchmarks;

/// <summary>
/// One edit the incremental benchmarks time: the batch that makes it and the batch that undoes it, applied in turn so
/// that every timed step does the same work on the same mesh, and what the change set of each must hold.
/// </summary>
/// <param name="Name">A short name, as the benchmarks and the check print it.</param>
/// <param name="Description">What the edit changes, in words.</param>
/// <param name="Forward">The batch that makes the edit.</param>
/// <param name="Back">The batch that undoes it.</param>
/// <param name="Verify">Throws when a step's change set misses what the edit must change; the flag tells whether the step was <see cref="Forward"/>.</param>
internal sealed record MeshEdit(string Name, string Description, IReadOnlyList<ResourceChange> Forward, IReadOnlyList<ResourceChange> Back, Action<ChangeSet, bool> Verify)
{
    /// <summary>The batch for the step after <paramref name="edited"/> steps made the edit (true) or undid it (false).</summary>
    public IReadOnlyList<ResourceChange> Next(bool edited) => edited ? Back : Forward;
}
