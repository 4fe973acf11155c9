using System.Linq;
using Microsoft.CodeAnalysis;
using RulesMesh.Generators.Rules.Model;
using RulesMesh.Generators.Rules.Parsing;

namespace RulesMesh.Generators.Analyzers
{
    /// <summary>The RM1005 message for each <see cref="RuleProblem"/>: what is wrong with the class, and what to do.</summary>
    internal static class RuleProblemMessages
    {
        private const string StageInterfaces = "IWaypointRule, IServiceCaptureRule, IServiceModelRule<T>, IClusterNameRule, IWaypointListenerRule or an interface marked [StageContract]";

        public static string For(RuleProblem problem, INamedTypeSymbol type, LocalRule rule)
        {
            var name = type.Name;
            switch (problem)
            {
                case RuleProblem.Abstract:
                    return $"Rule '{name}' is abstract; the generated pipeline creates every rule with 'new', so make the class concrete or move [Rule] to a concrete subclass";
                case RuleProblem.Static:
                    return $"Rule '{name}' is a static class; the generated pipeline calls rules on an instance, so remove 'static'";
                case RuleProblem.Generic:
                    return $"Rule '{name}' is generic; the generated pipeline cannot choose its type arguments, so declare a non-generic rule class (it may derive from a generic one)";
                case RuleProblem.NestedClass:
                    return $"Rule '{name}' is nested in '{type.ContainingType?.Name}'; the generated pipeline only calls top-level classes, so move it out";
                case RuleProblem.NoParameterlessConstructor:
                    return $"Rule '{name}' has no public or internal parameterless constructor; the generated pipeline creates it with 'new {name}()', so add one and read settings from RuleContext";
                case RuleProblem.DeclarativeNotPartial:
                    return $"Rule '{name}' carries [{DeclarativeAttribute(type)}] but is not partial; the generator writes its implementation into another part of the class, so declare it 'partial'";
                case RuleProblem.NoStageInterface:
                    return $"Rule '{name}' implements no stage interface and carries no data attribute, so the pipeline has nothing to call; implement {StageInterfaces}, or add a data attribute such as [UseWaypointLabel]";
                case RuleProblem.AttributeArgumentNotConstant:
                    return $"Rule '{name}' passes an argument to a rule attribute that cannot be evaluated here, such as a constant of a model generated into this project; the rules generator cannot see generated models, so write the value as a literal (for example \"networking.istio.io\")";
                case RuleProblem.ShapeOutsideStage:
                    return OutsideStage(type, rule);
                default:
                    return $"Rule '{name}' cannot be called by the generated pipeline";
            }
        }

        /// <summary>The stage every shape of the rule belongs to, or null when it has none or shapes of several stages.</summary>
        public static int? InferStage(RuleModel rule)
        {
            var stages = rule.Shapes.Select(RuleStages.StageOf).Distinct().ToList();
            return stages.Count == 1 ? stages[0] : (int?)null;
        }

        public static string StageName(int stage) => stage >= 0 && stage < RuleStages.Names.Length ? RuleStages.Names[stage] : stage.ToString(System.Globalization.CultureInfo.InvariantCulture);

        private static string OutsideStage(INamedTypeSymbol type, LocalRule rule)
        {
            var declared = StageName(rule.Rule.Stage);

            // The data attribute first: the generator adds its interface to the class, so naming the attribute
            // points at what the user wrote.
            if (rule.Declarative is { } declarative)
            {
                var stage = RuleStages.StageOf(RuleParser.ImpliedShape(declarative.Kind).Kind);
                if (stage != rule.Rule.Stage)
                {
                    return $"Rule '{type.Name}' carries [{DeclarativeAttribute(type)}], which belongs to stage {StageName(stage)}, but is declared in stage {declared}";
                }
            }

            foreach (var contract in type.AllInterfaces)
            {
                var stage = RuleParser.ContractStage(contract) ?? (ShapeOf(contract) is { } shape ? RuleStages.StageOf(shape) : (int?)null);
                if (stage is { } s && s != rule.Rule.Stage)
                {
                    return $"Rule '{type.Name}' implements {contract.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}, which belongs to stage {StageName(s)}, but is declared in stage {declared}";
                }
            }

            return $"Rule '{type.Name}' has a stage interface outside stage {declared}";
        }

        private static ShapeKind? ShapeOf(INamedTypeSymbol contract)
        {
            if (contract.ContainingNamespace?.ToDisplayString() != RuleNames.Namespace)
            {
                return null;
            }

            switch (contract.Name)
            {
                case RuleNames.WaypointRule:
                    return ShapeKind.Waypoint;
                case RuleNames.ServiceCaptureRule:
                    return ShapeKind.ServiceCapture;
                case RuleNames.ServiceModelRule:
                    return ShapeKind.ServiceModel;
                case RuleNames.ClusterNameRule:
                    return ShapeKind.ClusterName;
                case RuleNames.ListenerRule:
                    return ShapeKind.Listener;
                default:
                    return null;
            }
        }

        private static string DeclarativeAttribute(INamedTypeSymbol type)
        {
            var attribute = type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ContainingNamespace?.ToDisplayString() == RuleNames.DeclarativeNamespace);
            var name = attribute?.AttributeClass?.Name ?? "data attribute";
            return name.EndsWith("Attribute", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
        }
    }
}
