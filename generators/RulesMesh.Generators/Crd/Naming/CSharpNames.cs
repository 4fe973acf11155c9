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

            var screaming = wireValue.ToUpperInvariant() == wireValue;
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
