using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RulesMesh.Generators.Common;
using RulesMesh.Generators.Rules.Model;

namespace RulesMesh.Generators.Rules.Parsing
{
    /// <summary>Reads an interface marked <c>[StageContract]</c> into a <see cref="ContractModel"/>. Shared by the generator and the analyzer.</summary>
    internal static class ContractReader
    {
        public static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        /// <summary>The key rules and contracts are matched by: the open definition, fully qualified.</summary>
        public static string KeyOf(INamedTypeSymbol contract) => contract.OriginalDefinition.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

        /// <summary>The <c>RuleStage</c> value a <c>[StageContract]</c> interface declares, or null for other interfaces.</summary>
        public static int? StageOf(INamedTypeSymbol type)
            => type.OriginalDefinition.GetAttributes()
                .Where(a => a.AttributeClass is { } c && c.Name == RuleNames.StageContractAttribute && c.ContainingNamespace?.ToDisplayString() == RuleNames.Namespace && a.ConstructorArguments.Length == 1)
                .Select(a => a.ConstructorArguments[0].Value as int?)
                .FirstOrDefault();

        /// <summary>The contract, or null with <paramref name="problem"/> set when the generator cannot implement it.</summary>
        public static ContractModel? Read(INamedTypeSymbol type, out string? problem)
        {
            problem = null;
            var contract = type.OriginalDefinition;
            if (contract.TypeKind != TypeKind.Interface || StageOf(contract) is not { } stage)
            {
                problem = "it is not an interface marked [StageContract]";
                return null;
            }

            var members = contract.GetMembers().Where(m => !m.IsImplicitlyDeclared).ToList();
            if (members.Count != 1 || members[0] is not IMethodSymbol { MethodKind: MethodKind.Ordinary, IsGenericMethod: false } method)
            {
                problem = "a stage contract must declare exactly one non-generic method and nothing else";
                return null;
            }

            if (method.Parameters.Any(p => p.RefKind != RefKind.None))
            {
                problem = "a stage contract's parameters must be passed by value (no ref, out or in)";
                return null;
            }

            var implemented = contract;
            GenericDispatch? dispatch = null;
            if (contract.IsGenericType)
            {
                var typeParameter = contract.TypeParameters.Length == 1 ? contract.TypeParameters[0] : null;
                var dispatched = typeParameter is null ? null : method.Parameters.FirstOrDefault(p => SymbolEqualityComparer.Default.Equals(p.Type, typeParameter));
                if (typeParameter is null || typeParameter.ConstraintTypes.Length != 1 || dispatched is null)
                {
                    problem = "a generic stage contract must have one type parameter, constrained to one type, that types a parameter of its method";
                    return null;
                }

                implemented = contract.Construct(typeParameter.ConstraintTypes[0]);
                dispatch = new GenericDispatch(
                    typeParameter.Name,
                    typeParameter.ConstraintTypes[0].ToDisplayString(TypeFormat),
                    Parameters(method),
                    dispatched.Name);
            }

            var closed = implemented.GetMembers(method.Name).OfType<IMethodSymbol>().First();
            var returnType = closed.ReturnType;
            var convention = returnType.SpecialType == SpecialType.System_Void ? ResultConvention.EveryRule
                : Implements(returnType, RuleNames.RuleVerdict) ? ResultConvention.FirstDecidingVerdict
                : ResultConvention.FirstNonNull;
            if (convention == ResultConvention.FirstNonNull && returnType.IsValueType && returnType.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T)
            {
                problem = $"its method returns {returnType.ToDisplayString()}, which cannot be null; return void (every rule runs), a verdict type implementing IRuleVerdict (the first deciding verdict wins) or a nullable type (the first non-null result wins)";
                return null;
            }

            if (convention == ResultConvention.FirstDecidingVerdict && dispatch is not null)
            {
                problem = "a generic stage contract cannot return a verdict; make it non-generic, or return a nullable result";
                return null;
            }

            var subject = closed.Parameters.FirstOrDefault(p => IsSubject(p.Type))?.Name;
            var traced = closed.Parameters.FirstOrDefault(p => Implements(p.Type, RuleNames.TracedContext))?.Name;
            return new ContractModel(
                KeyOf(contract),
                implemented.ToDisplayString(TypeFormat),
                contract.Name,
                RuleNames.StageName(stage),
                method.Name,
                returnType.ToDisplayString(TypeFormat),
                Parameters(closed),
                convention,
                subject,
                traced,
                dispatch,
                NamesUnseenTypes(closed) ? Usings(contract) : EquatableArray<string>.Empty);
        }

        private static bool NamesUnseenTypes(IMethodSymbol method)
            => new[] { method.ReturnType }.Concat(method.Parameters.Select(p => p.Type)).Any(IsOrHasError);

        private static bool IsOrHasError(ITypeSymbol type)
            => type.TypeKind == TypeKind.Error
                || (type is INamedTypeSymbol named && named.TypeArguments.Any(IsOrHasError))
                || (type is IArrayTypeSymbol array && IsOrHasError(array.ElementType));

        private static EquatableArray<string> Usings(INamedTypeSymbol contract)
            => contract.DeclaringSyntaxReferences
                .SelectMany(r => r.SyntaxTree.GetRoot().DescendantNodes(n => n is CompilationUnitSyntax || n is BaseNamespaceDeclarationSyntax).OfType<UsingDirectiveSyntax>())
                .Where(u => u.GlobalKeyword.IsKind(SyntaxKind.None))
                .Select(u => u.WithoutTrivia().ToString())
                .Distinct()
                .ToEquatableArray();

        private static EquatableArray<ContractParameter> Parameters(IMethodSymbol method)
            => method.Parameters.Select(p => new ContractParameter(p.Type.ToDisplayString(TypeFormat), p.Name)).ToEquatableArray();

        private static bool Implements(ITypeSymbol type, string interfaceName)
            => type.ToDisplayString() == interfaceName || type.AllInterfaces.Any(i => i.ToDisplayString() == interfaceName);

        private static bool IsSubject(ITypeSymbol type)
            => Implements(type, RuleNames.RuleSubject)
                || new[] { type }.Concat(type.AllInterfaces).Any(t => t.OriginalDefinition.ToDisplayString() == "k8s.IKubernetesObject<TMetadata>");
    }
}
