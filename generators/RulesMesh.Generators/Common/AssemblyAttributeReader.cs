using System.Collections.Immutable;
using System.Linq;
using System.Reflection.Metadata;
using Microsoft.CodeAnalysis;

namespace RulesMesh.Generators.Common
{
    /// <summary>
    /// Reads the assembly-level attributes of one referenced assembly whose constructor takes only strings and
    /// types, returning the arguments as strings (type names without assembly qualification). It works on the
    /// metadata reference rather than symbols, so steps built on it stay cached while only C# code changes.
    /// </summary>
    internal static class AssemblyAttributeReader
    {
        public static ImmutableArray<ImmutableArray<string>> Read(MetadataReference reference, string attributeNamespace, string attributeName)
        {
            switch (reference)
            {
                case PortableExecutableReference pe:
                    return ReadMetadata(pe, attributeNamespace, attributeName);
                case CompilationReference compilation:
                    return ReadSymbols(compilation.Compilation.Assembly, attributeNamespace, attributeName);
                default:
                    return ImmutableArray<ImmutableArray<string>>.Empty;
            }
        }

        private static ImmutableArray<ImmutableArray<string>> ReadMetadata(PortableExecutableReference reference, string attributeNamespace, string attributeName)
        {
            try
            {
                if (reference.GetMetadata() is not AssemblyMetadata assembly)
                {
                    return ImmutableArray<ImmutableArray<string>>.Empty;
                }

                var reader = assembly.GetModules()[0].GetMetadataReader();
                var result = ImmutableArray.CreateBuilder<ImmutableArray<string>>();
                foreach (var handle in reader.GetAssemblyDefinition().GetCustomAttributes())
                {
                    var attribute = reader.GetCustomAttribute(handle);
                    if (IsAttribute(reader, attribute.Constructor, attributeNamespace, attributeName))
                    {
                        var value = attribute.DecodeValue(new TypeNameProvider());
                        // A Type argument is assembly-qualified ("Ns.T, Assembly, ..."): keep the type name. Other strings (a
                        // rule descriptor lists AppliesTo entries with ',') are kept whole.
                        result.Add(value.FixedArguments.Select(a => a.Value as string is { } text && a.Type == "System.Type" ? text.Split(',')[0] : a.Value as string ?? string.Empty).ToImmutableArray());
                    }
                }

                return result.ToImmutable();
            }
            catch (System.BadImageFormatException)
            {
                return ImmutableArray<ImmutableArray<string>>.Empty;
            }
        }

        private static bool IsAttribute(MetadataReader reader, EntityHandle constructor, string attributeNamespace, string attributeName)
        {
            switch (constructor.Kind)
            {
                case HandleKind.MemberReference:
                    var parent = reader.GetMemberReference((MemberReferenceHandle)constructor).Parent;
                    if (parent.Kind != HandleKind.TypeReference)
                    {
                        return false;
                    }

                    var typeReference = reader.GetTypeReference((TypeReferenceHandle)parent);
                    return reader.StringComparer.Equals(typeReference.Name, attributeName) && reader.StringComparer.Equals(typeReference.Namespace, attributeNamespace);
                case HandleKind.MethodDefinition:
                    var typeDefinition = reader.GetTypeDefinition(reader.GetMethodDefinition((MethodDefinitionHandle)constructor).GetDeclaringType());
                    return reader.StringComparer.Equals(typeDefinition.Name, attributeName) && reader.StringComparer.Equals(typeDefinition.Namespace, attributeNamespace);
                default:
                    return false;
            }
        }

        /// <summary>The same, read through the symbols of an assembly (an analyzer's view).</summary>
        public static ImmutableArray<ImmutableArray<string>> ReadSymbols(IAssemblySymbol assembly, string attributeNamespace, string attributeName)
            => assembly.GetAttributes()
                .Where(a => a.AttributeClass is { } c && c.Name == attributeName && c.ContainingNamespace.ToDisplayString() == attributeNamespace)
                .Select(a => a.ConstructorArguments.Select(v => v.Value is INamedTypeSymbol type ? MetadataName(type) : v.Value as string ?? string.Empty).ToImmutableArray())
                .ToImmutableArray();

        // Namespace and metadata name (Ns.IRule`1), as the metadata path writes a Type argument.
        public static string MetadataName(INamedTypeSymbol type)
            => (type.ContainingNamespace is null || type.ContainingNamespace.IsGlobalNamespace ? string.Empty : type.ContainingNamespace.ToDisplayString() + ".") + type.MetadataName;

        /// <summary>Decodes attribute arguments with types as full names; only strings and Type values are expected.</summary>
        private sealed class TypeNameProvider : ICustomAttributeTypeProvider<string>
        {
            public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

            public string GetSystemType() => "System.Type";

            public string GetSZArrayType(string elementType) => elementType + "[]";

            public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
            {
                var type = reader.GetTypeDefinition(handle);
                return reader.GetString(type.Namespace) + "." + reader.GetString(type.Name);
            }

            // The full name matters: the decoder asks IsSystemType to tell a Type argument from an enum.
            public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
            {
                var type = reader.GetTypeReference(handle);
                return reader.GetString(type.Namespace) + "." + reader.GetString(type.Name);
            }

            public string GetTypeFromSerializedName(string name) => name;

            public PrimitiveTypeCode GetUnderlyingEnumType(string type) => PrimitiveTypeCode.Int32;

            public bool IsSystemType(string type) => type == "System.Type";
        }
    }
}
