using k8s;
using k8s.Models;
using RulesMesh.Capture;
using RulesMesh.Mesh;

namespace RulesMesh.Translation.Routes;

/// <summary>Collects route parent statuses while routes are translated. A parent reported twice keeps its first failure.</summary>
public sealed class RouteStatusCollector
{
    private readonly Dictionary<(ObjectKey Route, ParentReference Parent), RouteParentStatus> _statuses = [];
    private readonly List<RouteStatusReport> _reports = [];

    /// <summary>The route parent statuses of <paramref name="context"/>'s run, reported by route rules as they attach and resolve routes.</summary>
    public static RouteStatusCollector For(TranslationContext context) => context.Index(static _ => new RouteStatusCollector());

    /// <summary>Every parent status, by route then in report order.</summary>
    public IReadOnlyList<RouteParentStatus> All => _statuses.Values.ToList();

    /// <summary>Every report, in order.</summary>
    internal IReadOnlyList<RouteStatusReport> Reports => _reports;

    /// <summary>Makes <paramref name="report"/> again (merging reports collected apart, in order).</summary>
    internal void Replay(RouteStatusReport report)
    {
        switch (report.Kind)
        {
            case RouteStatusReportKind.Accepted:
                Accepted(report.Route, report.Parent, report.ObservedGeneration);
                break;
            case RouteStatusReportKind.Rejected:
                Rejected(report.Route, report.Parent, report.Reason!, report.Message!, report.ObservedGeneration);
                break;
            case RouteStatusReportKind.Invalid:
                Invalid(report.Route, report.Parent, report.Message!, report.NothingLeft);
                break;
            case RouteStatusReportKind.Unresolved:
                Unresolved(report.Route, report.Parent, report.Reason!, report.Message!);
                break;
        }
    }

    /// <summary>
    /// Records that <paramref name="parent"/> of <paramref name="route"/> was accepted, with all refs resolved so far;
    /// <paramref name="observedGeneration"/> is the route's generation (see <see cref="ObservedGeneration"/>).
    /// </summary>
    public void Accepted(ObjectKey route, ParentReference parent, long? observedGeneration)
    {
        _reports.Add(new RouteStatusReport(RouteStatusReportKind.Accepted, route, parent, null, null, false, observedGeneration));
        if (!_statuses.TryAdd((route, parent), new RouteParentStatus(route, parent, null, null) { ObservedGeneration = observedGeneration }))
        {
            Observed(route, parent, observedGeneration);
        }
    }

    /// <summary>
    /// Records that <paramref name="parent"/> did not accept <paramref name="route"/> (a parentRef that names it but does
    /// not attach), unless it was accepted already; <paramref name="observedGeneration"/> is the route's generation.
    /// </summary>
    public void Rejected(ObjectKey route, ParentReference parent, string reason, string message, long? observedGeneration)
    {
        _reports.Add(new RouteStatusReport(RouteStatusReportKind.Rejected, route, parent, reason, message, false, observedGeneration));
        if (!_statuses.TryAdd((route, parent), new RouteParentStatus(route, parent, null, null) { RejectedReason = reason, RejectedMessage = message, ObservedGeneration = observedGeneration }))
        {
            Observed(route, parent, observedGeneration);
        }
    }

    // A parent first reported invalid or unresolved (which know no generation) takes the generation accepting it gives.
    private void Observed(ObjectKey route, ParentReference parent, long? observedGeneration)
    {
        if (_statuses[(route, parent)] is { ObservedGeneration: null } status && observedGeneration is not null)
        {
            _statuses[(route, parent)] = status with { ObservedGeneration = observedGeneration };
        }
    }

    /// <summary>The generation of <paramref name="route"/> its status describes: absent (Go's <c>omitempty</c>) when it has none.</summary>
    public static long? ObservedGeneration(IKubernetesObject<V1ObjectMeta> route) => GatewayConditions.ObservedGeneration(route.Metadata);

    /// <summary>
    /// Records that translation dropped invalid parts of <paramref name="route"/> for <paramref name="parent"/>
    /// (<paramref name="message"/>: the first): PartiallyInvalid, or not accepted when <paramref name="nothingLeft"/>.
    /// </summary>
    public void Invalid(ObjectKey route, ParentReference parent, string message, bool nothingLeft)
    {
        _reports.Add(new RouteStatusReport(RouteStatusReportKind.Invalid, route, parent, null, message, nothingLeft));
        var existing = _statuses.TryGetValue((route, parent), out var found) ? found : new RouteParentStatus(route, parent, null, null);
        if (existing.RejectedReason is not null || existing.InvalidMessage is not null)
        {
            return;
        }

        _statuses[(route, parent)] = nothingLeft
            ? existing with { RejectedReason = RouteStatusWriter.UnsupportedValueReason, RejectedMessage = $"no rule is valid: {message}" }
            : existing with { InvalidMessage = message };
    }

    /// <summary>Records that a backendRef of <paramref name="route"/> did not resolve, for <paramref name="parent"/>.</summary>
    public void Unresolved(ObjectKey route, ParentReference parent, string reason, string message)
    {
        _reports.Add(new RouteStatusReport(RouteStatusReportKind.Unresolved, route, parent, reason, message, false));
        if (!_statuses.TryGetValue((route, parent), out var existing) || existing.UnresolvedReason is null)
        {
            _statuses[(route, parent)] = (existing ?? new RouteParentStatus(route, parent, null, null)) with { UnresolvedReason = reason, UnresolvedMessage = message };
        }
    }
}
