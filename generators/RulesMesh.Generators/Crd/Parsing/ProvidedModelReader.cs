using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection.Metadata;
using Microsoft.CodeAnalysis;
using RulesMesh.Generators.Common;
using RulesMesh.Generators.Crd.Model;

namespace RulesMesh.Generators.Crd.Parsing
{
    /// <summary>
    /// Reads the <c>RulesMesh.Modeling.ProvidesModelAttribute</c>s of a referenced assembly. It works on the
    /// metadata reference, not on symbols, so the step stays cached while only C# code changes.
    /// </summary>
    internal static class ProvidedModelReader
    {
        private const string AttributeNamespace = "RulesMesh.Modeling";
        private const string AttributeName = "ProvidesModelAttribute";

        public static EquatableArray<ProvidedModel> Read(MetadataReference reference)
        {
            switch (reference)
            {
                case PortableExecutableReference pe:
                    return ReadMetadata(pe);
                case CompilationReference compilation:
                    return ReadSymbols(compilation.Compilation.Assembly);
                default:
                    return EquatableArray<ProvidedModel>.Empty;
            }
        }

        private static EquatableArray<ProvidedModel> ReadMetadata(PortableExecutableReference reference)
        {
            try
            {
                if (reference.GetMetadata() is not AssemblyMetadata assembly)
                {
                    return EquatableArray<ProvidedModel>.Empty;
                }

                var reader = assembly.GetModules()[0].GetMetadataReader();
                var result = new List<ProvidedModel>();
                foreach (var handle in reader.GetAssemblyDefinition().GetCustomAttributes())
                {
                    var attribute = reader.GetCustomAttribute(handle);
                    if (!IsProvidesModel(reader, attribute.Constructor))
                    {
                        continue;
                    }

                    var value = attribute.DecodeValue(new TypeNameProvider());
                    if (value.FixedArguments.Length == 4
                        && value.FixedArguments[0].Value is string group
                        && value.FixedArguments[1].Value is string version
                        && value.FixedArguments[2].Value is string kind)
                    {
                        var typeName = (value.FixedArguments[3].Value as string ?? string.Empty).Split(',')[0];
                        result.Add(new ProvidedModel(group + "/" + version + "/" + kind, typeName));
                    }
                }

                return result.ToEquatableArray();
            }
            catch (System.BadImageFormatException)
            {
                return EquatableArray<ProvidedModel>.Empty;
            }
        }

        private static bool IsProvidesModel(MetadataReader reader, EntityHandle constructor)
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
                    return reader.StringComparer.Equals(typeReference.Name, AttributeName) && reader.StringComparer.Equals(typeReference.Namespace, AttributeNamespace);
                case HandleKind.MethodDefinition:
                    var typeDefinition = reader.GetTypeDefinition(reader.GetMethodDefinition((MethodDefinitionHandle)constructor).GetDeclaringType());
                    return reader.StringComparer.Equals(typeDefinition.Name, AttributeName) && reader.StringComparer.Equals(typeDefinition.Namespace, AttributeNamespace);
                default:
                    return false;
            }
        }

        private static EquatableArray<ProvidedModel> ReadSymbols(IAssemblySymbol assembly)
            => assembly.GetAttributes()
                .Where(a => a.AttributeClass is { Name: AttributeName } c && c.ContainingNamespace.ToDisplayString() == AttributeNamespace && a.ConstructorArguments.Length == 4)
                .Select(a => new ProvidedModel(
                    a.ConstructorArguments[0].Value + "/" + a.ConstructorArguments[1].Value + "/" + a.ConstructorArguments[2].Value,
                    (a.ConstructorArguments[3].Value as ITypeSymbol)?.ToDisplayString() ?? string.Empty))
                .ToEquatableArray();

        /// <summary>Decodes attribute arguments with types as plain names; only strings and a Type are expected.</summary>
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
