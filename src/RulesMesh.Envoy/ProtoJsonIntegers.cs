using System.Globalization;

namespace RulesMesh.Xds;

/// <summary>
/// proto3 JSON writes 64-bit integers as decimal strings (a JSON number past 2^53 loses precision in many readers),
/// formatted on the stack rather than as a string of their own.
/// </summary>
internal static class ProtoJsonIntegers
{
    // The longest decimal text of a long or a ulong: "-9223372036854775808", "18446744073709551615".
    private const int MaxLength = 20;

    /// <summary>Writes <paramref name="value"/> as a decimal string.</summary>
    public static void WriteInt64(IJsonTokenWriter writer, long value)
    {
        Span<byte> digits = stackalloc byte[MaxLength];
        value.TryFormat(digits, out var length, "d", CultureInfo.InvariantCulture);
        writer.WriteStringValue(digits[..length]);
    }

    /// <summary>Writes <paramref name="value"/> as a decimal string.</summary>
    public static void WriteUInt64(IJsonTokenWriter writer, ulong value)
    {
        Span<byte> digits = stackalloc byte[MaxLength];
        value.TryFormat(digits, out var length, "d", CultureInfo.InvariantCulture);
        writer.WriteStringValue(digits[..length]);
    }
}
