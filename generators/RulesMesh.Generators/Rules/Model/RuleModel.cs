using RulesMesh.Generators.Common;

namespace RulesMesh.Generators.Rules.Model
{
    /// <summary>A rule as the pipeline needs it, from this compilation or from a referenced assembly's manifest.</summary>
    /// <param name="Name">The rule's unique name.</param>
    /// <param name="TypeName">The rule class, fully qualified with <c>global::</c>.</param>
    /// <param name="Contract">The stage contract it implements (<see cref="ContractModel.Key"/>), or null when it implements none or several.</param>
    /// <param name="Stage">The <c>RuleStage</c> name of the contract, or null.</param>
    /// <param name="ContractTypeArguments">For a generic contract, the type arguments the rule implements it with, as written.</param>
    /// <param name="Order">Tie-break among the rules of one contract; lower runs first.</param>
    /// <param name="Replaces">The rule this one takes the place of, if any.</param>
    /// <param name="Profile">The only profile the rule belongs to, or null for every profile.</param>
    /// <param name="Description">The sentence shown in listings and <c>--explain</c>.</param>
    /// <param name="Before">A rule of the same contract this one must run before, if any.</param>
    /// <param name="After">A rule of the same contract this one must run after, if any.</param>
    /// <param name="AppliesTo">The kinds (and labels or annotations) the pipeline checks before calling the rule; empty for all.</param>
    /// <param name="Decorates">The rule of the same contract this one wraps, if any.</param>
    /// <param name="ImplementsExplicitly">
    /// Whether the class implements the contract's method explicitly (<c>string? IRule.Method(...)</c>): the method is not
    /// a member of the class, so the pipeline holds and calls the rule as its contract.
    /// </param>
    internal sealed record RuleModel(
        string Name,
        string TypeName,
        string? Contract,
        string? Stage,
        EquatableArray<string> ContractTypeArguments,
        int Order,
        string? Replaces,
        string? Profile,
        string? Description,
        string? Before,
        string? After,
        EquatableArray<AppliesToModel> AppliesTo,
        string? Decorates,
        bool ImplementsExplicitly = false);

    /// <summary>One <c>[AppliesTo]</c>.</summary>
    internal sealed record AppliesToModel(string Group, string Kind, string? Label, string? Annotation, string? Namespace);
}
