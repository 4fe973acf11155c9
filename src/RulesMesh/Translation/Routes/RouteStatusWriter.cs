using k8s.Models;
using RulesMesh.Capture;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;

namespace RulesMesh.Translation.Routes;

/// <summary>
/// Turns collected route parent statuses into HTTPRoute statuses as kgateway writes them (controller <c>kgateway</c>):
/// Accepted, ResolvedRefs and <c>kgateway.dev/Programmed</c> per parent.
/// </summary>
/// <remarks>
/// <c>kgateway.dev/Programmed</c> says whether the route is in the parent's configuration: True for an accepted parent,
/// also when a backendRef did not resolve (the route is still programmed, its unresolved backends answering with an
/// error, as kgateway does); False for a parent that did not accept the route, with the rejection's reason (e.g.
/// NoMatchingParent, NotAllowedByListeners). kgateway's goldens pin only the True case.
/// </remarks>
public static class RouteStatusWriter
{
    /// <summary>The controller name kgateway reports.</summary>
    public const string ControllerName = "kgateway";

    /// <summary>kgateway's condition saying whether the route is in the parent's configuration.</summary>
    public const string ProgrammedCondition = "kgateway.dev/Programmed";

    /// <summary>One status per route, keyed by <c>ns/name</c>, parents in report order.</summary>
    public static IReadOnlyDictionary<string, HTTPRouteStatus> Write(IReadOnlyList<RouteParentStatus> parents)
        => parents
            .GroupBy(static p => $"{p.Route.Namespace}/{p.Route.Name}")
            .OrderBy(static g => g.Key, StringComparer.Ordinal)
            .ToDictionary(static g => g.Key, static g => new HTTPRouteStatus { Parents = g.Select(Parent).ToList() });

    private static HTTPRouteStatusParent Parent(RouteParentStatus status) => new()
    {
        ControllerName = ControllerName,
        ParentRef = new HTTPRouteParentRef
        {
            Group = status.Parent.Group,
            Kind = status.Parent.Kind,
            Namespace = status.Parent.Namespace,
            Name = status.Parent.Name,
            SectionName = status.Parent.SectionName,
            Port = status.Parent.Port,
        },
        Conditions =
        [
            status.RejectedReason is null
                ? Condition("Accepted", "True", "Accepted", "Successfully accepted Route")
                : Condition("Accepted", "False", status.RejectedReason, status.RejectedMessage ?? string.Empty),
            status.UnresolvedReason is null
                ? Condition("ResolvedRefs", "True", "ResolvedRefs", "Successfully resolved all references")
                : Condition("ResolvedRefs", "False", status.UnresolvedReason, status.UnresolvedMessage ?? string.Empty),
            status.RejectedReason is null
                ? Condition(ProgrammedCondition, "True", "Programmed", "Successfully programmed Route")
                : Condition(ProgrammedCondition, "False", status.RejectedReason, $"Route is not programmed for this parent: {status.RejectedMessage}"),
        ],
    };

    private static V1Condition Condition(string type, string status, string reason, string message)
        => GatewayConditions.Create(type, status == GatewayConditions.True, reason, message, observedGeneration: null);
}
