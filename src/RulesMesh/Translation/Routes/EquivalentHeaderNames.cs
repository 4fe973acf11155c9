namespace RulesMesh.Translation.Routes;

/// <summary>
/// Gateway API: of entries with equivalent header names ("foo" and "Foo"), only the first counts and the rest MUST be
/// ignored, in matches and in header modifiers alike. (kgateway passes them all on: a match then asks for both values,
/// a modifier's last one wins.)
/// </summary>
internal static class EquivalentHeaderNames
{
    /// <summary>The entries that are the first of their name (ignoring case), with their index in <paramref name="entries"/>.</summary>
    public static IEnumerable<(T Entry, int Index)> FirstOfEach<T>(IEnumerable<T> entries, Func<T, string> name)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var entry in entries)
        {
            if (seen.Add(name(entry)))
            {
                yield return (entry, index);
            }

            index++;
        }
    }
}
