using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using RulesMesh.Generators.Rules.Model;
using RulesMesh.Generators.Rules.Parsing;

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
    /// Reads the assembly attributes that the RulesMesh generators write (provided models; rule manifests through <see cref="RuleManifestReader"/>) from the
    /// compilation's referenced assemblies, through symbols. Only the RulesMesh library and assemblies that
    /// reference it can carry them, so the others are not looked at.
    /// </summary>
    internal static class ReferencedRuleReader
    {
        private const string ModelingNamespace = "RulesMesh.Modeling";
        private const string ProvidesModelAttribute = "ProvidesModelAttribute";

        /// <summary>
        /// The rules referenced assemblies export, read by the generator's own manifest reader; entries it cannot read are
        /// left out here because the generator reports them (RM1009).
        /// </summary>
        public static List<ReferencedRule> Rules(Compilation compilation, IAssemblySymbol library, CancellationToken cancellationToken)
        {
            var rules = new List<ReferencedRule>();
            foreach (var assembly in ReferencedRulesMeshAssemblies(compilation, library))
            {
                cancellationToken.ThrowIfCancellationRequested();
                rules.AddRange(RuleManifestReader.Read(assembly).Rules.Select(rule => new ReferencedRule(rule, assembly.Identity.Name)));
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

        /// <summary>The profiles declared by <c>[assembly: RuleProfile]</c> in this compilation and its referenced RulesMesh assemblies, in name order.</summary>
        public static List<string> DeclaredProfiles(Compilation compilation, IAssemblySymbol library)
            => ReferencedRulesMeshAssemblies(compilation, library)
                .Concat(new[] { compilation.Assembly })
                .SelectMany(a => a.GetAttributes())
                .Where(a => Is(a, RuleNames.Namespace, RuleNames.RuleProfileAttribute) && a.ConstructorArguments.Length == 1)
                .Select(a => a.ConstructorArguments[0].Value as string)
                .Where(p => p is not null)
                .Select(p => p!)
                .Distinct()
                .OrderBy(p => p, System.StringComparer.Ordinal)
                .ToList();

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

        private static bool Is(AttributeData attribute, string ns, string name)
            => attribute.AttributeClass is { } c && c.Name == name && c.ContainingNamespace?.ToDisplayString() == ns;
    }
}
