using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RulesMesh.Generators.Common;

namespace RulesMesh.Generators.Rules.Model
{
    /// <summary>
    /// Encodes a rule's declaration into the string of its <c>RuleManifest</c> attribute and back.
    /// Fields are separated by ';', list items by ',', item parts by '|'; every value is URI-escaped.
    /// </summary>
    internal static class RuleDescriptorCodec
    {
        private const string Version = "rm2";

        public static string Encode(RuleModel rule)
        {
            var fields = new[]
            {
                Version,
                Escape(rule.Name),
                rule.Stage.ToString(CultureInfo.InvariantCulture),
                rule.Order.ToString(CultureInfo.InvariantCulture),
                Escape(rule.Replaces),
                Escape(rule.Profile),
                Escape(rule.Description),
                string.Join(",", rule.AppliesTo.Select(a => string.Join("|", Escape(a.Group), Escape(a.Kind), Escape(a.Label), Escape(a.Annotation)))),
                string.Join(",", rule.Shapes.Select(s => ((int)s.Kind).ToString(CultureInfo.InvariantCulture) + "|" + Escape(s.ResourceType) + "|" + s.ContractStage.ToString(CultureInfo.InvariantCulture) + "|" + Escape(s.Member))),
            };
            return string.Join(";", fields);
        }

        /// <summary>Decodes a descriptor; null when it was written by an incompatible generator version.</summary>
        public static RuleModel? Decode(string typeName, string descriptor)
        {
            var fields = descriptor.Split(';');
            if (fields.Length != 9 || fields[0] != Version)
            {
                return null;
            }

            return new RuleModel(
                Unescape(fields[1]) ?? string.Empty,
                "global::" + typeName,
                int.Parse(fields[2], CultureInfo.InvariantCulture),
                int.Parse(fields[3], CultureInfo.InvariantCulture),
                Unescape(fields[4]),
                Unescape(fields[5]),
                Unescape(fields[6]),
                Items(fields[7]).Select(parts => new AppliesToModel(Unescape(parts[0]) ?? string.Empty, Unescape(parts[1]) ?? string.Empty, Unescape(parts[2]), Unescape(parts[3]))).ToEquatableArray(),
                Items(fields[8]).Select(parts => new RuleShape((ShapeKind)int.Parse(parts[0], CultureInfo.InvariantCulture), Unescape(parts[1]), int.Parse(parts[2], CultureInfo.InvariantCulture), Unescape(parts[3]))).ToEquatableArray());
        }

        private static IEnumerable<string[]> Items(string field)
            => field.Length == 0 ? Enumerable.Empty<string[]>() : field.Split(',').Select(item => item.Split('|'));

        // "~" marks null so that an empty string survives.
        private static string Escape(string? value) => value is null ? "~" : Uri.EscapeDataString(value);

        private static string? Unescape(string value) => value == "~" ? null : Uri.UnescapeDataString(value);
    }
}
