using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using RulesMesh.Generators.Common;
using RulesMesh.Generators.Crd.Emitting;
using RulesMesh.Generators.Crd.Model;
using RulesMesh.Generators.Crd.Naming;
using RulesMesh.Generators.Crd.Parsing;
using RulesMesh.Generators.Readers;

namespace RulesMesh.Generators.Crd
{
    /// <summary>
    /// Generates typed models from every CustomResourceDefinition in the project's YAML AdditionalFiles.
    /// Parser (one file at a time) → equatable model → cross-file naming → per kind and version one file of types and
    /// one of their readers (the reflection deserializer's counterpart, which the catalog reads with).
    /// It reads no files itself: all input arrives as AdditionalFiles and metadata references.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class CrdModelGenerator : IIncrementalGenerator
    {
        /// <summary>MSBuild property that sets the root namespace of the generated models.</summary>
        public const string NamespaceProperty = "build_property.RulesMeshModelsNamespace";

        /// <summary>
        /// MSBuild property: <c>true</c> generates kinds even when a referenced assembly already models them, as copies of
        /// the project's own that the catalog lists apart (<c>GeneratedModels.Regenerated</c>), never in <c>All</c>.
        /// </summary>
        public const string RegenerateProvidedProperty = "build_property.RulesMeshRegenerateProvidedModels";

        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var files = context.AdditionalTextsProvider
                .Where(static file => file.Path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || file.Path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                .WithTrackingName(TrackingNames.SchemaFiles);

            var parsed = files
                .Select(static (file, token) => CrdFileParser.Parse(file.Path, file.GetText(token)?.ToString() ?? string.Empty, token))
                .WithTrackingName(TrackingNames.ParsedFiles);

            var provided = context.MetadataReferencesProvider
                .Select(static (reference, _) => ProvidedModelReader.Read(reference))
                .Collect()
                .Select(static (all, _) => all.SelectMany(models => models).ToEquatableArray())
                .WithTrackingName(TrackingNames.ProvidedModels);

            var options = context.AnalyzerConfigOptionsProvider
                .Select(static (options, _) => ReadOptions(options.GlobalOptions))
                .WithTrackingName(TrackingNames.Options);

            var modelSet = parsed.Collect()
                .Combine(provided)
                .Combine(options)
                .Select(static (input, _) => ModelSetBuilder.Build(input.Left.Left, input.Left.Right, input.Right.RootNamespace, input.Right.RegenerateProvided))
                .WithTrackingName(TrackingNames.ModelSet);

            var units = modelSet
                .SelectMany(static (set, _) => set.Units)
                .WithTrackingName(TrackingNames.ModelUnits);

            var catalog = modelSet
                .Select(static (set, _) => set.Catalog)
                .WithTrackingName(TrackingNames.Catalog);

            context.RegisterSourceOutput(parsed.Select(static (file, _) => file.Diagnostics), ReportAll);
            context.RegisterSourceOutput(modelSet.Select(static (set, _) => set.Diagnostics), ReportAll);
            context.RegisterSourceOutput(units, static (output, unit) => output.AddSource(ModelEmitter.HintName(unit.Kind), ModelEmitter.Emit(unit)));
            context.RegisterSourceOutput(units, static (output, unit) => output.AddSource(UnitReaders.HintName(unit.Kind), ReaderEmitter.Emit(UnitReaders.Build(unit))));
            context.RegisterSourceOutput(catalog, static (output, value) =>
            {
                if (value.Entries.Count > 0)
                {
                    output.AddSource(CatalogEmitter.HintName, CatalogEmitter.Emit(value));
                }
            });
        }

        private static GeneratorOptions ReadOptions(Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions options)
        {
            var regenerate = options.TryGetValue(RegenerateProvidedProperty, out var flag) && string.Equals(flag.Trim(), "true", StringComparison.OrdinalIgnoreCase);
            if (options.TryGetValue(NamespaceProperty, out var configured) && !string.IsNullOrWhiteSpace(configured))
            {
                return new GeneratorOptions(configured.Trim(), regenerate);
            }

            var root = options.TryGetValue("build_property.RootNamespace", out var rootNamespace) && !string.IsNullOrWhiteSpace(rootNamespace)
                ? rootNamespace.Trim() + ".Models"
                : "Models";
            return new GeneratorOptions(root, regenerate);
        }

        private static void ReportAll(SourceProductionContext output, EquatableArray<DiagnosticInfo> diagnostics)
        {
            foreach (var diagnostic in diagnostics)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        }
    }
}
