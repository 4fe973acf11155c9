namespace RulesMesh.Generators.Rules.Parsing
{
    /// <summary>Why the generator cannot call a rule class. The analyzer reports the contract problems as RM1001 and the others as RM1005.</summary>
    internal enum RuleProblem
    {
        None,
        NoStageContract,
        SeveralStageContracts,
        Abstract,
        Static,
        Generic,
        NoParameterlessConstructor,
        DeclarativeNotPartial,
        NestedClass,
        AttributeArgumentNotConstant,
    }
}
