using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RulesMesh.Generators.Common;

namespace RulesMesh.Generators.Analyzers
{
    /// <summary>
    /// RM1029: what is wrong with a <c>[ClusterNameFormat]</c> format. <c>ClusterNameFormat.Apply</c> copies an unknown
    /// placeholder, and everything after a <c>{</c> that is never closed, into every cluster name as written.
    /// </summary>
    internal static class ClusterNameFormatCheck
    {
        /// <summary>The placeholders <c>ClusterNameFormat.Apply</c> fills, in the order its documentation lists them.</summary>
        public static readonly IReadOnlyList<string> Placeholders = new[] { "namespace", "name", "host", "port", "kind", "group" };

        /// <summary>The known placeholders as a format writes them, for messages.</summary>
        public static string Known => string.Join(", ", Placeholders.Select(p => "{" + p + "}"));

        /// <summary>Each problem of <paramref name="format"/>, in order, and the "did you mean" of the first unknown placeholder.</summary>
        public static List<string> Problems(string format, out string suggestion)
        {
            var problems = new List<string>();
            suggestion = string.Empty;
            var i = 0;
            while (i < format.Length)
            {
                var c = format[i];
                if (c == '}')
                {
                    problems.Add("the '}' at position " + Position(i) + " closes no '{'");
                    i++;
                    continue;
                }

                if (c != '{')
                {
                    i++;
                    continue;
                }

                var close = format.IndexOf('}', i + 1);
                var reopen = format.IndexOf('{', i + 1);
                if (close < 0 || (reopen >= 0 && reopen < close))
                {
                    problems.Add("the '{' at position " + Position(i) + " is never closed");
                    i = close < 0 ? format.Length : reopen;
                    continue;
                }

                var placeholder = format.Substring(i + 1, close - i - 1);
                if (!Placeholders.Contains(placeholder))
                {
                    problems.Add("'{" + placeholder + "}' is no placeholder");
                    if (suggestion.Length == 0 && NameSuggestion.Closest(placeholder, Placeholders) is { } closest)
                    {
                        suggestion = "; did you mean '{" + closest + "}'?";
                    }
                }

                i = close + 1;
            }

            return problems;
        }

        private static string Position(int index) => (index + 1).ToString(CultureInfo.InvariantCulture);
    }
}
