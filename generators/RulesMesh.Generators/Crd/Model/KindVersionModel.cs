using RulesMesh.Generators.Common;

namespace RulesMesh.Generators.Crd.Model
{
    /// <summary>
    /// One served version of one CRD kind, with every type it needs. <see cref="Types"/>[0] is the kind itself.
    /// <see cref="DeprecationWarning"/> is the CRD's <c>deprecationWarning</c> (null when it has none).
    /// </summary>
    internal sealed record KindVersionModel(
        string Group,
        string Version,
        string Kind,
        string Plural,
        bool Namespaced,
        bool Storage,
        bool Deprecated,
        string? DeprecationWarning,
        string SourceFileName,
        SourceLocation Location,
        EquatableArray<TypeDeclaration> Types,
        string SchemaJson)
    {
        /// <summary>Identifies the kind and version across files: <c>group/version/Kind</c>.</summary>
        public string Key => Group + "/" + Version + "/" + Kind;

        public TypeDeclaration Root => Types[0];
    }
}
