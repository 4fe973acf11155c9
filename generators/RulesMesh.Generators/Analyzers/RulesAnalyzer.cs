using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using RulesMesh.Generators.Diagnostics;
using RulesMesh.Generators.Rules.Model;
using RulesMesh.Generators.Rules.Parsing;

namespace RulesMesh.Generators.Analyzers
{
    /// <summary>
    /// Checks <c>[Rule]</c> classes as the rules generator will read them (RM1001–RM1006): each class on its own
    /// as it is declared, and, once the whole compilation is seen, all rules together with the rules that
    /// referenced assemblies export through their <c>RuleManifest</c> attributes.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class RulesAnalyzer : DiagnosticAnalyzer
    {
        private const string AppliesToAttribute = "RulesMesh.Rules.AppliesToAttribute";

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.RuleWithoutStage,
            DiagnosticDescriptors.RuleOrderClash,
            DiagnosticDescriptors.ReplacedRuleNotFound,
            DiagnosticDescriptors.AppliesToUnknownKind,
            DiagnosticDescriptors.RuleNotCallable,
            DiagnosticDescriptors.DuplicateRuleName);

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var ruleAttribute = start.Compilation.GetTypeByMetadataName(RuleNames.RuleAttribute);
                if (ruleAttribute is null)
                {
                    return;
                }

