using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RulesMesh.Generators.Common;
using RulesMesh.Generators.Rules.Emitting;
using RulesMesh.Generators.Rules.Model;
using RulesMesh.Generators.Rules.Parsing;

namespace RulesMesh.Generators.Rules
{
    /// <summary>
    /// Compiles every <c>[Rule]</c> class of this compilation and of referenced assemblies into one pipeline per
    /// profile: plain direct calls, ordered per stage, replacements applied. Also implements rules declared only by
    /// data attributes, and exports this assembly's public rules through <c>RuleManifest</c> attributes.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class RulesGenerator : IIncrementalGenerator
    {
        /// <summary>MSBuild property that sets the namespace of the generated <c>RulePipelines</c>.</summary>
        public const string NamespaceProperty = "build_property.RulesMeshRulesNamespace";

        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var local = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    RuleNames.RuleAttribute,
                    static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                    static (syntax, _) => RuleParser.Parse((INamedTypeSymbol)syntax.TargetSymbol, syntax.Attributes[0], out RuleProblem _))
                .WithTrackingName(TrackingNames.LocalRules);

            var referenced = context.MetadataReferencesProvider
                .Select(static (reference, _) => RuleManifestReader.Read(reference))
                .Collect()
                .Select(static (all, _) => all.SelectMany(rules => rules).ToEquatableArray())
                .WithTrackingName(TrackingNames.ReferencedRules);

            var ns = context.AnalyzerConfigOptionsProvider
                .Select(static (options, _) =>
                    options.GlobalOptions.TryGetValue(NamespaceProperty, out var configured) && !string.IsNullOrWhiteSpace(configured) ? configured.Trim()
                    : options.GlobalOptions.TryGetValue("build_property.RootNamespace", out var root) && !string.IsNullOrWhiteSpace(root) ? root.Trim() + ".Generated"
                    : "RulesMesh.Generated")
                .WithTrackingName(TrackingNames.Options);

            // Symbols are needed to read the base class, so this re-runs on edits; its output compares equal and stays cached downstream.
            var contracts = context.CompilationProvider
                .Select(static (compilation, _) => ContractMethodReader.Read(compilation))
                .WithTrackingName(TrackingNames.Contracts);

            var collected = local.Collect();
            var pipelines = collected
                .Combine(referenced)
                .Combine(contracts)
                .Combine(ns)
                .Select(static (input, _) => input.Left.Left.Left.IsEmpty
                    ? null
                    : PipelineBuilder.Build(input.Left.Left.Left.Where(r => r.IsCallable).Select(r => r.Rule).ToImmutableArray(), input.Left.Left.Right, input.Left.Right, input.Right))
                .WithTrackingName(TrackingNames.Pipelines);

            context.RegisterSourceOutput(local, static (output, rule) =>
            {
                if (rule.IsCallable && rule.Declarative is { } declarative)
                {
                    output.AddSource(DeclarativeRuleEmitter.HintName(rule), DeclarativeRuleEmitter.Emit(rule, declarative));
                }
            });
            context.RegisterSourceOutput(collected.WithTrackingName(TrackingNames.Manifest), static (output, rules) =>
            {
                if (rules.Any(r => r.IsPublic && r.IsCallable))
                {
                    output.AddSource(ManifestEmitter.HintName, ManifestEmitter.Emit(rules));
                }
            });
            context.RegisterSourceOutput(pipelines, static (output, set) =>
            {
                if (set is not null)
                {
                    output.AddSource(PipelineEmitter.HintName, PipelineEmitter.Emit(set));
                }
            });
        }
    }
}
