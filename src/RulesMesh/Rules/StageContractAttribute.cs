namespace RulesMesh.Rules;

/// <summary>
/// Marks a single-method interface as a stage contract: a rule class implementing it joins that stage, and the
/// generated pipeline overrides the <see cref="RulePipeline"/> method of the same name by calling the stage's rules
/// in order and returning the first non-null result; for a <c>void</c> method every rule runs, in order (policies that
/// each adjust the same resource). This is how the translation stages are declared, so adding a stage needs no change
/// to the rules generator.
/// </summary>
/// <param name="stage">The stage the interface's rules belong to.</param>
[AttributeUsage(AttributeTargets.Interface, Inherited = false)]
public sealed class StageContractAttribute(RuleStage stage) : Attribute
{
    /// <summary>The stage.</summary>
    public RuleStage Stage { get; } = stage;
}
