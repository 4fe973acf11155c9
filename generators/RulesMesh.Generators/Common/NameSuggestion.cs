using System;
using System.Collections.Generic;
using System.Linq;

namespace RulesMesh.Generators.Common
{
    /// <summary>The "did you mean" of a diagnostic: the known name closest to a misspelled one.</summary>
    internal static class NameSuggestion
    {
        /// <summary>
        /// "; did you mean 'x'?" for the candidate fewest edits away, when it is close enough to be a typo (at most a third
        /// of the name's length, at least 2 edits), a candidate differing only in case first; otherwise empty.
        /// </summary>
        public static string DidYouMean(string name, IEnumerable<string> candidates)
            => Closest(name, candidates) is { } closest ? "; did you mean '" + closest + "'?" : string.Empty;

        /// <summary>The candidate <see cref="DidYouMean"/> suggests, or null.</summary>
        public static string? Closest(string name, IEnumerable<string> candidates)
        {
            var limit = Math.Max(2, name.Length / 3);
            var best = candidates
                .Distinct(StringComparer.Ordinal)
                .Select(c => (Name: c, Distance: Distance(name, c)))
                .Where(c => c.Distance <= limit && c.Name != name)
                .OrderBy(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
                .ThenBy(c => c.Distance)
                .ThenBy(c => c.Name, StringComparer.Ordinal)
                .FirstOrDefault();
            return best.Name;
        }

        /// <summary>Levenshtein distance: insertions, deletions and substitutions.</summary>
        private static int Distance(string a, string b)
        {
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (var j = 0; j <= b.Length; j++)
            {
                previous[j] = j;
            }

            for (var i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                    current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
                }

                (previous, current) = (current, previous);
            }

            return previous[b.Length];
        }
    }
}
