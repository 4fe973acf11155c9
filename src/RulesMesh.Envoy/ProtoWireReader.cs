using System.Buffers.Binary;
using Google.Protobuf;

namespace RulesMesh.Xds;

/// <summary>Reads a message's wire format record by record; each read says whether the bytes held what was asked.</summary>
internal ref struct ProtoWireReader(ReadOnlySpan<byte> bytes)
{
    // A varint has at most 10 bytes (64 bits, 7 a byte); bits past 64 are dropped, as Google.Protobuf's parser drops them.
    private const int MaxVarintBytes = 10;

    private readonly ReadOnlySpan<byte> _bytes = bytes;
    private int _position;

    public readonly bool AtEnd => _position >= _bytes.Length;

    /// <summary>A tag: a field number of 1 or more and a wire type.</summary>
    public bool TryReadTag(out int number, out WireFormat.WireType wireType)
    {
        if (!TryReadVarint(out var tag) || tag > uint.MaxValue || tag >> 3 == 0)
        {
            number = 0;
            wireType = default;
            return false;
        }

        number = (int)(tag >> 3);
        wireType = (WireFormat.WireType)(tag & 7);
        return true;
    }

    public bool TryReadVarint(out ulong value)
    {
        value = 0;
        for (var i = 0; i < MaxVarintBytes && _position < _bytes.Length; i++)
        {
            var next = _bytes[_position++];
            value |= (ulong)(next & 0x7F) << (7 * i);
            if (next < 0x80)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A little-endian fixed-width value of <paramref name="size"/> bytes (4 or 8).</summary>
    public bool TryReadFixed(int size, out ulong value)
    {
        if (_bytes.Length - _position < size)
        {
            value = 0;
            return false;
        }

        value = size == sizeof(uint) ? BinaryPrimitives.ReadUInt32LittleEndian(_bytes[_position..]) : BinaryPrimitives.ReadUInt64LittleEndian(_bytes[_position..]);
        _position += size;
        return true;
    }

    public bool TryReadLengthDelimited(out ReadOnlySpan<byte> value)
    {
        if (!TryReadVarint(out var length) || length > (ulong)(_bytes.Length - _position))
        {
            value = default;
            return false;
        }

        value = _bytes.Slice(_position, (int)length);
        _position += (int)length;
        return true;
    }

    /// <summary>One value of <paramref name="wireType"/>, other than a group: its bits, or for a length-delimited one its bytes.</summary>
    public bool TryReadValue(WireFormat.WireType wireType, out ulong bits, out ReadOnlySpan<byte> bytes)
    {
        bytes = default;
        switch (wireType)
        {
            case WireFormat.WireType.Varint:
                return TryReadVarint(out bits);
            case WireFormat.WireType.Fixed32:
                return TryReadFixed(sizeof(uint), out bits);
            case WireFormat.WireType.Fixed64:
                return TryReadFixed(sizeof(ulong), out bits);
            case WireFormat.WireType.LengthDelimited:
                bits = 0;
                return TryReadLengthDelimited(out bytes);
            default:
                bits = 0;
                return false;
        }
    }
}
