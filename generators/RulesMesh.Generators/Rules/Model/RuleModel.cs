using RulesMesh.Generators.Common;

namespace RulesMesh.Generators.Rules.Model
{
    /// <summary>A rule as the pipeline needs it, from this compilation or from a referenced assembly's manifest.</summary>
    /// <param name="Name">The rule's unique name.</param>
    /// <param name="TypeName">The rule class, fully qualified with <c>global::</c>.</param>
    /// <param name="Contract">The stage contract it implements (<see cref="ContractModel.Key"/>), or null when it implements none or several.</param>
    /// <param name="Stage">The <c>RuleStage</c> name of the contract, or null.</param>
    /// <param name="ContractTypeArguments">For a generic contract, the type arguments the rule implements it with, as written.</param>
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
        EquatableArray<AppliesToModel> AppliesTo);

    /// <summary>One <c>[AppliesTo]</c>.</summary>
    internal sealed record AppliesToModel(string Group, string Kind, string? Label, string? Annotation);
}
