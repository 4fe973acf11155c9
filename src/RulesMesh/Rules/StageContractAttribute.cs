namespace RulesMesh.Rules;

/// <summary>
/// Marks a single-method interface as a stage contract. A <c>[Rule]</c> class implementing it joins the stage, and
/// every pipeline generated for a <see cref="RulePipelinesAttribute"/> class implements it by calling the contract's
/// active rules in order (each rule's <see cref="AppliesToAttribute"/> checked first), so code calls the stage through
/// <c>pipeline.Stage&lt;TContract&gt;()</c>. The method's return type sets how the rules' results combine:
/// <list type="table">
///   <listheader><term>Return type</term><description>Convention</description></listheader>
///   <item><term><c>void</c></term><description>Every rule runs, in order (each adjusts the same object).</description></item>
///   <item><term>an <see cref="IRuleVerdict"/></term><description>Rules run in order until a verdict decides; that verdict is returned (<c>default</c> when none decides). Every rule's step goes to the <see cref="RuleTrail"/> of an <see cref="ITracedContext"/> argument.</description></item>
///   <item><term>anything else (nullable)</term><description>Rules run in order until one returns non-null; that result is returned (null when none does).</description></item>
/// </list>
/// A generic contract (such as <c>IServiceModelRule&lt;TResource&gt;</c>) is implemented at its type parameter's
/// constraint, and each rule is called only with arguments of its own type argument.
/// </summary>
/// <param name="stage">The stage the interface's rules belong to.</param>
[AttributeUsage(AttributeTargets.Interface, Inherited = false)]
public sealed class StageContractAttribute(RuleStage stage) : Attribute
{
    /// <summary>The stage.</summary>
    public RuleStage Stage { get; } = stage;
}
