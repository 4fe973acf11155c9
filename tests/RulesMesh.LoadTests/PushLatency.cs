using System.Globalization;
using System.Text.RegularExpressions;

namespace RulesMesh.LoadTests;

/// <summary>Reads the p50 and p99 of the server's push latency histogram (all types together) from its /metrics text.</summary>
internal static partial class PushLatency
{
    /// <summary>"p50 ≤ X ms, p99 ≤ Y ms over N pushes": the upper bounds of the buckets holding those quantiles.</summary>
    public static string Summarise(string metrics)
    {
        var buckets = new SortedDictionary<double, double>();
        foreach (Match match in Bucket().Matches(metrics))
        {
            var bound = match.Groups["le"].Value == "+Inf" ? double.PositiveInfinity : double.Parse(match.Groups["le"].Value, CultureInfo.InvariantCulture);
            buckets[bound] = buckets.GetValueOrDefault(bound) + double.Parse(match.Groups["count"].Value, CultureInfo.InvariantCulture);
        }

        if (buckets.Count == 0 || buckets[double.PositiveInfinity] == 0)
        {
            return "no pushes recorded";
        }

        var total = buckets[double.PositiveInfinity];
        return string.Create(CultureInfo.InvariantCulture, $"p50 ≤ {Bound(buckets, total * 0.50)}, p99 ≤ {Bound(buckets, total * 0.99)} over {total:F0} pushes");
    }

    private static string Bound(SortedDictionary<double, double> cumulative, double rank)
    {
        var bound = cumulative.First(pair => pair.Value >= rank).Key;
        return double.IsPositiveInfinity(bound) ? "+Inf" : string.Create(CultureInfo.InvariantCulture, $"{bound * 1000:G4} ms");
    }

    [GeneratedRegex(@"^rulesmesh_xds_push_latency_seconds_bucket\{[^}]*le=""(?<le>[^""]+)""[^}]*\} (?<count>\S+)", RegexOptions.Multiline)]
    private static partial Regex Bucket();
}
