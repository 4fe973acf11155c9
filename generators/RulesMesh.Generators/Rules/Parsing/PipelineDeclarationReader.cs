using System.Linq;
using Microsoft.CodeAnalysis;
using RulesMesh.Generators.Rules.Model;

namespace RulesMesh.Generators.Rules.Parsing
{
    /// <summary>Reads a class marked <c>[RulePipelines]</c>.</summary>
    internal static class PipelineDeclarationReader
    {
        public static PipelineDeclaration Read(INamedTypeSymbol type, AttributeData attribute)
            => new PipelineDeclaration(
                type.ContainingNamespace.IsGlobalNamespace ? string.Empty : type.ContainingNamespace.ToDisplayString(),
                type.Name,
                type.IsStatic,
                attribute.NamedArguments.Where(a => a.Key == "DefaultProfile").Select(a => a.Value.Value as string).FirstOrDefault(),
                RuleParser.IsPartial(type));
    }
}
