using System.Text.Json;

namespace RulesMesh.Loading;

/// <summary>
/// The field paths of the members a generated reader skipped, from the offsets of their values in the JSON it read
/// (<see cref="RulesMesh.Modeling.StringPool.SkippedUnknown"/>): the JSON is walked again, keeping the path, until each is
/// found. Only done for a document that has such a member.
/// </summary>
internal static class SkippedFields
{
    /// <summary>
    /// The paths of the members of <paramref name="json"/> whose values start at <paramref name="valueOffsets"/>, in
    /// document order; a member below one found is not looked for (it was skipped with it).
    /// </summary>
    public static List<string> Paths(ReadOnlySpan<byte> json, IReadOnlyCollection<long> valueOffsets, int maxDepth)
    {
        var found = new List<string>(valueOffsets.Count);
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth });
        if (reader.Read())
        {
            Walk(ref reader, FieldPath.Root, [.. valueOffsets], found);
        }

        return found;
    }

    // The reader is on a value at path: its members, and its items' members, are looked at in turn.
    private static void Walk(ref Utf8JsonReader reader, string path, HashSet<long> wanted, List<string> found)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var member = FieldPath.Property(path, reader.GetString()!);
                reader.Read();
                if (wanted.Contains(reader.TokenStartIndex))
                {
                    found.Add(member);
                    reader.Skip();
                }
                else
                {
                    Walk(ref reader, member, wanted, found);
                }
            }
        }
        else if (reader.TokenType == JsonTokenType.StartArray)
        {
            var index = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                Walk(ref reader, FieldPath.Index(path, index++), wanted, found);
            }
        }
    }
}
