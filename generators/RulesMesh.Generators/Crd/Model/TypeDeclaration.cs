using RulesMesh.Generators.Common;

namespace RulesMesh.Generators.Crd.Model
{
    internal enum TypeDeclarationKind
    {
        /// <summary>The kind's own class, with apiVersion, kind and metadata.</summary>
        Resource,

        /// <summary>A nested object of the schema.</summary>
        Object,

        /// <summary>A string enum, emitted as a struct over the wire string.</summary>
        WireEnum,
    }

    /// <summary>
    /// A type to emit. <see cref="Id"/> is its (first) schema path, stable across renames; <see cref="Name"/> is its C#
    /// name; <see cref="SharedPaths"/> are the other schema paths of the same shape that use this type.
    /// </summary>
    internal sealed record TypeDeclaration(
        string Id,
        string Name,
        TypeDeclarationKind Kind,
        string? Description,
        EquatableArray<PropertyModel> Properties,
        EquatableArray<string> EnumValues,
        bool KeepsUnknownFields)
    {
        public EquatableArray<string> SharedPaths { get; init; } = EquatableArray<string>.Empty;
    }
}
