using RulesMesh.Generators.Common;

namespace RulesMesh.Generators.Rules.Model
{
    /// <summary>A rule as the pipeline needs it, from this compilation or from a referenced assembly's manifest.</summary>
    /// <param name="Name">The rule's unique name.</param>
    /// <param name="TypeName">The rule class, fully qualified with <c>global::</c>.</param>
    /// <param name="Stage">The <c>RuleStage</c> value.</param>
    /// <param name="Shapes">The stage interfaces the rule implements (declared or generated from a data attribute).</param>
    internal sealed record RuleModel(
        string Name,
        string TypeName,
        int Stage,
        int Order,
        string? Replaces,
        string? Profile,
        string? Description,
        EquatableArray<AppliesToModel> AppliesTo,
        EquatableArray<RuleShape> Shapes);

    /// <summary>One <c>[AppliesTo]</c>.</summary>
    internal sealed record AppliesToModel(string Group, string Kind, string? Label, string? Annotation);

    /// <summary>A stage interface the generated pipeline can call.</summary>
    /// <param name="ResourceType">The model type of a service-model rule, or the interface of a stage contract.</param>
    /// <param name="ContractStage">The stage a <see cref="ShapeKind.Contract"/> interface declares.</param>
    /// <param name="Member">The method a <see cref="ShapeKind.Contract"/> interface declares; the pipeline method of the same name calls it.</param>
    internal sealed record RuleShape(ShapeKind Kind, string? ResourceType, int ContractStage = 0, string? Member = null);

    internal enum ShapeKind
    {
        Waypoint,
        ServiceCapture,
        ServiceModel,
        ClusterName,
        Listener,

        /// <summary>An interface marked <c>[StageContract]</c>: first non-null result wins.</summary>
        Contract,
    }
}
