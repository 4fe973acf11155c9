using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using RulesMesh.Generators.Common;
using RulesMesh.Generators.Rules.Model;

namespace RulesMesh.Generators.Rules.Emitting
{
    /// <summary>
    /// Names in the generated pipeline, chosen once for all profiles: a rule's field is its class name in camelCase, its
    /// table entry the class name; a clash (two classes of one name, or a contract parameter of that name) gets a suffix.
    /// </summary>
    internal sealed class RuleFieldNames
    {
        // Names the generated stage methods use for their own locals: a rule field may not take them.
        private static readonly string[] GeneratedLocals = { "verdict", "rule", "typed", "profile" };

        private readonly Dictionary<string, string> _fields = new Dictionary<string, string>(System.StringComparer.Ordinal);
        private readonly Dictionary<ActiveRule, string> _entries = new Dictionary<ActiveRule, string>();
        private readonly Dictionary<string, string> _helpers = new Dictionary<string, string>(System.StringComparer.Ordinal);
        private readonly Dictionary<string, string> _acceptsHelpers = new Dictionary<string, string>(System.StringComparer.Ordinal);
        private readonly Dictionary<string, string> _files = new Dictionary<string, string>(System.StringComparer.Ordinal);

        public RuleFieldNames(EquatableArray<ActiveRule> table, EquatableArray<ContractModel> contracts)
        {
            var taken = new HashSet<string>(contracts.SelectMany(c => c.Parameters.Select(p => p.Name)).Concat(GeneratedLocals), System.StringComparer.Ordinal);
            foreach (var rule in table.Select(e => e.Rule).Distinct())
            {
                _fields[rule.TypeName] = Unique(Camel(SimpleName(rule.TypeName)), taken);
            }

            var entries = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var entry in table)
            {
                _entries[entry] = Unique(Pascal(SimpleName(entry.Rule.TypeName)) + (entry.Replaced is null || table.Count(e => e.Rule == entry.Rule) == 1 ? string.Empty : "Replacing" + Pascal(entry.Replaced)), entries);
            }

            var files = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var contract in contracts)
            {
                _files[contract.Key] = Unique(contract.Name, files);
            }

            var helpers = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var contract in contracts.Where(c => c.Dispatch is not null))
            {
                _helpers[contract.Key] = Unique(contract.Method + "IfMatches", helpers);
                _acceptsHelpers[contract.Key] = Unique(contract.Method + "Accepts", helpers);
            }
        }

        public string Field(RuleModel rule) => _fields[rule.TypeName];

        public string Entry(ActiveRule entry) => _entries[entry];

        public string Helper(ContractModel contract) => _helpers[contract.Key];

        /// <summary>The generic helper telling whether a rule of a dispatched contract takes an argument type.</summary>
        public string AcceptsHelper(ContractModel contract) => _acceptsHelpers[contract.Key];

        /// <summary>The contract's part of the hint name: its simple name, with a suffix when two contracts share it.</summary>
        public string File(ContractModel contract) => _files[contract.Key];

        /// <summary>PascalCase of a profile or rule name: letters and digits kept, a capital after each separator.</summary>
        public static string Pascal(string name)
        {
            var builder = new StringBuilder(name.Length);
            var upper = true;
            foreach (var c in name)
            {
                if (!char.IsLetterOrDigit(c))
                {
                    upper = true;
                    continue;
                }

                builder.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }

            var result = builder.ToString();
            return result.Length == 0 || char.IsDigit(result[0]) ? "_" + result : result;
        }

        private static string Camel(string name)
        {
            var camel = char.ToLowerInvariant(name[0]) + name.Substring(1);
            return SyntaxFacts.GetKeywordKind(camel) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(camel) != SyntaxKind.None ? camel + "Rule" : camel;
        }

        private static string SimpleName(string typeName) => typeName.Substring(typeName.LastIndexOf('.') + 1).Replace("global::", string.Empty);

        private static string Unique(string name, HashSet<string> taken)
        {
            var candidate = name;
            for (var i = 2; !taken.Add(candidate); i++)
            {
                candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return candidate;
        }
    }
}
