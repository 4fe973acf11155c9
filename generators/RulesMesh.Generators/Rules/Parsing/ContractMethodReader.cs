using System.Linq;
using Microsoft.CodeAnalysis;
using RulesMesh.Generators.Common;
using RulesMesh.Generators.Rules.Model;

namespace RulesMesh.Generators.Rules.Parsing
{
    /// <summary>
    /// Reads the abstract methods of <c>RulesMesh.Rules.RulePipeline</c> that stage contracts fill. The built-in stages
    /// (waypoint, capture, service model, listeners, naming) are written by the emitter itself.
    /// </summary>
    internal static class ContractMethodReader
    {
        private static readonly string[] BuiltIn = { "EvaluateWaypoint", "EvaluateCapture", "BuildService", "EvaluateListeners", "ClusterName" };

        private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        private static bool IsSubject(ITypeSymbol type)
            => new[] { type }.Concat(type.AllInterfaces).Any(t => t.ToDisplayString() is "RulesMesh.Mesh.IRuleSubject" || t.OriginalDefinition.ToDisplayString() == "k8s.IKubernetesObject<TMetadata>");

        public static EquatableArray<ContractMethod> Read(Compilation compilation)
        {
            var pipeline = compilation.GetTypeByMetadataName("RulesMesh.Rules.RulePipeline");
            if (pipeline is null)
            {
                return EquatableArray<ContractMethod>.Empty;
            }

            return pipeline.GetMembers()
                .OfType<IMethodSymbol>()
                .Where(m => m.IsAbstract && m.MethodKind == MethodKind.Ordinary && !BuiltIn.Contains(m.Name))
                .OrderBy(m => m.Name, System.StringComparer.Ordinal)
                .Select(m => new ContractMethod(
                    m.Name,
                    m.ReturnType.ToDisplayString(TypeFormat),
                    m.Parameters.Select(p => new ContractParameter(p.Type.ToDisplayString(TypeFormat), p.Name)).ToEquatableArray(),
                    m.Parameters.Length > 0 && IsSubject(m.Parameters[0].Type)))
                .ToEquatableArray();
        }
    }
}
