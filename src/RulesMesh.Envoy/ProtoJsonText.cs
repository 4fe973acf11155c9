using System.Globalization;
using System.Text;

namespace RulesMesh.Xds;

/// <summary>The proto3 JSON text of the well-known types written as strings, exactly as Google.Protobuf prints them.</summary>
internal static class ProtoJsonText
{
    private const long MaxDurationSeconds = 315_576_000_000;
    private const int MaxNanos = 999_999_999;
    private const long MinTimestampSeconds = -62_135_596_800; // 0001-01-01T00:00:00Z
    private const long MaxTimestampSeconds = 253_402_300_799; // 9999-12-31T23:59:59Z

    /// <summary><c>-1.500s</c>: seconds, the fraction in 3, 6 or 9 digits when there is one, and <c>s</c>.</summary>
    /// <exception cref="InvalidOperationException">Out of range, or seconds and nanos of opposite signs.</exception>
    public static string Duration(long seconds, int nanos)
    {
        if (seconds is < -MaxDurationSeconds or > MaxDurationSeconds || nanos is < -MaxNanos or > MaxNanos
            || Math.Sign(seconds) * Math.Sign(nanos) == -1)
        {
            throw new InvalidOperationException("Non-normalized duration value");
        }

        // Seconds carry the sign, except when there are none.
        var sign = seconds == 0 && nanos < 0 ? "-" : "";
        return string.Concat(sign, seconds.ToString("d", CultureInfo.InvariantCulture), Fraction(Math.Abs(nanos)), "s");
    }

    /// <summary><c>1972-01-01T10:00:20.021Z</c>: UTC, the fraction in 3, 6 or 9 digits when there is one.</summary>
    /// <exception cref="InvalidOperationException">Before year 1, after year 9999, or nanos outside 0–999,999,999.</exception>
    public static string Timestamp(long seconds, int nanos)
    {
        if (nanos is < 0 or > MaxNanos || seconds is < MinTimestampSeconds or > MaxTimestampSeconds)
        {
            throw new InvalidOperationException("Non-normalized timestamp value");
        }

        var time = DateTime.UnixEpoch.AddSeconds(seconds);
        return string.Concat(time.ToString("yyyy'-'MM'-'dd'T'HH:mm:ss", CultureInfo.InvariantCulture), Fraction(nanos), "Z");
    }

    /// <summary>The paths in lowerCamel, comma-separated.</summary>
    /// <exception cref="InvalidOperationException">A path has a capital letter, or an underscore not followed by a lowercase letter.</exception>
    public static string FieldMask(IList<string> paths)
    {
        var invalid = paths.FirstOrDefault(static p => !IsValidPath(p));
        return invalid is null
            ? string.Join(",", paths.Select(LowerCamel))
            : throw new InvalidOperationException("Invalid field mask to be converted to JSON: " + invalid);
    }

    private static string Fraction(int nanos)
        => nanos == 0 ? ""
            : nanos % 1_000_000 == 0 ? "." + (nanos / 1_000_000).ToString("d3", CultureInfo.InvariantCulture)
            : nanos % 1_000 == 0 ? "." + (nanos / 1_000).ToString("d6", CultureInfo.InvariantCulture)
            : "." + nanos.ToString("d9", CultureInfo.InvariantCulture);

    private static bool IsValidPath(string path)
    {
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] is >= 'A' and <= 'Z' || (path[i] == '_' && i < path.Length - 1 && path[i + 1] is < 'a' or > 'z'))
            {
                return false;
            }
        }

        return true;
    }

    // Each underscore dropped and the character after it upper-cased.
    private static string LowerCamel(string path)
    {
        var result = new StringBuilder(path.Length);
        var upperNext = false;
        foreach (var c in path)
        {
            if (c == '_')
            {
                upperNext = true;
            }
            else
            {
                result.Append(upperNext ? char.ToUpperInvariant(c) : c);
                upperNext = false;
            }
        }

        return result.ToString();
    }
}
