using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using RulesMesh.Generators.Rules.Parsing;

namespace RulesMesh.Generators.Analyzers
{
    /// <summary>
    /// The kinds a rule's contract can hand it in the parameter its <c>[AppliesTo]</c> is checked against, so that an
    /// AppliesTo that can never match (RM1015) is found: a service subject (<c>IRuleSubject</c>) is always a Service,
    /// a ServiceEntry or one of its hostnames; a typed Kubernetes object is its own kind; an untyped one is any kind.
    /// </summary>
    internal sealed class SubjectKinds
    {
        private static readonly ModelKind[] ServiceKinds =
        {
            new ModelKind(string.Empty, "Service"),
            new ModelKind("networking.istio.io", "ServiceEntry"),
            new ModelKind("networking.istio.io", "Hostname"),
        };

        private SubjectKinds(IReadOnlyCollection<ModelKind>? kinds, string description)
        {
            Kinds = kinds;
            Description = description;
        }

        /// <summary>The kinds the subject can be, or null for any kind.</summary>
        public IReadOnlyCollection<ModelKind>? Kinds { get; }

        /// <summary>What the contract receives, in words, for the message.</summary>
        public string Description { get; }

        public bool Receives(string group, string kind) => Kinds is null || Kinds.Contains(new ModelKind(group, kind));

        /// <summary>What a rule implementing <paramref name="contract"/> (as constructed by the rule) receives.</summary>
        public static SubjectKinds Of(INamedTypeSymbol contract)
        {
            // The contract as the rule implements it: for a generic one, its subject is the rule's type argument.
            var method = contract.GetMembers().OfType<IMethodSymbol>().FirstOrDefault();
            var subject = method?.Parameters.FirstOrDefault(p => IsRuleSubject(p.Type) || IsKubernetesObject(p.Type));
            if (subject is null)
            {
                return new SubjectKinds(System.Array.Empty<ModelKind>(), "has no parameter [AppliesTo] can be checked against (no Kubernetes object and no IRuleSubject)");
            }

            if (IsRuleSubject(subject.Type))
            {
                return new SubjectKinds(ServiceKinds, $"receives {subject.Type.Name}, which is always a Service, a ServiceEntry or a ServiceEntry hostname");
            }

            if (subject.Type is INamedTypeSymbol { TypeKind: TypeKind.Class } type && EntityKind(type) is { } kind)
            {
                return new SubjectKinds(new[] { kind }, $"receives only {Display(kind)}");
            }

            return new SubjectKinds(null, "receives any kind");
        }

        private static ModelKind? EntityKind(INamedTypeSymbol type)
        {
            foreach (var attribute in type.GetAttributes())
            {
                if (attribute.AttributeClass is { Name: "KubernetesEntityAttribute" } c && c.ContainingNamespace?.ToDisplayString() == "k8s.Models")
                {
                    var named = attribute.NamedArguments.ToDictionary(a => a.Key, a => a.Value.Value as string);
                    if (named.TryGetValue("Kind", out var kind) && kind is not null)
                    {
                        return new ModelKind(named.TryGetValue("Group", out var group) ? group ?? string.Empty : string.Empty, kind);
                    }
                }
            }

            return null;
        }

        public static string Display(ModelKind kind) => kind.Group.Length == 0 ? "'" + kind.Kind + "' (core group)" : "'" + kind.Group + "/" + kind.Kind + "'";

        private static bool IsRuleSubject(ITypeSymbol type)
            => type.ToDisplayString() == RuleNames.RuleSubject || type.AllInterfaces.Any(i => i.ToDisplayString() == RuleNames.RuleSubject);

        private static bool IsKubernetesObject(ITypeSymbol type)
            => new[] { type }.Concat(type.AllInterfaces).Any(t => t.OriginalDefinition.ToDisplayString() == "k8s.IKubernetesObject<TMetadata>");
    }
}
