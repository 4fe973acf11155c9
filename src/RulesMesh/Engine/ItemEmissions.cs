using RulesMesh.Translation;
using RulesMesh.Translation.Routes;

namespace RulesMesh.Engine;

/// <summary>What an item's computation reported besides its value: warnings, and route parent statuses in report order.</summary>
internal sealed record ItemEmissions(IReadOnlyList<TranslationWarning> Warnings, IReadOnlyList<RouteStatusReport> RouteReports)
{
    public static ItemEmissions None { get; } = new([], []);

    public bool IsEmpty => Warnings.Count == 0 && RouteReports.Count == 0;

    public bool SameAs(ItemEmissions other) => ReferenceEquals(this, other) || (Warnings.SequenceEqual(other.Warnings) && RouteReports.SequenceEqual(other.RouteReports));
}
