using System.Globalization;
using Google.Protobuf.WellKnownTypes;

namespace RulesMesh.Translation.Policy;

/// <summary>
/// Durations as Istio's API reads them (Go's <c>time.ParseDuration</c>): one or more decimal numbers, each with a unit
/// <c>h</c>, <c>m</c>, <c>s</c>, <c>ms</c>, <c>us</c>/<c>µs</c> or <c>ns</c>, such as <c>5m</c>, <c>1.5s</c> or <c>1h30m</c>.
/// </summary>
internal static class GoDuration
{
    /// <summary>The duration <paramref name="text"/> stands for; null when it is not one or is negative.</summary>
    public static Duration? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text == "0")
        {
            return new Duration();
        }

        decimal nanos = 0;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
            {
                i++;
            }

            if (i == start || !decimal.TryParse(text.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                return null;
            }

            var unitStart = i;
            while (i < text.Length && !char.IsAsciiDigit(text[i]) && text[i] != '.')
            {
                i++;
            }

            decimal? scale = text[unitStart..i] switch
            {
                "h" => 3_600_000_000_000m,
                "m" => 60_000_000_000m,
                "s" => 1_000_000_000m,
                "ms" => 1_000_000m,
                "us" or "µs" or "μs" => 1_000m,
                "ns" => 1m,
                _ => null,
            };
            if (scale is null)
            {
                return null;
            }

            nanos += amount * scale.Value;
            if (nanos > long.MaxValue)
            {
                return null;
            }
        }

        var whole = (long)decimal.Truncate(nanos);
        return new Duration { Seconds = whole / 1_000_000_000, Nanos = (int)(whole % 1_000_000_000) };
    }
}
