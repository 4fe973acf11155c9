using System.Linq;
using Microsoft.CodeAnalysis;
using RulesMesh.Generators.Common;
using RulesMesh.Generators.Rules.Model;

namespace RulesMesh.Generators.Rules.Parsing
{
    /// <summary>Reads the rules a referenced assembly exports through its <c>RuleManifest</c> attributes.</summary>
    internal static class RuleManifestReader
    {
        public static EquatableArray<RuleModel> Read(MetadataReference reference)
            => AssemblyAttributeReader.Read(reference, "RulesMesh.Rules", "RuleManifestAttribute")
                .Where(args => args.Length == 2)
                .Select(args => RuleDescriptorCodec.Decode(args[0], args[1]))
                .Where(rule => rule is not null)
                .Select(rule => rule!)
                .ToEquatableArray();
    }
}
