namespace RulesMesh.Rules;

/// <summary>
/// A rule's answer that may or may not decide. A stage contract whose method returns a verdict runs its rules in order
/// until one decides, and records every rule's step in the <see cref="RuleTrail"/> the caller passes in its context.
/// </summary>
public interface IRuleVerdict
{
    /// <summary>True when this answer is final and later rules must not run. Implement it as a public member: the generated pipeline reads it on the verdict type.</summary>
    bool Decides { get; }

    /// <summary>The answer in one word, as <c>--explain</c> shows it (for example <c>Captured</c> or <c>Abstain</c>).</summary>
    string Outcome { get; }

    /// <summary>Why, in words a user understands.</summary>
    string Reason { get; }
}
