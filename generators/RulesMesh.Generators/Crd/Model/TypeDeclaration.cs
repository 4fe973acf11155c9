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

    /// <summary>A type to emit. <see cref="Id"/> is its schema path, stable across renames; <see cref="Name"/> is its C# name.</summary>
    internal sealed record TypeDeclaration(
        string Id,
        string Name,
        TypeDeclarationKind Kind,
        string? Description,
        EquatableArray<PropertyModel> Properties,
        EquatableArray<string> EnumValues,
        bool KeepsUnknownFields);
}
