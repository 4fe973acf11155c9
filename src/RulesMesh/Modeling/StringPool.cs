using System.Text;
using System.Text.Json;

namespace RulesMesh.Modeling;

/// <summary>
/// One instance of each short string a load reads: the models of a big input otherwise keep hundreds of thousands of
/// copies of the same few words (label keys and values, kinds, namespaces, port names). Strings are immutable, so
/// sharing one changes nothing a reader of the models can see. Not thread-safe: each loading thread reads with its own.
/// </summary>
public sealed class StringPool
{
    /// <summary>Longer strings are rarely repeated (annotations, certificates) and are not kept.</summary>
    public const int MaxPooledUtf8Length = 64;

    /// <summary>How many strings one pool keeps at most, so that an input of mostly distinct words cannot grow it further.</summary>
    public const int MaxStrings = 1 << 20;

    private readonly HashSet<string> strings = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> lookup;

    /// <summary>An empty pool.</summary>
    public StringPool()
    {
        lookup = strings.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>How many strings the pool keeps.</summary>
    public int Count => strings.Count;

    /// <summary>The reader's string value (the reader is on a string token): the pool's instance when it has one.</summary>
    public string Get(ref Utf8JsonReader reader)
    {
        if (reader.HasValueSequence || reader.ValueSpan.Length > MaxPooledUtf8Length)
        {
            return reader.GetString()!;
        }

        // Unescaped UTF-16 is never longer than the UTF-8 it comes from.
        Span<char> buffer = stackalloc char[MaxPooledUtf8Length];
        return Share(buffer[..reader.CopyString(buffer)]);
    }

    /// <summary>The string of the UTF-8 <paramref name="utf8"/> (an unescaped property name): the pool's instance when it has one.</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxPooledUtf8Length)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        Span<char> buffer = stackalloc char[MaxPooledUtf8Length];
        return Share(buffer[..Encoding.UTF8.GetChars(utf8, buffer)]);
    }

    private string Share(ReadOnlySpan<char> text)
    {
        if (lookup.TryGetValue(text, out var pooled))
        {
            return pooled;
        }

        var created = new string(text);
        if (strings.Count < MaxStrings)
        {
            strings.Add(created);
        }

        return created;
    }
}
