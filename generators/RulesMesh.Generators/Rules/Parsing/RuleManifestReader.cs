using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using RulesMesh.Generators.Common;
using RulesMesh.Generators.Rules.Model;

namespace RulesMesh.Generators.Rules.Parsing
{
    /// <summary>The rules and stage contracts a referenced assembly exports, and the manifest entries that could not be read.</summary>
    internal sealed record ReferencedManifest(string AssemblyName, EquatableArray<RuleModel> Rules, EquatableArray<string> Contracts, EquatableArray<string> Errors)
    {
        public static readonly ReferencedManifest Empty = new ReferencedManifest(string.Empty, EquatableArray<RuleModel>.Empty, EquatableArray<string>.Empty, EquatableArray<string>.Empty);
    }

    /// <summary>
    /// The one reader of <c>RuleManifest</c> and <c>StageContractManifest</c> attributes, shared by the rules generator
    /// (from metadata) and the analyzer (from symbols). Its error policy: an entry it cannot read is kept as an error
    /// message, which the generator reports as RM1009; it never throws and never drops an entry silently.
    /// </summary>
    internal static class RuleManifestReader
    {
        public static ReferencedManifest Read(MetadataReference reference)
        {
            var rules = AssemblyAttributeReader.Read(reference, RuleNames.Namespace, RuleNames.RuleManifestAttribute);
            var contracts = AssemblyAttributeReader.Read(reference, RuleNames.Namespace, RuleNames.StageContractManifestAttribute);
            if (rules.IsEmpty && contracts.IsEmpty)
            {
                return ReferencedManifest.Empty;
            }

            var name = System.IO.Path.GetFileNameWithoutExtension(reference.Display ?? string.Empty);
            return Read(name, rules, contracts);
        }

        public static ReferencedManifest Read(IAssemblySymbol assembly)
        {
            var rules = AssemblyAttributeReader.ReadSymbols(assembly, RuleNames.Namespace, RuleNames.RuleManifestAttribute);
            var contracts = AssemblyAttributeReader.ReadSymbols(assembly, RuleNames.Namespace, RuleNames.StageContractManifestAttribute);
            return rules.IsEmpty && contracts.IsEmpty ? ReferencedManifest.Empty : Read(assembly.Identity.Name, rules, contracts);
        }

        private static ReferencedManifest Read(string assemblyName, ImmutableArray<ImmutableArray<string>> ruleEntries, ImmutableArray<ImmutableArray<string>> contractEntries)
        {
            var rules = new List<RuleModel>();
            var errors = new List<string>();
            foreach (var args in ruleEntries)
            {
                if (args.Length != 2 || args[0].Length == 0)
                {
                    errors.Add("a RuleManifest attribute has " + args.Length + " arguments where a rule type and a descriptor are expected");
                    continue;
                }

                try
                {
                    rules.Add(RuleDescriptorCodec.Decode(args[0], args[1]));
                }
                catch (FormatException e)
                {
                    errors.Add("the RuleManifest of '" + args[0] + "' cannot be read: " + e.Message);
                }
            }

            var contracts = new List<string>();
            foreach (var args in contractEntries)
            {
                if (args.Length != 1 || args[0].Length == 0)
                {
                    errors.Add("a StageContractManifest attribute has " + args.Length + " arguments where one interface type is expected");
                    continue;
                }

                contracts.Add(args[0]);
            }

            return new ReferencedManifest(assemblyName, rules.ToEquatableArray(), contracts.ToEquatableArray(), errors.ToEquatableArray());
        }
    }
}
