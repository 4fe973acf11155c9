using RulesMesh.Generators.Common;

namespace RulesMesh.Generators.Rules.Model
{
    /// <summary>An abstract <c>RulePipeline</c> method that a stage contract fills: the generated override calls the contract's rules.</summary>
    /// <param name="FiltersOnFirstParameter">True when the first parameter is a rule subject (or a Kubernetes object) that AppliesTo can check.</param>
    internal sealed record ContractMethod(string Name, string ReturnType, EquatableArray<ContractParameter> Parameters, bool FiltersOnFirstParameter);

    /// <summary>A parameter of a <see cref="ContractMethod"/>.</summary>
    internal sealed record ContractParameter(string Type, string Name);
}
