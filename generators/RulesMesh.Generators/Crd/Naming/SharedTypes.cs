using System.Collections.Generic;
using System.Linq;
using System.Text;
using RulesMesh.Generators.Common;
using RulesMesh.Generators.Crd.Model;

namespace RulesMesh.Generators.Crd.Naming
{
    /// <summary>
    /// Merges the structurally identical types of one kind and version into one type, where their names allow it.
    /// Two objects are identical when they have the same properties (wire name, C# name, type, required, nullable) and
    /// the same handling of unknown fields; two enums when they list the same values. Descriptions, defaults and
    /// bounds are documentation only: the merged type keeps those of its first path. Names allow a merge when they end
    /// in the same word; the merged type is named after the kind and the words all its names end with
    /// (<c>HTTPRouteRuleFilterRequestHeaderModifier</c> and <c>HTTPRouteRuleBackendRefFilterResponseHeaderModifier</c>
    /// give <c>HTTPRouteHeaderModifier</c>), or keeps its first name when that one is taken. Innermost types merge
    /// first, so parents whose children merged can merge in turn. The kind, spec and status never merge.
    /// </summary>
    internal static class SharedTypes
    {
        public static List<TypeDeclaration> Merge(string kind, List<TypeDeclaration> types, IEnumerable<string> reservedIds)
        {
            var fixedIds = new HashSet<string>(reservedIds, System.StringComparer.Ordinal) { string.Empty };
            var order = types.Select((type, index) => (type.Id, index)).ToDictionary(p => p.Id, p => p.index, System.StringComparer.Ordinal);
            var canonical = new Dictionary<string, string>(System.StringComparer.Ordinal);
            var names = types.ToDictionary(t => t.Id, t => t.Name, System.StringComparer.Ordinal);
            var paths = types.ToDictionary(t => t.Id, t => new List<string>(), System.StringComparer.Ordinal);

            var changed = true;
            while (changed)
            {
                changed = false;
                var live = types.Where(t => !canonical.ContainsKey(t.Id)).ToList();
                var candidates = live
                    .Where(t => t.Kind != TypeDeclarationKind.Resource && !fixedIds.Contains(t.Id))
                    .GroupBy(t => Shape(t, canonical) + "|" + LastWord(t.Name))
                    .Where(g => g.Count() > 1)
                    .OrderBy(g => order[g.First().Id]);
                foreach (var group in candidates)
                {
                    var members = group.ToList();
                    var survivor = members[0];
                    var memberIds = new HashSet<string>(members.Select(m => m.Id), System.StringComparer.Ordinal);
                    var taken = new HashSet<string>(live.Where(t => !memberIds.Contains(t.Id)).Select(t => names[t.Id]), System.StringComparer.Ordinal) { kind };
                    var merged = MergedName(kind, members.Select(m => names[m.Id]).ToList());
                    names[survivor.Id] = merged is not null && !taken.Contains(merged) ? merged : names[survivor.Id];
                    foreach (var member in members.Skip(1))
                    {
                        canonical[member.Id] = survivor.Id;
                        paths[survivor.Id].Add(member.Id);
                        paths[survivor.Id].AddRange(paths[member.Id]);
                    }

                    changed = true;
                }
            }

            if (canonical.Count == 0)
            {
                return types;
            }

            return types
                .Where(t => !canonical.ContainsKey(t.Id))
                .Select(t => t with
                {
                    Name = names[t.Id],
                    Properties = t.Properties.Select(p => p with { Type = Rewrite(p.Type, canonical) }).ToEquatableArray(),
                    SharedPaths = paths[t.Id].OrderBy(p => order[p]).ToEquatableArray(),
                })
                .ToList();
        }

        private static string Resolve(string id, Dictionary<string, string> canonical)
        {
            while (canonical.TryGetValue(id, out var next))
            {
                id = next;
            }

            return id;
        }

        private static TypeRef Rewrite(TypeRef type, Dictionary<string, string> canonical)
        {
            switch (type.Kind)
            {
                case TypeRefKind.Declared:
                    var id = Resolve(type.Name, canonical);
                    return id == type.Name ? type : type with { Name = id };
                case TypeRefKind.List:
                case TypeRefKind.Map:
                    var element = Rewrite(type.Element!, canonical);
                    return ReferenceEquals(element, type.Element) ? type : type with { Element = element };
                default:
                    return type;
            }
        }

        private static string Shape(TypeDeclaration type, Dictionary<string, string> canonical)
        {
            var shape = new StringBuilder();
            shape.Append(type.Kind).Append(type.KeepsUnknownFields ? "+" : "-");
            foreach (var value in type.EnumValues)
            {
                shape.Append('|').Append(value);
            }

            foreach (var property in type.Properties)
            {
                shape.Append(';').Append(property.WireName).Append(':').Append(property.Name)
                    .Append(property.Required ? "!" : string.Empty).Append(property.Nullable ? "?" : string.Empty)
                    .Append(':').Append(Shape(Rewrite(property.Type, canonical)));
            }

            return shape.ToString();
        }

        private static string Shape(TypeRef type)
            => type.Kind switch
            {
                TypeRefKind.List => "[" + Shape(type.Element!) + "]",
                TypeRefKind.Map => "{" + Shape(type.Element!) + "}",
                TypeRefKind.Declared => "#" + type.Name,
                _ => type.Name + (type.JsonConverter ?? string.Empty),
            };

        private static string LastWord(string name)
        {
            var words = CSharpNames.Words(name.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9'));
            return words.Count == 0 ? name : words[words.Count - 1];
        }

        // The kind followed by the words every name ends with; null when that is just the kind.
        private static string? MergedName(string kind, List<string> names)
        {
            var suffixes = names.Select(n => CSharpNames.Words(n.StartsWith(kind, System.StringComparison.Ordinal) ? n.Substring(kind.Length) : n)).ToList();
            var common = new List<string>();
            for (var i = 1; suffixes.All(s => s.Count >= i) && suffixes.Select(s => s[s.Count - i]).Distinct().Count() == 1; i++)
            {
                common.Insert(0, suffixes[0][suffixes[0].Count - i]);
            }

            return common.Count == 0 ? null : kind + string.Concat(common);
        }
    }
}
