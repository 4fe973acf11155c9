using System.Linq;
using Microsoft.CodeAnalysis;
using RulesMesh.Generators.Common;
using RulesMesh.Generators.Crd.Model;

namespace RulesMesh.Generators.Crd.Parsing
{
    /// <summary>Reads the <c>RulesMesh.Modeling.ProvidesModelAttribute</c>s (group, version, kind, type) of a referenced assembly.</summary>
    internal static class ProvidedModelReader
    {
        public static EquatableArray<ProvidedModel> Read(MetadataReference reference)
            => AssemblyAttributeReader.Read(reference, "RulesMesh.Modeling", "ProvidesModelAttribute")
                .Where(args => args.Length == 4)
                .Select(args => new ProvidedModel(args[0] + "/" + args[1] + "/" + args[2], args[3]))
                .ToEquatableArray();
    }
}
