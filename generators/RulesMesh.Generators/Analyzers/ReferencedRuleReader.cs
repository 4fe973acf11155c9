using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using RulesMesh.Generators.Rules.Model;

namespace RulesMesh.Generators.Analyzers
{
    /// <summary>A rule exported by a referenced assembly's <c>RuleManifest</c>, with the assembly it came from.</summary>
    internal sealed record ReferencedRule(RuleModel Rule, string AssemblyName);

    /// <summary>A <c>ProvidesModel</c> kind of a referenced assembly or of this compilation.</summary>
    internal readonly record struct ModelKind(string Group, string Kind)
    {
        public override string ToString() => Group + "/" + Kind;
    }

    /// <summary>
    /// Reads the assembly attributes that the RulesMesh generators write (rule manifests, provided models) from the
    /// compilation's referenced assemblies, through symbols. Only the RulesMesh library and assemblies that
    /// reference it can carry them, so the others are not looked at.
    /// </summary>
    internal static class ReferencedRuleReader
    {
        private const string RuleManifestAttribute = "RuleManifestAttribute";
        private const string ModelingNamespace = "RulesMesh.Modeling";
        private const string ProvidesModelAttribute = "ProvidesModelAttribute";

        public static List<ReferencedRule> Rules(Compilation compilation, IAssemblySymbol library, CancellationToken cancellationToken)
        {
            var rules = new List<ReferencedRule>();
            foreach (var assembly in ReferencedRulesMeshAssemblies(compilation, library))
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var attribute in assembly.GetAttributes())
                {
                    if (!Is(attribute, RulesMesh.Generators.Rules.Parsing.RuleNames.Namespace, RuleManifestAttribute)
                        || attribute.ConstructorArguments.Length != 2
                        || attribute.ConstructorArguments[0].Value is not ITypeSymbol type
                        || attribute.ConstructorArguments[1].Value is not string descriptor)
                    {
                        continue;
                    }

                    if (Decode(type.ToDisplayString(), descriptor) is { } rule)
                    {
                        rules.Add(new ReferencedRule(rule, assembly.Identity.Name));
                    }
                }
            }

            return rules;
        }

        /// <summary>The kinds modelled by referenced assemblies and by this compilation (the model generator's catalog).</summary>
        public static HashSet<ModelKind> ProvidedModels(Compilation compilation, IAssemblySymbol library, CancellationToken cancellationToken)
        {
            var kinds = new HashSet<ModelKind>();
            foreach (var assembly in ReferencedRulesMeshAssemblies(compilation, library).Concat(new[] { compilation.Assembly }))
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var attribute in assembly.GetAttributes())
                {
                    if (Is(attribute, ModelingNamespace, ProvidesModelAttribute)
                        && attribute.ConstructorArguments.Length == 4
                        && attribute.ConstructorArguments[0].Value is string group
                        && attribute.ConstructorArguments[2].Value is string kind)
                    {
                        kinds.Add(new ModelKind(group, kind));
                    }
                }
            }

            return kinds;
        }

        private static IEnumerable<IAssemblySymbol> ReferencedRulesMeshAssemblies(Compilation compilation, IAssemblySymbol library)
        {
            foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
            {
                if (SymbolEqualityComparer.Default.Equals(assembly, library)
                    || assembly.Modules.Any(m => m.ReferencedAssemblies.Any(r => r.Name == library.Identity.Name)))
                {
                    yield return assembly;
                }
            }
        }

        private static RuleModel? Decode(string typeName, string descriptor)
        {
            try
            {
                return RuleDescriptorCodec.Decode(typeName, descriptor);
            }
            catch (System.Exception e) when (e is System.FormatException || e is System.OverflowException || e is System.IndexOutOfRangeException || e is System.UriFormatException)
            {
                // A manifest this analyzer cannot read is left to the generator, which reads the same attributes.
                return null;
            }
        }

        private static bool Is(AttributeData attribute, string ns, string name)
            => attribute.AttributeClass is { } c && c.Name == name && c.ContainingNamespace?.ToDisplayString() == ns;
    }
}
