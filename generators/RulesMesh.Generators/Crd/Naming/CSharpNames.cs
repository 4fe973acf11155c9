using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace RulesMesh.Generators.Crd.Naming
{
    /// <summary>Turns wire names (camelCase, snake_case, SCREAMING_SNAKE, dotted groups) into C# identifiers.</summary>
    internal static class CSharpNames
    {
        /// <summary><c>mirrorPercent</c> and <c>mirror_percent</c> both give <c>MirrorPercent</c>; separators are dropped.</summary>
        public static string Pascal(string wireName) => Join(wireName, keepSeparators: false, lowerRest: false);

        /// <summary>The fallback for a clash: <c>mirror_percent</c> gives <c>Mirror_Percent</c>, keeping where the separators were.</summary>
        public static string PascalKeepingSeparators(string wireName) => Join(wireName, keepSeparators: true, lowerRest: false);

        /// <summary>Enum values: <c>DNS_ROUND_ROBIN</c> gives <c>DnsRoundRobin</c>, <c>PathPrefix</c> stays, <c>*</c> gives <c>Asterisk</c>.</summary>
        public static string EnumMember(string wireValue)
        {
            if (wireValue.Length == 0)
            {
                return "Empty";
            }

            if (wireValue == "*")
            {
                return "Asterisk";
            }

            var screaming = string.Equals(wireValue.ToUpperInvariant(), wireValue, System.StringComparison.Ordinal);
            return Join(wireValue, keepSeparators: false, lowerRest: screaming);
        }

        /// <summary><c>gateway.networking.k8s.io</c> gives <c>GatewayNetworkingK8sIo</c>; <c>v1alpha3</c> gives <c>V1alpha3</c>.</summary>
        public static string NamespaceSegment(string groupOrVersion) => Join(groupOrVersion, keepSeparators: false, lowerRest: false);

        private static string Join(string text, bool keepSeparators, bool lowerRest)
        {
            var builder = new StringBuilder(text.Length);
            var upperNext = true;
            foreach (var c in text)
            {
                if (char.IsLetterOrDigit(c))
                {
                    if (upperNext)
                    {
                        builder.Append(char.ToUpperInvariant(c));
                    }
                    else
                    {
                        builder.Append(lowerRest ? char.ToLowerInvariant(c) : c);
                    }

                    upperNext = false;
                }
                else
                {
                    if (keepSeparators && builder.Length > 0)
                    {
                        builder.Append('_');
                    }

                    upperNext = true;
                }
            }

            return MakeIdentifier(builder.ToString());
        }

        private static string MakeIdentifier(string name)
        {
            if (name.Length == 0)
            {
                return "Value";
            }

            if (char.IsDigit(name[0]))
            {
                name = "Value" + name;
            }

            return SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
        }

        /// <summary>
        /// The name of one element of an array property: <c>Policies</c> → <c>Policy</c>; <c>Addresses</c>, <c>Statuses</c>,
        /// <c>Prefixes</c>, <c>Matches</c>, <c>Pushes</c> drop <c>es</c>; a name ending in <c>ss</c>, <c>us</c> or <c>is</c> stays;
        /// any other trailing lowercase <c>s</c> is dropped (<c>Ports</c> → <c>Port</c>, <c>Responses</c> → <c>Response</c>).
        /// </summary>
        public static string Singular(string name)
        {
            if (name.Length > 4 && name.EndsWith("ies", System.StringComparison.Ordinal))
            {
                return name.Substring(0, name.Length - 3) + "y";
            }

            foreach (var ending in EsEndings)
            {
                if (name.Length > ending.Length + 1 && name.EndsWith(ending, System.StringComparison.Ordinal))
                {
                    return name.Substring(0, name.Length - 2);
                }
            }

            if (name.Length > 2 && name.EndsWith("s", System.StringComparison.Ordinal)
                && !name.EndsWith("ss", System.StringComparison.Ordinal) && !name.EndsWith("us", System.StringComparison.Ordinal) && !name.EndsWith("is", System.StringComparison.Ordinal))
            {
                return name.Substring(0, name.Length - 1);
            }

            return name;
        }

        private static readonly string[] EsEndings = { "sses", "uses", "xes", "ches", "shes" };

        /// <summary>
        /// Splits a PascalCase name into words: <c>HTTPRouteRuleBackendRef</c> → HTTP, Route, Rule, Backend, Ref.
        /// A new word starts at an uppercase letter after a lowercase one or a digit, or before the last capital of an acronym.
        /// </summary>
        public static List<string> Words(string name)
        {
            var words = new List<string>();
            var start = 0;
            for (var i = 1; i < name.Length; i++)
            {
                var boundary = char.IsUpper(name[i])
                    && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) || (char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1])));
                if (boundary)
                {
                    words.Add(name.Substring(start, i - start));
                    start = i;
                }
            }

            if (start < name.Length)
            {
                words.Add(name.Substring(start));
            }

            return words;
        }

        /// <summary>Appends 2, 3, … until the name is free, and claims it.</summary>
        public static string Unique(string name, ISet<string> taken)
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
