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
    /// Decides across all schema files: drops kinds a reference already models or another file already
    /// defined, and resolves type names that clash between kinds sharing a group/version namespace.
    /// Files are taken in path order and kinds in name order, so the outcome is deterministic.
    /// </summary>
    internal static class ModelSetBuilder
    {
        public static ModelSet Build(ImmutableArray<CrdFile> files, EquatableArray<ProvidedModel> provided, string rootNamespace)
        {
            var diagnostics = new List<DiagnosticInfo>();
            var providedByKey = provided.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.First().TypeName);
            var definedIn = new Dictionary<string, string>(System.StringComparer.Ordinal);
            var accepted = new List<KindVersionModel>();
            foreach (var file in files.OrderBy(f => f.Path, System.StringComparer.Ordinal))
            {
                foreach (var kind in file.Kinds)
                {
                    if (providedByKey.TryGetValue(kind.Key, out var typeName))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.KindProvidedByReference, kind.Location, kind.Group + "/" + kind.Kind, kind.Version, typeName));
                    }
                    else if (definedIn.TryGetValue(kind.Key, out var firstFile))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateKind, kind.Location, kind.Group + "/" + kind.Kind, kind.Version, firstFile));
                    }
                    else
                    {
                        definedIn.Add(kind.Key, kind.SourceFileName);
                        accepted.Add(kind);
                    }
                }
            }

            var units = new List<ModelUnit>();
            foreach (var space in accepted.GroupBy(k => (k.Group, k.Version)).OrderBy(g => g.Key.Group, System.StringComparer.Ordinal).ThenBy(g => g.Key.Version, System.StringComparer.Ordinal))
            {
                var kinds = space.OrderBy(k => k.Kind, System.StringComparer.Ordinal).ToList();

                // Kinds claim their own names first: a nested type never takes a kind's name.
                var taken = new HashSet<string>(kinds.Select(k => k.Kind), System.StringComparer.Ordinal);
                foreach (var kind in kinds)
                {
                    units.Add(new ModelUnit(rootNamespace, ResolveClashes(kind, taken, diagnostics)));
                }
            }

            var catalog = new Catalog(
                rootNamespace,
                units.Select(u => new CatalogEntry(
                    u.Kind.Group,
                    u.Kind.Version,
                    u.Kind.Kind,
                    u.Kind.Plural,
                    u.Kind.Namespaced,
                    u.Kind.Storage,
                    "global::" + ModelEmitter.Namespace(rootNamespace, u.Kind) + "." + u.Kind.Root.Name)).ToEquatableArray());
            return new ModelSet(units.ToEquatableArray(), catalog, diagnostics.ToEquatableArray());
        }

        private static KindVersionModel ResolveClashes(KindVersionModel kind, HashSet<string> taken, List<DiagnosticInfo> diagnostics)
        {
            var types = new List<TypeDeclaration>(kind.Types.Count) { kind.Root };
            var renamed = false;
            foreach (var type in kind.Types.Skip(1))
            {
                var name = CSharpNames.Unique(type.Name, taken);
                if (name != type.Name)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TypeNameClash, kind.Location, type.Name, kind.Kind + type.Id, "another kind in " + kind.Group + "/" + kind.Version, name));
                    renamed = true;
                }

                types.Add(type with { Name = name });
            }

            return renamed ? kind with { Types = types.ToEquatableArray() } : kind;
        }
    }
}
