using RulesMesh.Generators.Common;

namespace RulesMesh.Generators.Rules.Model
{
    /// <summary>A rule class of this compilation: the rule itself, plus what is needed to write its data-attribute implementation.</summary>
    /// <param name="Rule">The rule as pipelines use it.</param>
    /// <param name="Namespace">The class's namespace, empty for the global one.</param>
    /// <param name="ClassName">The class's name.</param>
    /// <param name="IsPublic">Public rules are exported to referencing assemblies through the manifest.</param>
    /// <param name="IsCallable">False when the generator cannot call it (RM1001, RM1005, RM1016–RM1021 or RM1023 says why); such rules are left out.</param>
    /// <param name="Declarative">The data attribute the generator implements the rule from, or null for a rule written in code.</param>
    internal sealed record LocalRule(RuleModel Rule, string Namespace, string ClassName, bool IsPublic, bool IsCallable, DeclarativeModel? Declarative);

    /// <summary>A data attribute that the generator implements: its kind and its argument values in declaration order.</summary>
    internal sealed record DeclarativeModel(DeclarativeKind Kind, EquatableArray<string> Arguments);

    internal enum DeclarativeKind
    {
        UseWaypointLabel,
        WaypointClass,
        WaypointFor,
        ClusterNameFormat,
    }
}
