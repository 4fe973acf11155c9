using System.Text;
using System.Text.Unicode;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace RulesMesh.Xds;

/// <summary>
/// Whether a message's bytes are in the shape its generated class writes, so that writing them in the order they come
/// gives what parsing them and writing the message would (<see cref="ProtoWireWriter"/>): fields in ascending number
/// order, a repeated field's values together, one member of a oneof, every field known, map entries of a string key
/// then a value, each key once, strings valid UTF-8.
/// </summary>
/// <remarks>
/// Bytes of any other shape (fields merged from several messages, unknown fields, a missing or repeated map key) are still a valid
/// message, which the caller parses instead. Nested ordinary messages are checked too; <c>Any</c>s by their own two
/// fields only (the packed bytes are checked when written), other well-known types not at all (they are parsed).
/// </remarks>
internal static class ProtoWireShape
{
    // Google.Protobuf's parser's default recursion limit: deeper bytes are left to it, to fail as it fails.
    private const int MaxDepth = 100;

    private const int AnyTypeUrl = 1;
    private const int AnyValue = 2;

    /// <summary>Whether <paramref name="bytes"/>, a message of the ordinary type <paramref name="layout"/> describes, are as its generated class writes them.</summary>
    public static bool IsAsGenerated(ProtoMessageLayout layout, ReadOnlySpan<byte> bytes) => IsAsGenerated(layout, bytes, 0);

    private static bool IsAsGenerated(ProtoMessageLayout layout, ReadOnlySpan<byte> bytes, int depth)
    {
        if (depth > MaxDepth)
        {
            return false;
        }

        var reader = new ProtoWireReader(bytes);
        var last = 0;
        var oneofsSet = 0UL;
        HashSet<string>? mapKeys = null;
        while (!reader.AtEnd)
        {
            if (!reader.TryReadTag(out var number, out var wireType) || layout.WireField(number) is not { } field
                || number < last || (number == last && !field.IsRepeated && !field.IsMap))
            {
                return false;
            }

            if (number != last && field.OneofIndex >= 0)
            {
                if (field.OneofIndex >= 64 || (oneofsSet & (1UL << field.OneofIndex)) != 0)
                {
                    return false;
                }

                oneofsSet |= 1UL << field.OneofIndex;
            }

            if (number != last)
            {
                mapKeys?.Clear();
            }

            last = number;
            if (field.IsMap ? !IsMapEntry(field, wireType, ref reader, depth, ref mapKeys) : !IsValue(field, wireType, ref reader, depth))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsValue(ProtoWireField field, WireFormat.WireType wireType, ref ProtoWireReader reader, int depth)
    {
        if (field.IsPackable && wireType == WireFormat.WireType.LengthDelimited)
        {
            // An empty packed record would leave an empty array, which a parsed message does not write.
            if (!reader.TryReadLengthDelimited(out var packed) || packed.IsEmpty)
            {
                return false;
            }

            var values = new ProtoWireReader(packed);
            while (!values.AtEnd)
            {
                if (!values.TryReadValue(field.WireType, out _, out _))
                {
                    return false;
                }
            }

            return true;
        }

        if (wireType != field.WireType || !reader.TryReadValue(wireType, out _, out var bytes))
        {
            return false;
        }

        return field.Type switch
        {
            FieldType.String => Utf8.IsValid(bytes),
            FieldType.Message => field.Layout.Kind switch
            {
                ProtoMessageKind.Ordinary => IsAsGenerated(field.Layout, bytes, depth + 1),
                ProtoMessageKind.Any => IsAny(bytes),
                _ => true,
            },
            _ => true,
        };
    }

    // A key met twice in one map is parsed as one entry (the last value in the first place): left to the parser.
    private static bool IsMapEntry(ProtoWireField field, WireFormat.WireType wireType, ref ProtoWireReader reader, int depth, ref HashSet<string>? keys)
    {
        if (wireType != WireFormat.WireType.LengthDelimited || !reader.TryReadLengthDelimited(out var entry) || field.MapKey!.Type != FieldType.String)
        {
            return false;
        }

        // The key is a string (checked above): read here, so it is at hand for the check of repeats.
        var entryReader = new ProtoWireReader(entry);
        if (!entryReader.TryReadTag(out var keyNumber, out var keyWireType) || keyNumber != 1 || keyWireType != WireFormat.WireType.LengthDelimited
            || !entryReader.TryReadLengthDelimited(out var key) || !Utf8.IsValid(key)
            || !entryReader.TryReadTag(out var valueNumber, out var valueWireType) || valueNumber != 2 || !IsValue(field.MapValue!, valueWireType, ref entryReader, depth)
            || !entryReader.AtEnd)
        {
            return false;
        }

        return (keys ??= new HashSet<string>(StringComparer.Ordinal)).Add(Encoding.UTF8.GetString(key));
    }

    // An Any's type URL (valid UTF-8) and then its value, each at most once.
    private static bool IsAny(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoWireReader(bytes);
        var last = 0;
        while (!reader.AtEnd)
        {
            if (!reader.TryReadTag(out var number, out var wireType) || number <= last || number > AnyValue
                || wireType != WireFormat.WireType.LengthDelimited || !reader.TryReadLengthDelimited(out var value)
                || (number == AnyTypeUrl && !Utf8.IsValid(value)))
            {
                return false;
            }

            last = number;
        }

        return true;
    }
}
