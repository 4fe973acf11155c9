using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RulesMesh.Generators.Common;
using RulesMesh.Generators.Rules.Model;

namespace RulesMesh.Generators.Rules.Parsing
{
    /// <summary>
    /// Reads a <c>[Rule]</c> class into plain data. Shared by the rules generator and the rule analyzer,
    /// so both agree on what a callable rule is.
    /// </summary>
    internal static class RuleParser
    {
        public static LocalRule Parse(INamedTypeSymbol type, AttributeData ruleAttribute, out RuleProblem problem)
        {
            var named = ruleAttribute.NamedArguments.ToDictionary(a => a.Key, a => a.Value);
            var declarative = ReadDeclarative(type);
            var shapes = Shapes(type, declarative);
            var stage = named.TryGetValue("Stage", out var stageValue) && stageValue.Value is int s ? s : RuleStages.Unspecified;
            var rule = new RuleModel(
                ruleAttribute.ConstructorArguments.Length == 1 ? ruleAttribute.ConstructorArguments[0].Value as string ?? string.Empty : string.Empty,
                type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                stage,
                named.TryGetValue("Order", out var order) && order.Value is int o ? o : 0,
                named.TryGetValue("Replaces", out var replaces) ? replaces.Value as string : null,
                named.TryGetValue("Profile", out var profile) ? profile.Value as string : null,
                named.TryGetValue("Description", out var description) ? description.Value as string : null,
                AppliesTo(type),
                shapes);

            problem = FindProblem(type, rule, declarative);
            return new LocalRule(
                rule,
                type.ContainingNamespace.IsGlobalNamespace ? string.Empty : type.ContainingNamespace.ToDisplayString(),
                type.Name,
                type.DeclaredAccessibility == Accessibility.Public,
                problem == RuleProblem.None,
                declarative);
        }

        private static RuleProblem FindProblem(INamedTypeSymbol type, RuleModel rule, DeclarativeModel? declarative)
        {
            if (type.IsAbstract && !type.IsStatic)
            {
                return RuleProblem.Abstract;
            }

            if (type.IsStatic)
            {
                return RuleProblem.Static;
            }

            if (type.IsGenericType)
            {
                return RuleProblem.Generic;
            }

            if (type.ContainingType is not null)
            {
                return RuleProblem.NestedClass;
            }

            if (!type.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal))
            {
                return RuleProblem.NoParameterlessConstructor;
            }

            // An argument naming a constant of a type the model generator writes into this same compilation cannot
            // be evaluated here (generators do not see each other's output); dropping it would widen the rule silently.
            if (type.GetAttributes().Any(a => IsRuleAttribute(a) && (a.AttributeConstructor is null || a.ConstructorArguments.Concat(a.NamedArguments.Select(n => n.Value)).Any(v => v.Kind == TypedConstantKind.Error))))
            {
                return RuleProblem.AttributeArgumentNotConstant;
            }

            if (declarative is not null && !IsPartial(type))
            {
                return RuleProblem.DeclarativeNotPartial;
            }

            if (rule.Shapes.Count == 0)
            {
                return RuleProblem.NoStageInterface;
            }

            if (rule.Stage != RuleStages.Unspecified && rule.Shapes.Any(shape => RuleStages.StageOf(shape) != rule.Stage))
            {
                return RuleProblem.ShapeOutsideStage;
            }

            return RuleProblem.None;
        }

