namespace RulesMesh.Rules;

/// <summary>
/// Declares a rule: a class implementing exactly one stage contract (an interface marked <see cref="StageContractAttribute"/>)
/// or carrying a data attribute such as <c>[UseWaypointLabel]</c>. Its stage is the contract's. The rules generator
/// compiles every rule into the pipelines a <see cref="RulePipelinesAttribute"/> class declares.
/// </summary>
/// <param name="name">A unique, stable name such as <c>kgateway.capture.object-label</c>; <see cref="Replaces"/>, <see cref="Before"/> and <see cref="After"/> refer to it.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RuleAttribute(string name) : Attribute
{
    /// <summary>The rule's unique name.</summary>
    public string Name { get; } = name;

    /// <summary>One sentence a user reads in <c>--explain</c> output and rule listings.</summary>
    public string? Description { get; set; }

    /// <summary>The profile the rule belongs to; null puts it in every profile.</summary>
    public string? Profile { get; set; }

    /// <summary>The name of a rule this one takes the place of, in every profile where both are active.</summary>
    public string? Replaces { get; set; }

    /// <summary>
    /// The name of a rule of the same contract that this one wraps, in every profile where both are active: this rule
    /// takes its place (its order, its <see cref="AppliesToAttribute"/>) and receives it as
    /// <see cref="RuleDecorator{TContract}.Decorated"/>, so it can call it and adjust the result. The class derives from
    /// <see cref="RuleDecorator{TContract}"/> and declares no <see cref="AppliesToAttribute"/> of its own. Several
    /// decorators of one rule wrap each other, the first by <see cref="Order"/> then name innermost. A decorator is active
    /// only in the profiles where the rule it decorates is.
    /// </summary>
    public string? Decorates { get; set; }

    /// <summary>The name of a rule of the same contract that this one must run before.</summary>
    public string? Before { get; set; }

    /// <summary>The name of a rule of the same contract that this one must run after.</summary>
    public string? After { get; set; }

    /// <summary>
    /// Tie-break among rules of the same contract that <see cref="Before"/>/<see cref="After"/> leave unordered; lower
    /// runs first, then by name. Two rules of one contract and profile may not share it.
    /// </summary>
    public int Order { get; set; }
}
