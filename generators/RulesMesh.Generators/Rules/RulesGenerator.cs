using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RulesMesh.Generators.Analyzers;
using RulesMesh.Generators.Common;
using RulesMesh.Generators.Diagnostics;
using RulesMesh.Generators.Rules.Emitting;
using RulesMesh.Generators.Rules.Model;
using RulesMesh.Generators.Rules.Parsing;

namespace RulesMesh.Generators.Rules
{
    /// <summary>
    /// Fills every class marked <c>[RulePipelines]</c> with one pipeline per profile, compiled from every <c>[Rule]</c>
    /// class of this compilation and of referenced assemblies: direct calls, ordered per stage contract, replacements
    /// applied, every known stage contract implemented. Also implements rules declared only by data attributes, and
    /// exports this assembly's public rules and stage contracts through manifest attributes.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class RulesGenerator : IIncrementalGenerator
    {
        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var local = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    RuleNames.RuleAttribute,
                    static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                    static (syntax, _) => RuleParser.Parse((INamedTypeSymbol)syntax.TargetSymbol, syntax.Attributes[0], syntax.SemanticModel.Compilation, out RuleProblem _))
                .WithTrackingName(TrackingNames.LocalRules);

            // RM1021 comes from here: only this generator cannot see the models generated beside it.
            var unevaluable = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    RuleNames.RuleAttribute,
                    static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                    static (syntax, _) => RuleParser.HasUnevaluableArgument((INamedTypeSymbol)syntax.TargetSymbol)
                        ? DiagnosticInfo.Create(DiagnosticDescriptors.RuleArgumentNotConstant, Locate(((TypeDeclarationSyntax)syntax.TargetNode).Identifier.GetLocation()), RuleProblemMessages.ArgumentNotConstant(syntax.TargetSymbol.Name))
                        : null)
                .Where(static diagnostic => diagnostic is not null)
                .WithTrackingName(TrackingNames.UnevaluableArguments);

            var localContracts = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    RuleNames.StageContractAttributeFullName,
                    static (node, _) => node is InterfaceDeclarationSyntax,
                    static (syntax, _) =>
                    {
                        var type = (INamedTypeSymbol)syntax.TargetSymbol;
                        var contract = ContractReader.Read(type, out string? _);
                        var typeOf = type.IsGenericType ? type.ConstructUnboundGenericType().ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) : type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
                        return new LocalContract(ContractReader.KeyOf(type), contract, typeOf, type.DeclaredAccessibility == Accessibility.Public);
                    })
                .WithTrackingName(TrackingNames.LocalContracts);

            var manifests = context.MetadataReferencesProvider
                .Select(static (reference, _) => RuleManifestReader.Read(reference))
                .Where(static manifest => manifest != ReferencedManifest.Empty)
                .Collect()
                .WithTrackingName(TrackingNames.ReferencedRules);

            // Resolving referenced contracts needs symbols, so this re-runs on edits; its output compares equal and stays cached downstream.
            var referencedContracts = manifests
                .Combine(context.CompilationProvider)
                .Select(static (input, _) => input.Left
                    .SelectMany(m => m.Contracts)
                    .Distinct()
                    .Select(name => input.Right.GetTypeByMetadataName(name))
                    .Where(type => type is not null)
                    .Select(type => ContractReader.Read(type!, out string? _))
                    .Where(contract => contract is not null)
                    .Select(contract => contract!)
                    .ToEquatableArray())
                .WithTrackingName(TrackingNames.Contracts);

            var declarations = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    RuleNames.RulePipelinesAttribute,
                    static (node, _) => node is ClassDeclarationSyntax,
                    static (syntax, _) => PipelineDeclarationReader.Read((INamedTypeSymbol)syntax.TargetSymbol, syntax.Attributes[0]))
                .WithTrackingName(TrackingNames.Declarations);

            var collected = local.Collect();
            var collectedContracts = localContracts.Collect();
            var referencedRules = manifests.Select(static (all, _) => all.SelectMany(m => m.Rules).ToEquatableArray());
            var contracts = collectedContracts
                .Combine(referencedContracts)
                .Select(static (input, _) => input.Left
                    .Where(c => c.Contract is not null)
                    .Select(c => c.Contract!)
                    .Concat(input.Right.Where(r => !input.Left.Any(l => l.Contract?.Key == r.Key)))
                    .ToEquatableArray());

            // Rules of a local contract the generator cannot implement are left out; RM1010 already says why, so not RM1011 too.
            var refusedContracts = collectedContracts.Select(static (all, _) => all.Where(c => c.Contract is null).Select(c => c.Key).ToEquatableArray());
            var pipelines = declarations
                .Combine(collected)
                .Combine(referencedRules)
                .Combine(contracts.Combine(refusedContracts))
                .Select(static (input, _) => PipelineBuilder.Build(
                    input.Left.Left.Left,
                    input.Left.Left.Right.Where(r => r.IsCallable).Select(r => r.Rule).ToImmutableArray(),
                    input.Left.Right,
                    input.Right.Left,
                    input.Right.Right))
                .WithTrackingName(TrackingNames.Pipelines);

            context.RegisterSourceOutput(unevaluable, static (output, diagnostic) => output.ReportDiagnostic(diagnostic!.ToDiagnostic()));
            context.RegisterSourceOutput(local, static (output, rule) =>
            {
                if (rule.IsCallable && rule.Declarative is { } declarative)
                {
                    output.AddSource(DeclarativeRuleEmitter.HintName(rule), DeclarativeRuleEmitter.Emit(rule, declarative));
                }
            });
            context.RegisterSourceOutput(collected.Combine(collectedContracts).WithTrackingName(TrackingNames.Manifest), static (output, input) =>
            {
                if (input.Left.Any(r => r.IsPublic && r.IsCallable) || input.Right.Any(c => c.IsPublic && c.Contract is not null))
                {
                    output.AddSource(ManifestEmitter.HintName, ManifestEmitter.Emit(input.Left, input.Right.Where(c => c.Contract is not null).ToImmutableArray()));
                }
            });
            context.RegisterSourceOutput(manifests, static (output, all) =>
            {
                foreach (var manifest in all)
                {
                    foreach (var error in manifest.Errors)
                    {
                        output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MalformedRuleManifest, Location.None, manifest.AssemblyName, error));
                    }
                }
            });
            context.RegisterSourceOutput(pipelines, static (output, set) =>
            {
                // A class that is not partial cannot take the generated part: RM1028 reports it, rather than CS0260 on the part.
                if (!set.Declaration.IsPartial)
                {
                    return;
                }

                var declared = set.Declaration.Namespace.Length == 0 ? set.Declaration.ClassName : set.Declaration.Namespace + "." + set.Declaration.ClassName;
                foreach (var rule in set.Unseen)
                {
                    output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnseenStageContract, Location.None, rule.Name, rule.Contract!.Replace("global::", string.Empty), declared));
                }

                foreach (var (hintName, source) in PipelineEmitter.Emit(set))
                {
                    output.AddSource(hintName, source);
                }
            });
        }

        private static SourceLocation Locate(Location location)
        {
            var start = location.GetLineSpan().StartLinePosition;
            return new SourceLocation(location.SourceTree?.FilePath ?? string.Empty, start.Line + 1, start.Character + 1);
        }
    }
}
