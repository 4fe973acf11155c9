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
        public static LocalRule Parse(INamedTypeSymbol type, AttributeData ruleAttribute, Compilation compilation, out RuleProblem problem)
        {
            var named = ruleAttribute.NamedArguments.ToDictionary(a => a.Key, a => a.Value);
            var declarative = ReadDeclarative(type);
            var contracts = Contracts(type, declarative, compilation);
            var contract = contracts.Count == 1 ? contracts[0] : null;
            var rule = new RuleModel(
                ruleAttribute.ConstructorArguments.Length == 1 ? ruleAttribute.ConstructorArguments[0].Value as string ?? string.Empty : string.Empty,
                type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                contract is null ? null : ContractReader.KeyOf(contract),
                contract is null ? null : RuleNames.StageName(ContractReader.StageOf(contract) ?? -1),
                contract is null || !contract.IsGenericType ? EquatableArray<string>.Empty : new[] { contract.TypeArguments[0].ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) }.ToEquatableArray(),
                named.TryGetValue("Order", out var order) && order.Value is int o ? o : 0,
                Text(named, "Replaces"),
                Text(named, "Profile"),
                Text(named, "Description"),
                Text(named, "Before"),
                Text(named, "After"),
                AppliesTo(type),
                Text(named, "Decorates"),
                contract is not null && ImplementsExplicitly(type, contract));

            problem = FindProblem(type, contracts.Count, declarative);

            // A decorator the pipeline cannot hand the decorated rule to (RM1023) is left out like any uncallable rule.
            var decoratable = rule.Decorates is null || contract is null || DerivesFromDecoratorOf(type, contract);
            return new LocalRule(
                rule,
                type.ContainingNamespace.IsGlobalNamespace ? string.Empty : type.ContainingNamespace.ToDisplayString(),
                type.Name,
                type.DeclaredAccessibility == Accessibility.Public,
                problem == RuleProblem.None && decoratable,
                declarative);
        }

        /// <summary>
        /// The stage contracts the class implements, as implemented: declared interfaces (a generic contract implemented for
        /// two type arguments counts twice, since a rule is called for one), plus the one a data attribute makes the
        /// generator add.
        /// </summary>
        public static List<INamedTypeSymbol> Contracts(INamedTypeSymbol type, DeclarativeModel? declarative, Compilation compilation)
        {
            var contracts = new List<INamedTypeSymbol>();
            foreach (var candidate in type.AllInterfaces)
            {
                if (ContractReader.StageOf(candidate) is not null && !contracts.Any(c => SymbolEqualityComparer.Default.Equals(c, candidate)))
                {
                    contracts.Add(candidate);
                }
            }

            if (declarative is not null && compilation.GetTypeByMetadataName(ImpliedContract(declarative.Kind)) is { } implied
                && !contracts.Any(c => SymbolEqualityComparer.Default.Equals(c, implied)))
            {
                contracts.Add(implied);
            }

            return contracts;
        }

        /// <summary>
        /// Whether the method <paramref name="type"/> implements <paramref name="contract"/> with is an explicit interface
        /// implementation (its own or a base class's), so it cannot be called on the class. A rule the generator implements
        /// from a data attribute has no implementation yet: not explicit.
        /// </summary>
        public static bool ImplementsExplicitly(INamedTypeSymbol type, INamedTypeSymbol contract)
            => contract.GetMembers().OfType<IMethodSymbol>().FirstOrDefault(m => m.MethodKind == MethodKind.Ordinary) is { } method
                && type.FindImplementationForInterfaceMember(method) is IMethodSymbol implementation
                && implementation.MethodKind == MethodKind.ExplicitInterfaceImplementation;

        /// <summary>Whether <paramref name="type"/> derives from <c>RuleDecorator&lt;contract&gt;</c>, as a decorator of that contract must.</summary>
        public static bool DerivesFromDecoratorOf(INamedTypeSymbol type, INamedTypeSymbol contract)
        {
            for (var current = type.BaseType; current is not null; current = current.BaseType)
            {
                if (current.OriginalDefinition.ToDisplayString() == RuleNames.RuleDecorator && SymbolEqualityComparer.Default.Equals(current.TypeArguments[0], contract))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// An argument naming a constant of a type the model generator writes into this same compilation cannot be
        /// evaluated by the rules generator (generators do not see each other's output); dropping it would widen the rule
        /// silently. The analyzer, which sees the generated models, may find the same argument valid: the rules generator
        /// reports this problem itself (RM1021).
        /// </summary>
        public static bool HasUnevaluableArgument(INamedTypeSymbol type)
            => type.GetAttributes().Any(a => IsRuleAttribute(a) && (a.AttributeConstructor is null || a.ConstructorArguments.Concat(a.NamedArguments.Select(n => n.Value)).Any(v => v.Kind == TypedConstantKind.Error)));

        private static RuleProblem FindProblem(INamedTypeSymbol type, int contracts, DeclarativeModel? declarative)
        {
            // A static class can implement nothing, so that is what to fix first.
            if (type.IsStatic)
            {
                return RuleProblem.Static;
            }

            if (contracts == 0)
            {
                return RuleProblem.NoStageContract;
            }

            if (contracts > 1)
            {
                return RuleProblem.SeveralStageContracts;
            }

            if (type.IsAbstract)
            {
                return RuleProblem.Abstract;
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

            if (HasUnevaluableArgument(type))
            {
                return RuleProblem.AttributeArgumentNotConstant;
            }

            if (declarative is not null && !IsPartial(type))
            {
                return RuleProblem.DeclarativeNotPartial;
            }

            return RuleProblem.None;
        }

        public static bool IsPartial(INamedTypeSymbol type)
            => type.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax c && c.Modifiers.Any(m => m.Text == "partial"));

        /// <summary>The metadata name of the contract whose implementation the generator writes for a data attribute.</summary>
        public static string ImpliedContract(DeclarativeKind kind)
        {
            switch (kind)
            {
                case DeclarativeKind.UseWaypointLabel:
                    return RuleNames.ServiceCaptureRule;
                case DeclarativeKind.ClusterNameFormat:
                    return RuleNames.ClusterNameRule;
                default:
                    return RuleNames.WaypointRule;
            }
        }

        private static string? Text(Dictionary<string, TypedConstant> named, string key) => named.TryGetValue(key, out var value) ? value.Value as string : null;

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
                        named.TryGetValue("Annotation", out var annotation) ? annotation : null,
                        named.TryGetValue("Namespace", out var @namespace) ? @namespace : null);
                })
                .ToEquatableArray();

        public static DeclarativeModel? ReadDeclarative(INamedTypeSymbol type)
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
