using RulesMesh.Engine;

namespace RulesMesh.Tests.Engine;

/// <summary>What one edit hands the engine, what it did in words, and whether it changes nothing translation reads.</summary>
/// <param name="Changes">The changes, in order; none when the edit had nothing to do (or the loader refused its result).</param>
/// <param name="Description">What the edit did, with the object's key.</param>
/// <param name="ChangesNothing">Whether the change set must be empty.</param>
internal sealed record EditStep(IReadOnlyList<ResourceChange> Changes, string Description, bool ChangesNothing)
{
    /// <summary>An edit that did nothing, and why.</summary>
    public static EditStep Skipped(string why) => new([], "skipped: " + why, true) { IsSkipped = true };

    /// <summary>Whether the edit had nothing to do, so nothing is applied.</summary>
    public bool IsSkipped { get; private init; }
}
