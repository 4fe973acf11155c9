using RulesMesh.Generators.Common;

namespace RulesMesh.Generators.Crd.Model
{
    /// <summary>
    /// One type set to emit, with its final type names, under the assembly's model namespace: the types of
    /// <see cref="Kind"/>'s version, which also read the versions in <see cref="AlsoServes"/> (same schema).
    /// <see cref="Hub"/> is the kind's hub version when this is another one, so the unit also emits the conversion to it.
    /// <see cref="ObsoleteMessage"/> is set when every version the types read is deprecated (never for the hub).
    /// </summary>
    internal sealed record ModelUnit(string RootNamespace, KindVersionModel Kind, EquatableArray<string> AlsoServes, KindVersionModel? Hub, string? ObsoleteMessage);

    /// <summary>
    /// A row of the generated catalog: one served version, the type that reads it (<see cref="TypeName"/>) and the
    /// hub type every object of the kind becomes (<see cref="HubTypeName"/>, the same when no conversion is needed);
    /// <see cref="ReaderMethod"/> is the generated reader of <see cref="TypeName"/>.
    /// <see cref="Regenerated"/> marks a kind a referenced assembly also models: listed apart, never in <c>All</c>.
    /// <see cref="ReadsObsoleteType"/> marks a row whose reading type is <c>[Obsolete]</c> (a deprecated version).
    /// </summary>
    internal sealed record CatalogEntry(string Group, string Version, string Kind, string Plural, bool Namespaced, bool Storage, string TypeName, string ReaderMethod, string HubVersion, string HubTypeName, string? ConversionClass, bool Regenerated, bool ReadsObsoleteType);

    /// <summary>The catalog of every model generated into this assembly.</summary>
    internal sealed record Catalog(string RootNamespace, EquatableArray<CatalogEntry> Entries);

    /// <summary>Everything decided across files: what to emit, under which names, and what was skipped and why.</summary>
    internal sealed record ModelSet(EquatableArray<ModelUnit> Units, Catalog Catalog, EquatableArray<DiagnosticInfo> Diagnostics);
}
