using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using RulesMesh.Generators.Common;
using RulesMesh.Generators.Crd.Emitting;
using RulesMesh.Generators.Crd.Model;
using RulesMesh.Generators.Diagnostics;

namespace RulesMesh.Generators.Crd.Naming
{
    /// <summary>
    /// Decides across all schema files: drops kinds a reference already models (RM0007) or another file already
    /// defined, refuses versions a reference lacks of kinds it models (RM0009: a kind has one runtime type), and
    /// resolves type names that clash between kinds sharing a group/version namespace. With regeneration on, kinds a
    /// reference models are generated and marked so the catalog lists them apart.
    /// Files are taken in path order and kinds in name order, so the outcome is deterministic.
    /// </summary>
    internal static class ModelSetBuilder
    {
        public static ModelSet Build(ImmutableArray<CrdFile> files, EquatableArray<ProvidedModel> provided, string rootNamespace, bool regenerateProvided)
        {
            var diagnostics = new List<DiagnosticInfo>();
            var providedByKey = provided.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.First().TypeName);
            var providedKinds = provided.GroupBy(p => GroupAndKind(p.Key)).ToDictionary(g => g.Key, g => g.ToList(), System.StringComparer.Ordinal);
            var definedIn = new Dictionary<string, string>(System.StringComparer.Ordinal);
            var accepted = new List<KindVersionModel>();
            foreach (var file in files.OrderBy(f => f.Path, System.StringComparer.Ordinal))
            {
                foreach (var kind in file.Kinds)
                {
                    var groupAndKind = kind.Group + "/" + kind.Kind;
                    if (!regenerateProvided && providedByKey.TryGetValue(kind.Key, out var typeName))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.KindProvidedByReference, kind.Location, groupAndKind, kind.Version, typeName));
                    }
                    else if (!regenerateProvided && providedKinds.TryGetValue(groupAndKind, out var versions))
                    {
                        // A version the referenced assembly lacks would give the kind a second runtime type: refused.
                        var served = string.Join(", ", versions.Select(v => VersionOf(v.Key)).Distinct().OrderBy(v => v, System.StringComparer.Ordinal));
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NewVersionOfProvidedKind, kind.Location, groupAndKind, kind.Version, served, versions[0].TypeName));
                    }
                    else if (definedIn.TryGetValue(kind.Key, out var firstFile))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateKind, kind.Location, groupAndKind, kind.Version, firstFile));
                    }
                    else
                    {
                        definedIn.Add(kind.Key, kind.SourceFileName);
                        accepted.Add(kind);
                    }
                }
            }

            // One hub per kind (its storage version, else its first served one); versions with the hub's schema, or
            // with an earlier version's, read into that version's types instead of getting their own.
            var ownerOf = new Dictionary<string, KindVersionModel>(System.StringComparer.Ordinal);
            var hubOf = new Dictionary<string, KindVersionModel>(System.StringComparer.Ordinal);
            foreach (var versions in accepted.GroupBy(k => (k.Group, k.Kind)))
            {
                var hub = versions.FirstOrDefault(v => v.Storage) ?? versions.First();
                var candidates = new[] { hub }.Concat(versions.Where(v => v.Key != hub.Key)).ToList();
                foreach (var version in versions)
                {
                    ownerOf[version.Key] = candidates.First(c => c.SchemaJson == version.SchemaJson);
                    hubOf[version.Key] = hub;
                }
            }

            var resolved = new Dictionary<string, KindVersionModel>(System.StringComparer.Ordinal);
            var owners = accepted.Where(k => ownerOf[k.Key].Key == k.Key).ToList();
            foreach (var space in owners.GroupBy(k => (k.Group, k.Version)).OrderBy(g => g.Key.Group, System.StringComparer.Ordinal).ThenBy(g => g.Key.Version, System.StringComparer.Ordinal))
            {
                var kinds = space.OrderBy(k => k.Kind, System.StringComparer.Ordinal).ToList();

                // Kinds claim their own names first, then their readers and conversion classes: a nested type never takes any.
                var taken = new HashSet<string>(kinds.Select(k => k.Kind), System.StringComparer.Ordinal);
                taken.UnionWith(kinds.Select(k => k.Kind + UnitReaders.ClassSuffix));
                taken.UnionWith(kinds.Where(k => hubOf[k.Key].Key != k.Key).Select(ConversionClassName));
                foreach (var kind in kinds)
                {
                    resolved[kind.Key] = ResolveClashes(kind, taken, diagnostics);
                }
            }

            var units = new List<ModelUnit>();
            foreach (var owner in owners.OrderBy(k => k.Group, System.StringComparer.Ordinal).ThenBy(k => k.Version, System.StringComparer.Ordinal).ThenBy(k => k.Kind, System.StringComparer.Ordinal))
            {
                var hub = hubOf[owner.Key];
                var alsoServes = accepted.Where(k => k.Key != owner.Key && ownerOf[k.Key].Key == owner.Key).ToList();
                units.Add(new ModelUnit(
                    rootNamespace,
                    resolved[owner.Key],
                    alsoServes.Select(k => k.Version).ToEquatableArray(),
                    hub.Key == owner.Key ? null : resolved[hub.Key],
                    hub.Key == owner.Key ? null : ObsoleteMessage(owner, alsoServes)));
            }

            var entries = new List<CatalogEntry>();
            foreach (var version in accepted.OrderBy(k => k.Group, System.StringComparer.Ordinal).ThenBy(k => k.Version, System.StringComparer.Ordinal).ThenBy(k => k.Kind, System.StringComparer.Ordinal))
            {
                var owner = ownerOf[version.Key];
                var hub = hubOf[version.Key];
                entries.Add(new CatalogEntry(
                    version.Group,
                    version.Version,
                    version.Kind,
                    version.Plural,
                    version.Namespaced,
                    version.Storage,
                    TypeName(rootNamespace, resolved[owner.Key]),
                    UnitReaders.RootReader(rootNamespace, resolved[owner.Key]),
                    hub.Version,
                    TypeName(rootNamespace, resolved[hub.Key]),
                    owner.Key == hub.Key ? null : "global::" + ModelEmitter.Namespace(rootNamespace, owner) + "." + ConversionClassName(owner),
                    providedKinds.ContainsKey(version.Group + "/" + version.Kind),
                    owner.Key != hub.Key && ObsoleteMessage(owner, accepted.Where(k => k.Key != owner.Key && ownerOf[k.Key].Key == owner.Key)) is not null));
            }

            return new ModelSet(units.ToEquatableArray(), new Catalog(rootNamespace, entries.ToEquatableArray()), diagnostics.ToEquatableArray());
        }

        /// <summary>
        /// The <c>[Obsolete]</c> message for types that read only deprecated versions: the CRD's deprecationWarning, else
        /// the API server's default wording. Null when any version they read is not deprecated.
        /// </summary>
        private static string? ObsoleteMessage(KindVersionModel owner, IEnumerable<KindVersionModel> alsoServes)
            => owner.Deprecated && alsoServes.All(k => k.Deprecated)
                ? owner.DeprecationWarning ?? owner.Group + "/" + owner.Version + " " + owner.Kind + " is deprecated"
                : null;

        private static string GroupAndKind(string key) => key.Substring(0, key.IndexOf('/')) + "/" + key.Substring(key.LastIndexOf('/') + 1);

        private static string VersionOf(string key)
        {
            var first = key.IndexOf('/');
            return key.Substring(first + 1, key.LastIndexOf('/') - first - 1);
        }

        /// <summary>The static class holding a version's conversions to its hub: <c>GadgetConversion</c>, in the version's namespace.</summary>
        public static string ConversionClassName(KindVersionModel kind) => kind.Kind + "Conversion";

        private static string TypeName(string rootNamespace, KindVersionModel kind) => "global::" + ModelEmitter.Namespace(rootNamespace, kind) + "." + kind.Root.Name;

        private static KindVersionModel ResolveClashes(KindVersionModel kind, HashSet<string> taken, List<DiagnosticInfo> diagnostics)
        {
            var types = new List<TypeDeclaration>(kind.Types.Count) { kind.Root };
            var renamed = false;
            foreach (var type in kind.Types.Skip(1))
            {
                var name = CSharpNames.Unique(type.Name, taken);
                if (name != type.Name)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TypeNameClash, kind.Location, type.Name, kind.Kind + type.Id, "another type in " + kind.Group + "/" + kind.Version, name));
                    renamed = true;
                }

                types.Add(type with { Name = name });
            }

            return renamed ? kind with { Types = types.ToEquatableArray() } : kind;
        }
    }
}