                var appliesTo = start.Compilation.GetTypeByMetadataName(AppliesToAttribute);
                var kinds = new KindCatalog(start.Compilation, ruleAttribute.ContainingAssembly, start.Options, start.CancellationToken);
                var rules = new ConcurrentBag<DeclaredRule>();
                start.RegisterSymbolAction(symbol => AnalyzeType(symbol, ruleAttribute, appliesTo, kinds, rules), SymbolKind.NamedType);
                start.RegisterCompilationEndAction(end => AnalyzeAll(end, ruleAttribute.ContainingAssembly, rules.ToList()));
            });
        }

        private static void AnalyzeType(SymbolAnalysisContext context, INamedTypeSymbol ruleAttribute, INamedTypeSymbol? appliesTo, KindCatalog kinds, ConcurrentBag<DeclaredRule> rules)
        {
            var type = (INamedTypeSymbol)context.Symbol;
            var attribute = type.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, ruleAttribute));
            if (attribute?.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) is not AttributeSyntax syntax)
            {
                return;
            }

            var rule = RuleParser.Parse(type, attribute, out var problem);
            var attributeLocation = syntax.GetLocation();
            rules.Add(new DeclaredRule(rule, problem, attributeLocation, NamedArgument(syntax, "Replaces")?.GetLocation() ?? attributeLocation));

            if (rule.Rule.Stage == RuleStages.Unspecified)
            {
                var properties = ImmutableDictionary<string, string?>.Empty;
                if (RuleProblemMessages.InferStage(rule.Rule) is { } inferred)
                {
                    properties = properties.Add(RuleDiagnosticProperties.InferredStage, RuleProblemMessages.StageName(inferred));
                }

                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.RuleWithoutStage, attributeLocation, properties, type.Name));
            }

            if (problem != RuleProblem.None)
            {
                var declaration = syntax.FirstAncestorOrSelf<TypeDeclarationSyntax>();
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.RuleNotCallable,
                    declaration?.Identifier.GetLocation() ?? type.Locations.FirstOrDefault(),
                    ImmutableDictionary<string, string?>.Empty.Add(RuleDiagnosticProperties.Problem, problem.ToString()),
                    RuleProblemMessages.For(problem, type, rule)));
            }

            if (appliesTo is null)
            {
                return;
            }

            foreach (var target in type.GetAttributes())
            {
                if (!SymbolEqualityComparer.Default.Equals(target.AttributeClass, appliesTo)
                    || target.ConstructorArguments.Length != 2
                    || target.ConstructorArguments[0].Value is not string group
                    || target.ConstructorArguments[1].Value is not string kind
                    || kinds.IsKnown(group, kind))
                {
                    continue;
                }

                var location = target.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? attributeLocation;
                var shown = group.Length == 0 ? "'" + kind + "' (core group)" : "'" + group + "/" + kind + "'";
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AppliesToUnknownKind, location, type.Name, shown));
            }
        }

        private static void AnalyzeAll(CompilationAnalysisContext context, IAssemblySymbol library, List<DeclaredRule> locals)
        {
            if (locals.Count == 0)
            {
                return;
            }

            // Declaration order, so diagnostics come out the same way every build.
            locals.Sort((a, b) => CompareLocations(a.AttributeLocation, b.AttributeLocation));
            var localNames = new HashSet<string>(locals.Select(l => l.Rule.Rule.Name), System.StringComparer.Ordinal);
            var localTypes = new HashSet<string>(locals.Select(l => l.Rule.Rule.TypeName), System.StringComparer.Ordinal);

            // A referenced rule that is one of this compilation's own types (a project that references an older
            // build of itself) is the same rule, not a second one.
            var referenced = ReferencedRuleReader.Rules(context.Compilation, library, context.CancellationToken)
                .Where(r => !localTypes.Contains(r.Rule.TypeName))
                .ToList();

            ReportDuplicateNames(context, locals, referenced);
            ReportUnknownReplacements(context, locals, localNames, referenced);
            ReportOrderClashes(context, locals, referenced.Where(r => !localNames.Contains(r.Rule.Name)).ToList());
        }

        private static void ReportDuplicateNames(CompilationAnalysisContext context, List<DeclaredRule> locals, List<ReferencedRule> referenced)
        {
            foreach (var local in locals)
            {
                var name = local.Rule.Rule.Name;
                var other = locals.FirstOrDefault(l => !ReferenceEquals(l, local) && l.Rule.Rule.Name == name);
                if (other is not null)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateRuleName, local.AttributeLocation, name, TypeDisplay(local.Rule.Rule), TypeDisplay(other.Rule.Rule), string.Empty));
                    continue;
                }

                var external = referenced.FirstOrDefault(r => r.Rule.Name == name);
                if (external is not null)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateRuleName, local.AttributeLocation, name, TypeDisplay(local.Rule.Rule), TypeDisplay(external.Rule), " in assembly '" + external.AssemblyName + "'"));
                }
            }
        }

        private static void ReportUnknownReplacements(CompilationAnalysisContext context, List<DeclaredRule> locals, HashSet<string> localNames, List<ReferencedRule> referenced)
        {
            var names = new HashSet<string>(localNames.Concat(referenced.Select(r => r.Rule.Name)), System.StringComparer.Ordinal);
            foreach (var local in locals)
            {
                if (local.Rule.Rule.Replaces is { } replaced && !names.Contains(replaced))
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ReplacedRuleNotFound, local.ReplacesLocation, local.Rule.Rule.Name, replaced));
                }
            }
        }

        private static void ReportOrderClashes(CompilationAnalysisContext context, List<DeclaredRule> locals, List<ReferencedRule> referenced)
        {
            // Only rules that reach the pipeline can clash there: RM1001 and RM1005 already cover the others.
            var callable = locals.Where(l => l.Problem == RuleProblem.None && l.Rule.Rule.Stage != RuleStages.Unspecified).ToList();
            var all = callable.Select(l => (Rule: l.Rule.Rule, Assembly: (string?)null))
                .Concat(referenced.Select(r => (Rule: r.Rule, Assembly: (string?)r.AssemblyName)))
                .ToList();
            foreach (var local in callable)
            {
                var rule = local.Rule.Rule;
                foreach (var (other, assembly) in all)
                {
                    if (ReferenceEquals(other, rule)
                        || other.Stage != rule.Stage
                        || other.Order != rule.Order
                        || (rule.Profile is not null && other.Profile is not null && rule.Profile != other.Profile)
                        || rule.Replaces == other.Name
                        || other.Replaces == rule.Name)
                    {
                        continue;
                    }

                    // Where the two meet, a third rule may take the place of one of them.
                    var profile = rule.Profile ?? other.Profile;
                    if (IsReplacedIn(all, rule, profile) || IsReplacedIn(all, other, profile))
                    {
                        continue;
                    }

                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.RuleOrderClash,
                        local.AttributeLocation,
                        rule.Name,
                        rule.Order.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        RuleProblemMessages.StageName(rule.Stage),
                        other.Name,
                        assembly is null ? string.Empty : " (from assembly '" + assembly + "')",
                        profile is null ? "every profile" : "profile '" + profile + "'"));
                }
            }
        }

        /// <summary>Whether some rule active in <paramref name="profile"/> (null: in every profile) replaces <paramref name="rule"/> there.</summary>
        private static bool IsReplacedIn(List<(RuleModel Rule, string? Assembly)> all, RuleModel rule, string? profile)
            => all.Any(r => r.Rule.Replaces == rule.Name && (r.Rule.Profile is null || (profile is not null && r.Rule.Profile == profile)));

        private static string TypeDisplay(RuleModel rule)
            => rule.TypeName.StartsWith("global::", System.StringComparison.Ordinal) ? rule.TypeName.Substring("global::".Length) : rule.TypeName;

        private static AttributeArgumentSyntax? NamedArgument(AttributeSyntax attribute, string name)
            => attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name);

        private static int CompareLocations(Location a, Location b)
        {
            var byPath = string.CompareOrdinal(a.SourceTree?.FilePath, b.SourceTree?.FilePath);
            return byPath != 0 ? byPath : a.SourceSpan.Start.CompareTo(b.SourceSpan.Start);
        }

        /// <summary>A <c>[Rule]</c> class of this compilation, with where to report on it.</summary>
        private sealed record DeclaredRule(LocalRule Rule, RuleProblem Problem, Location AttributeLocation, Location ReplacesLocation);
    }
}
