using RulesMesh.Mesh;

namespace RulesMesh.Translation.Routes;

/// <summary>One report a route rule made to a <see cref="RouteStatusCollector"/>, kept so reports from separately computed items can be merged in order.</summary>
/// <param name="Kind">Which report.</param>
/// <param name="Route">The route.</param>
/// <param name="Parent">The parent reported about.</param>
/// <param name="Reason">The reason (rejected, unresolved).</param>
/// <param name="Message">The message (rejected, invalid, unresolved).</param>
/// <param name="NothingLeft">For an invalid report: whether no rule of the route was left.</param>
/// <param name="ObservedGeneration">For an accepted or rejected report: the route's generation, when it has one.</param>
internal sealed record RouteStatusReport(RouteStatusReportKind Kind, ObjectKey Route, ParentReference Parent, string? Reason, string? Message, bool NothingLeft, long? ObservedGeneration = null);

/// <summary>The kinds of <see cref="RouteStatusReport"/>.</summary>
internal enum RouteStatusReportKind
{
    Accepted,
    Rejected,
    Invalid,
    Unresolved,
}
