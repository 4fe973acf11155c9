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
    internal sealed record RuleShape(ShapeKind Kind, string? ResourceType);

    internal enum ShapeKind
    {
        Waypoint,
        ServiceCapture,
        ServiceModel,
        ClusterName,
        Listener,
    }
}
