namespace RulesMesh.Rules;

/// <summary>
/// A context argument that can carry a <see cref="RuleTrail"/>: when a verdict contract's method takes one, the
/// generated pipeline records each rule's step there. The caller creates the trail and reads it afterwards.
/// </summary>
public interface ITracedContext
{
    /// <summary>Where steps are recorded; null records nothing.</summary>
    RuleTrail? Trail { get; }
}
