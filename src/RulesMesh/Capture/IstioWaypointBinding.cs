using RulesMesh.Mesh;
using RulesMesh.Rules;

namespace RulesMesh.Capture;

/// <summary>
/// istiod's checks once a label has named a waypoint (<c>fetchWaypointForTarget</c> and <c>fetchWaypointForService</c>,
/// docs/spec/istio-gatewayapi.md §6.3): the Gateway must exist and be ready, take service traffic, and admit the object's
/// namespace. A failed check leaves the object without a waypoint and is final: no later label is consulted.
/// </summary>
internal static class IstioWaypointBinding
{
    /// <summary>
    /// <paramref name="named"/> when it is not a capture or every check passes (its reason extended); otherwise "not
    /// captured", with istiod's reason. <paramref name="afterMissing"/> says what a missing waypoint does not lead to.
    /// </summary>
    public static CaptureVerdict Check(CaptureVerdict named, MeshService service, RuleContext context, string afterMissing)
    {
        if (named.Outcome != CaptureOutcome.Captured || named.Waypoint is not { } waypoint)
        {
            return named;
        }

        var gateway = context.FindGateway(waypoint);
        if (gateway is null)
        {
            return CaptureVerdict.NotCaptured($"{named.Reason}, but there is no Gateway {waypoint}: istiod reports WaypointIsNotReady{afterMissing}");
        }

        if (gateway.Status?.Addresses is not { Count: > 0 })
        {
            return CaptureVerdict.NotCaptured($"{named.Reason}, but Gateway {waypoint} has no status.addresses yet: istiod reports WaypointIsNotReady{afterMissing}");
        }

        var trafficType = IstioTrafficType.Of(gateway, context);
        if (!trafficType.TakesServices)
        {
            return CaptureVerdict.NotCaptured($"{named.Reason}, but for Gateway {waypoint} {trafficType.Source}, which takes no service traffic: istiod reports UnsupportedTrafficType");
        }

        if (AllowedRoutesNamespaces.Denial(gateway, IstioBoundListener.Find(gateway, context), service.Namespace, context) is { } denial)
        {
            return CaptureVerdict.NotCaptured($"{named.Reason}, but on Gateway {waypoint} {denial}: istiod reports AttachmentDenied");
        }

        return CaptureVerdict.Captured(waypoint, $"{named.Reason}; Gateway {waypoint} is ready and admits namespace {service.Namespace}");
    }
}
