using RulesMesh.Generators.Common;

namespace RulesMesh.Generators.Crd.Model
{
    /// <summary>One kind and version to emit, with its final type names, under the assembly's model namespace.</summary>
    internal sealed record ModelUnit(string RootNamespace, KindVersionModel Kind);

    /// <summary>A row of the generated catalog.</summary>
    internal sealed record CatalogEntry(string Group, string Version, string Kind, string Plural, bool Namespaced, bool Storage, string TypeName);

    /// <summary>The catalog of every model generated into this assembly.</summary>
    internal sealed record Catalog(string RootNamespace, EquatableArray<CatalogEntry> Entries);

    /// <summary>Everything decided across files: what to emit, under which names, and what was skipped and why.</summary>
    internal sealed record ModelSet(EquatableArray<ModelUnit> Units, Catalog Catalog, EquatableArray<DiagnosticInfo> Diagnostics);
}
