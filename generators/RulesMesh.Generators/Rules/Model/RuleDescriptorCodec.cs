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
        public const string Version = "rm5";
        private const int FieldCount = 14;

        public static string Encode(RuleModel rule)
        {
            var fields = new[]
            {
                Version,
                Escape(rule.Name),
                Escape(rule.Contract),
                Escape(rule.Stage),
                string.Join(",", rule.ContractTypeArguments.Select(Escape)),
                rule.Order.ToString(CultureInfo.InvariantCulture),
                Escape(rule.Replaces),
                Escape(rule.Profile),
                Escape(rule.Description),
                Escape(rule.Before),
                Escape(rule.After),
                string.Join(",", rule.AppliesTo.Select(a => string.Join("|", Escape(a.Group), Escape(a.Kind), Escape(a.Label), Escape(a.Annotation), Escape(a.Namespace)))),
                Escape(rule.Decorates),
                rule.ImplementsExplicitly ? "explicit" : string.Empty,
            };
            return string.Join(";", fields);
        }

        /// <summary>Decodes a descriptor; throws <see cref="FormatException"/> with the reason when it cannot.</summary>
        public static RuleModel Decode(string typeName, string descriptor)
        {
            var fields = descriptor.Split(';');
            if (fields[0] != Version)
            {
                throw new FormatException($"it was written in format '{fields[0]}' by another version of the RulesMesh generators, and this one reads '{Version}'");
            }

            if (fields.Length != FieldCount)
            {
                throw new FormatException($"it has {fields.Length} fields where '{Version}' has {FieldCount}");
            }

            try
            {
                return new RuleModel(
                    Unescape(fields[1]) ?? string.Empty,
                    "global::" + typeName,
                    Unescape(fields[2]),
                    Unescape(fields[3]),
                    (fields[4].Length == 0 ? Enumerable.Empty<string>() : fields[4].Split(',').Select(a => Unescape(a) ?? string.Empty)).ToEquatableArray(),
                    int.Parse(fields[5], CultureInfo.InvariantCulture),
                    Unescape(fields[6]),
                    Unescape(fields[7]),
                    Unescape(fields[8]),
                    Unescape(fields[9]),
                    Unescape(fields[10]),
                    Items(fields[11]).Select(parts => parts.Length == 5
                        ? new AppliesToModel(Unescape(parts[0]) ?? string.Empty, Unescape(parts[1]) ?? string.Empty, Unescape(parts[2]), Unescape(parts[3]), Unescape(parts[4]))
                        : throw new FormatException("an AppliesTo entry has " + parts.Length + " parts where 5 are expected")).ToEquatableArray(),
                    Unescape(fields[12]),
                    fields[13] == "explicit");
            }
            catch (Exception e) when (e is OverflowException || e is UriFormatException)
            {
                throw new FormatException(e.Message, e);
            }
        }

        private static IEnumerable<string[]> Items(string field)
            => field.Length == 0 ? Enumerable.Empty<string[]>() : field.Split(',').Select(item => item.Split('|'));

        // "~" marks null so that an empty string survives.
        private static string Escape(string? value) => value is null ? "~" : Uri.EscapeDataString(value);

        private static string? Unescape(string value) => value == "~" ? null : Uri.UnescapeDataString(value);
    }
}
