using System.Runtime.InteropServices;
using System.Text.Json;

namespace RulesMesh.Loading.Schema;

/// <summary>
/// A number as NJsonSchema sees it in a manifest (<see cref="SchemaInstance"/>): an integer when its text has no
/// fraction or exponent (held as a 64-bit integer when it fits), otherwise a double.
/// </summary>
internal readonly record struct SchemaNumber(bool IsInteger, long Integer, double Double, bool IsBeyondInt64)
{
    public static SchemaNumber Read(JsonElement value)
    {
        if (value.TryGetInt64(out var integer))
        {
            return new SchemaNumber(IsInteger: true, integer, 0, IsBeyondInt64: false);
        }

        return IsIntegral(value)
            ? new SchemaNumber(IsInteger: true, 0, 0, IsBeyondInt64: true)
            : new SchemaNumber(IsInteger: false, 0, value.GetDouble(), IsBeyondInt64: false);
    }

    public static bool IsIntegral(JsonElement value)
        => value.TryGetInt64(out _) || JsonMarshal.GetRawUtf8Value(value).IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0;
}
