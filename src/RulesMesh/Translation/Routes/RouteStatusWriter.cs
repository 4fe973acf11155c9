using k8s.Models;
using RulesMesh.Capture;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;

namespace RulesMesh.Translation.Routes;

/// <summary>
/// Turns collected route parent statuses into route statuses as a <see cref="RouteStatusController"/> writes them:
/// Accepted and ResolvedRefs per parent, and for kgateway <c>kgateway.dev/Programmed</c>, the same for every kind.
/// </summary>
/// <remarks>
/// <c>kgateway.dev/Programmed</c> says whether the route is in the parent's configuration: True for an accepted parent,
/// also when a backendRef did not resolve (the route is still programmed, its unresolved backends answering with an
/// error, as kgateway does); False for a parent that did not accept the route, with the rejection's reason (e.g.
/// NoMatchingParent, NotAllowedByListeners). kgateway's goldens pin only the True case.
/// <para>
/// A route of which translation dropped a value Envoy would refuse (a regex that is not RE2, a header with a control
/// character, …) follows the Gateway API's rule for partially invalid routes ("Drop Rule(s)"): the parent gets
/// <c>PartiallyInvalid=True</c>, reason <c>UnsupportedValue</c>, with the first problem as message, and stays Accepted;
/// when no rule is left, <c>Accepted=False</c> with reason <c>UnsupportedValue</c>.
/// </para>
/// </remarks>
public static class RouteStatusWriter
{
    /// <summary>The Gateway API reason for a value the implementation does not support or that is invalid.</summary>
    public const string UnsupportedValueReason = "UnsupportedValue";

    /// <summary>The Gateway API condition saying that some rules of an accepted route were dropped.</summary>
    public const string PartiallyInvalidCondition = "PartiallyInvalid";

    /// <summary>kgateway's condition saying whether the route is in the parent's configuration.</summary>
    public const string ProgrammedCondition = "kgateway.dev/Programmed";

    /// <summary>
    /// The status of one route from its parents' statuses (in report order) as <paramref name="controller"/> writes it:
    /// an <see cref="HTTPRouteStatus"/>, or the <see cref="GRPCRouteStatus"/>, <see cref="TCPRouteStatus"/> or
    /// <see cref="TLSRouteStatus"/> of <paramref name="kind"/>.
    /// </summary>
    public static object Write(string kind, IReadOnlyList<RouteParentStatus> parents, RouteStatusController controller) => kind switch
    {
        GRPCRoute.KubeKind => new GRPCRouteStatus { Parents = [.. parents.Select(p => GrpcParent(p, controller))] },
        TCPRoute.KubeKind => new TCPRouteStatus { Parents = [.. parents.Select(p => TcpParent(p, controller))] },
        TLSRoute.KubeKind => new TLSRouteStatus { Parents = [.. parents.Select(p => TlsParent(p, controller))] },
        _ => new HTTPRouteStatus { Parents = [.. parents.Select(p => HttpParent(p, controller))] },
    };

    private static HTTPRouteStatusParent HttpParent(RouteParentStatus status, RouteStatusController controller) => new()
    {
        ControllerName = controller.Name,
        ParentRef = new HTTPRouteParentRef
        {
            Group = status.Parent.Group,
            Kind = status.Parent.Kind,
            Namespace = status.Parent.Namespace,
            Name = status.Parent.Name,
            SectionName = status.Parent.SectionName,
            Port = status.Parent.Port,
        },
        Conditions = Conditions(status, controller),
    };

    private static GRPCRouteStatusParent GrpcParent(RouteParentStatus status, RouteStatusController controller) => new()
    {
        ControllerName = controller.Name,
        ParentRef = new GRPCRouteParentRef
        {
            Group = status.Parent.Group,
            Kind = status.Parent.Kind,
            Namespace = status.Parent.Namespace,
            Name = status.Parent.Name,
            SectionName = status.Parent.SectionName,
            Port = status.Parent.Port,
        },
        Conditions = Conditions(status, controller),
    };

    private static TCPRouteStatusParent TcpParent(RouteParentStatus status, RouteStatusController controller) => new()
    {
        ControllerName = controller.Name,
        ParentRef = new TCPRouteParentRef
        {
            Group = status.Parent.Group,
            Kind = status.Parent.Kind,
            Namespace = status.Parent.Namespace,
            Name = status.Parent.Name,
            SectionName = status.Parent.SectionName,
            Port = status.Parent.Port,
        },
        Conditions = Conditions(status, controller),
    };

    private static TLSRouteStatusParent TlsParent(RouteParentStatus status, RouteStatusController controller) => new()
    {
        ControllerName = controller.Name,
        ParentRef = new TLSRouteParentRef
        {
            Group = status.Parent.Group,
            Kind = status.Parent.Kind,
            Namespace = status.Parent.Namespace,
            Name = status.Parent.Name,
            SectionName = status.Parent.SectionName,
            Port = status.Parent.Port,
        },
        Conditions = Conditions(status, controller),
    };

    private static List<V1Condition> Conditions(RouteParentStatus status, RouteStatusController controller)
    {
        List<V1Condition> conditions =
        [
            status.RejectedReason is null
                ? Condition("Accepted", "True", "Accepted", controller.AcceptedMessage, status)
                : Condition("Accepted", "False", status.RejectedReason, status.RejectedMessage ?? string.Empty, status),
            status.UnresolvedReason is null
                ? Condition("ResolvedRefs", "True", "ResolvedRefs", controller.ResolvedMessage, status)
                : Condition("ResolvedRefs", "False", status.UnresolvedReason, status.UnresolvedMessage ?? string.Empty, status),
        ];
        if (controller.ReportsProgrammed)
        {
            conditions.Add(status.RejectedReason is null
                ? Condition(ProgrammedCondition, "True", "Programmed", "Successfully programmed Route", status)
                : Condition(ProgrammedCondition, "False", status.RejectedReason, $"Route is not programmed for this parent: {status.RejectedMessage}", status));
        }

        if (status.RejectedReason is null && status.InvalidMessage is { } invalid)
        {
            conditions.Add(Condition(PartiallyInvalidCondition, "True", UnsupportedValueReason, invalid, status));
        }

        return conditions;
    }

    private static V1Condition Condition(string type, string value, string reason, string message, RouteParentStatus status)
        => GatewayConditions.Create(type, value == GatewayConditions.True, reason, message, status.ObservedGeneration);
}
