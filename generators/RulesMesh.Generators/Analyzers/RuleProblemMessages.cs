using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using RulesMesh.Generators.Diagnostics;
using RulesMesh.Generators.Rules.Model;
using RulesMesh.Generators.Rules.Parsing;

namespace RulesMesh.Generators.Analyzers
{
    /// <summary>The diagnostic and message for each <see cref="RuleProblem"/>: what is wrong with the class, and what to do.</summary>
    internal static class RuleProblemMessages
    {
        /// <summary>The descriptor of a class-shape problem (the contract problems are RM1001).</summary>
        public static DiagnosticDescriptor Descriptor(RuleProblem problem)
        {
            switch (problem)
            {
                case RuleProblem.Abstract:
                    return DiagnosticDescriptors.AbstractRule;
                case RuleProblem.Static:
                    return DiagnosticDescriptors.StaticRule;
                case RuleProblem.Generic:
                    return DiagnosticDescriptors.GenericRule;
                case RuleProblem.NestedClass:
                    return DiagnosticDescriptors.NestedRule;
                case RuleProblem.NoParameterlessConstructor:
                    return DiagnosticDescriptors.RuleWithoutParameterlessConstructor;
                case RuleProblem.AttributeArgumentNotConstant:
                    return DiagnosticDescriptors.RuleArgumentNotConstant;
                default:
                    return DiagnosticDescriptors.DataRuleNotPartial;
            }
        }

        private const string Contracts = "a stage contract (an interface marked [StageContract], such as IServiceCaptureRule, IClusterNameRule or IBackendPolicyRule)";

        public static string For(RuleProblem problem, INamedTypeSymbol type, LocalRule rule, List<INamedTypeSymbol> contracts)
        {
            var name = type.Name;
            switch (problem)
            {
                case RuleProblem.NoStageContract:
                    return $"Rule '{name}' implements no stage contract and carries no data attribute, so no pipeline can call it; implement {Contracts}, or add a data attribute such as [UseWaypointLabel]";
                case RuleProblem.SeveralStageContracts:
                    return $"Rule '{name}' implements {contracts.Count} stage contracts ({string.Join(", ", contracts.Select(Display))}){DeclarativeNote(type, rule)}; a rule belongs to one stage contract, so split it into one [Rule] class per contract";
                case RuleProblem.Abstract:
                    return $"Rule '{name}' is abstract; the generated pipeline creates every rule with 'new', so make the class concrete or move [Rule] to a concrete subclass";
                case RuleProblem.Static:
                    return $"Rule '{name}' is a static class; the generated pipeline calls rules on an instance, so remove 'static'";
                case RuleProblem.Generic:
                    return $"Rule '{name}' is generic; the generated pipeline cannot choose its type arguments, so declare a non-generic rule class (it may derive from a generic one)";
                case RuleProblem.NestedClass:
                    return $"Rule '{name}' is nested in '{type.ContainingType?.Name}'; the generated pipeline only calls top-level classes, so move it out";
                case RuleProblem.NoParameterlessConstructor:
                    return $"Rule '{name}' has no public or internal parameterless constructor; the generated pipeline creates it with 'new {name}()', so add one and read settings from the context argument";
                case RuleProblem.DeclarativeNotPartial:
                    return $"Rule '{name}' carries [{DeclarativeAttribute(type)}] but is not partial; the generator writes its implementation into another part of the class, so declare it 'partial'";
                case RuleProblem.AttributeArgumentNotConstant:
                    return ArgumentNotConstant(name);
                default:
                    return $"Rule '{name}' cannot be called by the generated pipeline";
            }
        }

        /// <summary>The RM1021 message, which the rules generator reports (it alone cannot evaluate the argument).</summary>
        public static string ArgumentNotConstant(string name)
            => $"Rule '{name}' passes an argument to a rule attribute that cannot be evaluated here, such as a constant of a model generated into this project; the rules generator cannot see generated models, so write the value as a literal (for example \"networking.istio.io\")";

        public static string Display(INamedTypeSymbol contract) => contract.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);

        private static string DeclarativeNote(INamedTypeSymbol type, LocalRule rule)
            => rule.Declarative is { } declarative
                ? $", one of them through [{DeclarativeAttribute(type)}], which implements {RuleParser.ImpliedContract(declarative.Kind).Split('.').Last()}"
                : string.Empty;

        private static string DeclarativeAttribute(INamedTypeSymbol type)
        {
            var attribute = type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ContainingNamespace?.ToDisplayString() == RuleNames.DeclarativeNamespace);
            var name = attribute?.AttributeClass?.Name ?? "data attribute";
            return name.EndsWith("Attribute", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
        }
    }
}
