namespace RulesMesh.Generators.Rules.Parsing
{
    /// <summary>Why the generator cannot call a rule class. The analyzer reports each as RM1005 with its own message.</summary>
    internal enum RuleProblem
    {
        None,
        Abstract,
        Static,
        Generic,
        NoParameterlessConstructor,
        NoStageInterface,
        DeclarativeNotPartial,
        ShapeOutsideStage,
        NestedClass,
        AttributeArgumentNotConstant,
    }
}
