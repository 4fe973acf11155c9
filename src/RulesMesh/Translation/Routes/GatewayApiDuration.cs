using System.Globalization;
using System.Text.RegularExpressions;
using Google.Protobuf.WellKnownTypes;

namespace RulesMesh.Translation.Routes;

/// <summary>
/// Gateway API durations (GEP-2257): one to four groups of up to five digits, each followed by <c>h</c>, <c>m</c>,
/// <c>s</c> or <c>ms</c>, such as <c>10s</c>, <c>500ms</c> or <c>1h30m</c>.
/// </summary>
internal static partial class GatewayApiDuration
{
    /// <summary>The duration <paramref name="text"/> stands for, or null when it is not a Gateway API duration.</summary>
    public static Duration? Parse(string? text)
    {
        if (text is null || !Whole().IsMatch(text))
        {
            return null;
        }

        var total = TimeSpan.Zero;
        foreach (Match part in Part().Matches(text))
        {
            var amount = long.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            total += part.Groups[2].Value switch
            {
                "h" => TimeSpan.FromHours(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "s" => TimeSpan.FromSeconds(amount),
                _ => TimeSpan.FromMilliseconds(amount),
            };
        }

        return Duration.FromTimeSpan(total);
    }

    [GeneratedRegex("^([0-9]{1,5}(h|ms|m|s)){1,4}$", RegexOptions.CultureInvariant)]
    private static partial Regex Whole();

    [GeneratedRegex("([0-9]{1,5})(h|ms|m|s)", RegexOptions.CultureInvariant)]
    private static partial Regex Part();
}
