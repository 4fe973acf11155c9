namespace RulesMesh.Generators.Crd.Model
{
    internal enum TypeRefKind
    {
        /// <summary>A type that exists without generation: <c>string</c>, <c>int</c>, <c>JsonElement</c>…</summary>
        Builtin,

        /// <summary>A generated type, referred to by its declaration's <see cref="TypeDeclaration.Id"/>.</summary>
        Declared,

        /// <summary><c>List&lt;Element&gt;</c>.</summary>
        List,

        /// <summary><c>Dictionary&lt;string, Element&gt;</c>.</summary>
        Map,
    }

    /// <summary>How a property's C# type is built. Declared types are referenced by id so a rename touches only the declaration.</summary>
    internal sealed record TypeRef(TypeRefKind Kind, string Name, TypeRef? Element, bool IsValueType, string? JsonConverter)
    {
        public static TypeRef Builtin(string name, bool isValueType, string? jsonConverter = null)
            => new TypeRef(TypeRefKind.Builtin, name, null, isValueType, jsonConverter);

        public static TypeRef Declared(string id, bool isValueType, string? jsonConverter = null)
            => new TypeRef(TypeRefKind.Declared, id, null, isValueType, jsonConverter);

        public static TypeRef ListOf(TypeRef element) => new TypeRef(TypeRefKind.List, string.Empty, element, false, null);

        public static TypeRef MapOf(TypeRef element) => new TypeRef(TypeRefKind.Map, string.Empty, element, false, null);
    }
}
