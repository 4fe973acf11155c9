using RulesMesh.Mesh;
using RulesMesh.Rules;

namespace RulesMesh.Capture;

/// <summary>
/// istiod's checks once a label has named a waypoint (<c>fetchWaypointForTarget</c> and <c>fetchWaypointForService</c>,
/// docs/spec/istio-gatewayapi.md §6.3): the Gateway must exist and be ready, admit the object's namespace, and take
/// service traffic, in that order; with <c>serviceEntryVisibility: Namespace</c> a ServiceEntry's waypoint must be in its
/// namespace. A failed check leaves the object without a waypoint and is final: no later label is consulted. Every
/// decision carries the status conditions istiod writes for it (<see cref="IstioServiceConditions"/>).
/// </summary>
internal static class IstioWaypointBinding
{
    /// <summary>
    /// <paramref name="named"/> when it is not a capture or every check passes (its reason extended); otherwise "not
    /// captured", with istiod's reason. <paramref name="afterMissing"/> says what a missing waypoint does not lead to.
    /// </summary>
    public static CaptureVerdict Check(CaptureVerdict named, MeshService service, RuleContext context, string afterMissing)
    {
        if (named.Outcome == CaptureOutcome.NotCaptured)
        {
            return named with { Conditions = IstioServiceConditions.Unbound(service, context) };
        }

        if (named.Outcome != CaptureOutcome.Captured || named.Waypoint is not { } waypoint)
        {
            return named;
        }

        if (Refusal(waypoint, service, context, afterMissing) is { } refusal)
        {
            return CaptureVerdict.NotCaptured($"{named.Reason}, but {refusal.Detail}: istiod reports {refusal.Reason}{refusal.After}") with
            {
                Conditions = IstioServiceConditions.Refused(service, refusal.Reason, $"waypoint {waypoint}: {refusal.Detail}", bound: false, context),
            };
        }

        var captured = CaptureVerdict.Captured(waypoint, $"{named.Reason}; Gateway {waypoint} is ready and admits namespace {service.Namespace}");
        return IstioCanaryWaypoint.Apply(captured, service, context);
    }

    /// <summary>Why istiod refuses <paramref name="waypoint"/> for <paramref name="service"/>, or null when it accepts it.</summary>
    internal static WaypointRefusal? Refusal(NamespacedName waypoint, MeshService service, RuleContext context, string afterMissing = "")
    {
        var gateway = context.FindGateway(waypoint);
        if (gateway is null)
        {
            return new("WaypointIsNotReady", $"there is no Gateway {waypoint}", afterMissing);
        }

        if (gateway.Status?.Addresses is not { Count: > 0 })
        {
            return new("WaypointIsNotReady", $"Gateway {waypoint} has no status.addresses yet", afterMissing);
        }

        // fetchWaypointForTarget admits the namespace before fetchWaypointForService looks at the traffic type.
        if (AllowedRoutesNamespaces.Denial(gateway, IstioBoundListener.Find(gateway, context), service.Namespace, context) is { } denial)
        {
            return new("AttachmentDenied", $"on Gateway {waypoint} {denial}", string.Empty);
        }

        var trafficType = IstioTrafficType.Of(gateway, context);
        if (!trafficType.TakesServices)
        {
            return new("UnsupportedTrafficType", $"for Gateway {waypoint} {trafficType.Source}, which takes no service traffic", string.Empty);
        }

        if (service.Key.Kind == "ServiceEntry" && context.Settings.ServiceEntryVisibility == ServiceEntryVisibility.Namespace && waypoint.Namespace != service.Namespace)
        {
            return new("CrossNamespaceWaypointForbidden", $"serviceEntryVisibility is Namespace and Gateway {waypoint} is in another namespace, which binding would expose the ServiceEntry to", string.Empty);
        }

        return null;
    }
}
