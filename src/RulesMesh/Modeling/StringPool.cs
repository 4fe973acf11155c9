using System.Text;
using System.Text.Json;

namespace RulesMesh.Modeling;

/// <summary>
/// One instance of each short string a load reads again and again: the models of a big input otherwise keep hundreds of
/// thousands of copies of the same few words (label keys and values, kinds, namespaces, port names). Strings are
/// immutable, so sharing one changes nothing a reader of the models can see. Not thread-safe: each loading thread reads
/// with its own.
/// </summary>
/// <remarks>
/// A fixed table of at most <see cref="MaxSlots"/> strings, one per hash slot, the latest read replacing the one before: it never
/// grows, a lookup touches one slot (a table of every string read, names and addresses included, grows to hundreds of
/// thousands of entries whose lookups mostly miss the cache), and a value read once only takes a slot until another
/// needs it. A recurring value displaced in between is read once more as a second copy.
/// </remarks>
public sealed class StringPool
{
    /// <summary>Longer strings are rarely repeated (annotations, certificates) and are not kept.</summary>
    public const int MaxPooledUtf8Length = 64;

    /// <summary>How many strings a pool keeps at most.</summary>
    public const int MaxSlots = 1 << 14;

    private const int MinSlots = 1 << 6;

    // About one slot per 256 bytes of input: a big file gets the whole table, a single object (each one a Kubernetes
    // watch decodes) a few hundred bytes rather than a 128 KB array.
    private const int InputBytesPerSlot = 256;

    private readonly string?[] strings;

    // Where the readers sharing this pool skipped members their model does not know, when the loader asks (null: not kept).
    private List<long>? skippedAt;

    /// <summary>A pool for reading up to <paramref name="inputBytes"/> bytes of input.</summary>
    public StringPool(long inputBytes = long.MaxValue)
    {
        var wanted = Math.Clamp(inputBytes / InputBytesPerSlot, MinSlots, MaxSlots);
        strings = new string?[(int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)wanted)];
    }

    /// <summary>How many strings this pool keeps at most.</summary>
    public int Capacity => strings.Length;

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

    /// <summary>
    /// Whether a generated reader using this pool skipped a member its model does not know since <see cref="ForgetSkipped"/>
    /// (<see cref="ModelReading.SkipUnknown"/>). The pool is the one thing of its own each read is given, so it is where
    /// a reader says so: one flag, set on the rare document with such a member, never a list that grows.
    /// </summary>
    internal bool SkippedUnknown { get; private set; }

    /// <summary>
    /// Starts a read: clears <see cref="SkippedUnknown"/> and, given <paramref name="offsets"/>, keeps in it the offset
    /// (in the JSON read) of each skipped member's value until the next call; null keeps no offsets.
    /// </summary>
    internal void ForgetSkipped(List<long>? offsets = null)
    {
        SkippedUnknown = false;
        skippedAt = offsets;
    }

    /// <summary>Notes that a reader skips the member whose value starts at <paramref name="valueOffset"/>.</summary>
    internal void NoteSkipped(long valueOffset)
    {
        SkippedUnknown = true;
        skippedAt?.Add(valueOffset);
    }

    private string Share(ReadOnlySpan<char> text)
    {
        ref var slot = ref strings[string.GetHashCode(text) & (strings.Length - 1)];
        if (slot is { } pooled && text.SequenceEqual(pooled))
        {
            return pooled;
        }

        return slot = new string(text);
    }
}