        public static bool IsPartial(INamedTypeSymbol type)
            => type.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax c && c.Modifiers.Any(m => m.Text == "partial"));

        private static EquatableArray<RuleShape> Shapes(INamedTypeSymbol type, DeclarativeModel? declarative)
        {
            var shapes = new List<RuleShape>();
            foreach (var contract in type.AllInterfaces)
            {
                if (ContractStage(contract) is { } contractStage)
                {
                    var member = contract.GetMembers().OfType<IMethodSymbol>().FirstOrDefault()?.Name;
                    shapes.Add(new RuleShape(ShapeKind.Contract, contract.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), contractStage, member));
                    continue;
                }

                if (contract.ContainingNamespace.ToDisplayString() != RuleNames.Namespace)
                {
                    continue;
                }

                switch (contract.Name)
                {
                    case RuleNames.WaypointRule:
                        shapes.Add(new RuleShape(ShapeKind.Waypoint, null));
                        break;
                    case RuleNames.ServiceCaptureRule:
                        shapes.Add(new RuleShape(ShapeKind.ServiceCapture, null));
                        break;
                    case RuleNames.ServiceModelRule when contract.TypeArguments.Length == 1:
                        shapes.Add(new RuleShape(ShapeKind.ServiceModel, contract.TypeArguments[0].ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)));
                        break;
                    case RuleNames.ClusterNameRule:
                        shapes.Add(new RuleShape(ShapeKind.ClusterName, null));
                        break;
                    case RuleNames.ListenerRule:
                        shapes.Add(new RuleShape(ShapeKind.Listener, null));
                        break;
                }
            }

            if (declarative is not null)
            {
                var implied = ImpliedShape(declarative.Kind);
                if (!shapes.Contains(implied))
                {
                    shapes.Add(implied);
                }
            }

            return shapes.ToEquatableArray();
        }

        /// <summary>The stage a <c>[StageContract]</c> interface declares, or null for other interfaces.</summary>
        public static int? ContractStage(INamedTypeSymbol contract)
            => contract.OriginalDefinition.GetAttributes()
                .Where(a => Is(a, RuleNames.Namespace, RuleNames.StageContractAttribute) && a.ConstructorArguments.Length == 1)
                .Select(a => a.ConstructorArguments[0].Value as int?)
                .FirstOrDefault();

        public static RuleShape ImpliedShape(DeclarativeKind kind)
        {
            switch (kind)
            {
                case DeclarativeKind.UseWaypointLabel:
                    return new RuleShape(ShapeKind.ServiceCapture, null);
                case DeclarativeKind.ClusterNameFormat:
                    return new RuleShape(ShapeKind.ClusterName, null);
                default:
                    return new RuleShape(ShapeKind.Waypoint, null);
            }
        }

        private static EquatableArray<AppliesToModel> AppliesTo(INamedTypeSymbol type)
            => type.GetAttributes()
                .Where(a => Is(a, RuleNames.Namespace, RuleNames.AppliesToAttribute) && a.ConstructorArguments.Length == 2)
                .Select(a =>
                {
                    var named = a.NamedArguments.ToDictionary(n => n.Key, n => n.Value.Value as string);
                    return new AppliesToModel(
                        a.ConstructorArguments[0].Value as string ?? string.Empty,
                        a.ConstructorArguments[1].Value as string ?? string.Empty,
                        named.TryGetValue("Label", out var label) ? label : null,
                        named.TryGetValue("Annotation", out var annotation) ? annotation : null);
                })
                .ToEquatableArray();

        private static DeclarativeModel? ReadDeclarative(INamedTypeSymbol type)
        {
            foreach (var attribute in type.GetAttributes())
            {
                if (attribute.AttributeClass?.ContainingNamespace.ToDisplayString() != RuleNames.DeclarativeNamespace || attribute.ConstructorArguments.Length != 1)
                {
                    continue;
                }

                var first = attribute.ConstructorArguments[0].Value as string ?? string.Empty;
                var named = attribute.NamedArguments.ToDictionary(n => n.Key, n => n.Value.Value);
                string Named(string key, string fallback) => named.TryGetValue(key, out var value) && value is not null ? System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? fallback : fallback;
                switch (attribute.AttributeClass.Name)
                {
                    case RuleNames.UseWaypointLabel:
                        return Declarative(DeclarativeKind.UseWaypointLabel, first, Named("NamespaceLabel", string.Empty), Named("OptOutValue", "none"), Named("Scope", "0"));
                    case RuleNames.WaypointClass:
                        return Declarative(DeclarativeKind.WaypointClass, first);
                    case RuleNames.WaypointFor:
                        return Declarative(DeclarativeKind.WaypointFor, first, Named("DefaultValue", "service"), Named("AcceptedValues", "service,all"));
                    case RuleNames.ClusterNameFormat:
                        return Declarative(DeclarativeKind.ClusterNameFormat, first);
                }
            }

            return null;
        }

        private static bool IsRuleAttribute(AttributeData attribute)
            => attribute.AttributeClass?.ContainingNamespace.ToDisplayString() is RuleNames.Namespace or RuleNames.DeclarativeNamespace;

        private static DeclarativeModel Declarative(DeclarativeKind kind, params string[] arguments) => new DeclarativeModel(kind, arguments.ToEquatableArray());

        private static bool Is(AttributeData attribute, string ns, string name)
            => attribute.AttributeClass is { } c && c.Name == name && c.ContainingNamespace.ToDisplayString() == ns;
    }
}
