using System.Globalization;

namespace RulesMesh.Loading.CelLanguage;

/// <summary>
/// CEL's <c>duration(string)</c>: Go's duration syntax (<c>1h30m</c>, <c>1.5s</c>, <c>300ms</c>, <c>-2us</c>), as
/// the Cel package reads it, within CEL's range of ±10,000 years.
/// </summary>
internal static class CelDurations
{
    private const decimal MaximumSeconds = 315_576_000_000m;

    /// <summary>The length of <paramref name="text"/> in nanoseconds; an evaluation error when it is not a duration.</summary>
    public static decimal Parse(string text)
    {
        if (text == "0")
        {
            return 0;
        }

        var rest = text.Trim();
        var sign = 1;
        if (rest.StartsWith('-'))
        {
            sign = -1;
            rest = rest[1..];
        }
        else if (rest.StartsWith('+'))
        {
            rest = rest[1..];
        }

        if (rest.Length == 0)
        {
            throw Invalid(text);
        }

        var total = 0m;
        var position = 0;
        while (position < rest.Length)
        {
            var start = position;
            while (position < rest.Length && (char.IsAsciiDigit(rest[position]) || rest[position] == '.'))
            {
                position++;
            }

            var digits = rest[start..position];
            var unitStart = position;
            while (position < rest.Length && char.IsAsciiLetterLower(rest[position]))
            {
                position++;
            }

            if (position == unitStart || !decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                throw Invalid(text);
            }

            total += amount * Nanoseconds(rest[unitStart..position], text);
        }

        // Whole nanoseconds, the fraction rounded half to even, as the Cel package stores a duration.
        var seconds = decimal.Truncate(total / 1_000_000_000m);
        var nanoseconds = decimal.Round(total % 1_000_000_000m, MidpointRounding.ToEven);
        return seconds > MaximumSeconds ? throw new CelEvaluationException($"duration {text} out of range") : sign * ((seconds * 1_000_000_000m) + nanoseconds);
    }

    private static decimal Nanoseconds(string unit, string text) => unit switch
    {
        "ns" => 1m,
        "us" => 1_000m,
        "ms" => 1_000_000m,
        "s" => 1_000_000_000m,
        "m" => 60_000_000_000m,
        "h" => 3_600_000_000_000m,
        _ => throw Invalid(text),
    };

    private static CelEvaluationException Invalid(string text) => new($"not a duration: {text}", $"'{text}' is not a duration (e.g. 5s, 100ms or 1h30m)");
}
