using k8s.Models;
using RulesMesh.Capture;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;

namespace RulesMesh.Translation.Routes;

/// <summary>Turns collected route parent statuses into HTTPRoute statuses as kgateway writes them (controller <c>kgateway</c>).</summary>
public static class RouteStatusWriter
{
    /// <summary>The controller name kgateway reports.</summary>
    public const string ControllerName = "kgateway";

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
            Condition("kgateway.dev/Programmed", "True", "Programmed", "Successfully programmed Route"),
        ],
    };

    private static V1Condition Condition(string type, string status, string reason, string message)
        => GatewayConditions.Create(type, status == GatewayConditions.True, reason, message, observedGeneration: null);
}
