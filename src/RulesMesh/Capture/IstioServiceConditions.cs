using k8s.Models;
using RulesMesh.Mesh;
using RulesMesh.Rules;

namespace RulesMesh.Capture;

/// <summary>
/// The conditions istiod writes to a Service's or ServiceEntry's status (<c>model.ServiceInfo.GetConditions</c>,
/// docs/spec/istio-gatewayapi.md §6.4 item 6): <c>istio.io/WaypointBound</c>, <c>istio.io/WaypointMissing</c> and
/// <c>istio.io/VisibilityApplied</c>, in that order. The spec gives the types and reasons and the texts of the bound
/// message and the wildcard message; the other messages are ours, in words.
/// </summary>
internal static class IstioServiceConditions
{
    /// <summary>The condition saying whether the service is bound to its waypoint.</summary>
    public const string WaypointBound = "istio.io/WaypointBound";

    /// <summary>The condition saying a ServiceEntry needs a waypoint it does not have.</summary>
    public const string WaypointMissing = "istio.io/WaypointMissing";

    /// <summary>The condition saying which <c>serviceEntryVisibility</c> applied.</summary>
    public const string VisibilityApplied = "istio.io/VisibilityApplied";

    private const string IngressUseWaypoint = "istio.io/ingress-use-waypoint";

    /// <summary>Bound to <paramref name="waypoint"/> (and <paramref name="canary"/>, when valid).</summary>
    public static IReadOnlyList<V1Condition> Bound(MeshService service, NamespacedName waypoint, WaypointCanary? canary, RuleContext context)
    {
        var message = $"Successfully attached to waypoint {waypoint.Namespace}/{waypoint.Name}{IngressNote(service, context)}";
        if (canary is { } valid)
        {
            // The spec names a canary note without giving its text: this one is ours.
            message += $". Canary waypoint {valid.Waypoint.Namespace}/{valid.Waypoint.Name} receives {valid.Weight}% of the traffic";
        }

        return [.. Listed(service, Condition(service, WaypointBound, true, "WaypointAccepted", message), context)];
    }

    /// <summary>Refused (or, for a canary problem, bound to the primary waypoint but reported): <c>WaypointBound</c> False with istiod's <paramref name="reason"/>.</summary>
    public static IReadOnlyList<V1Condition> Refused(MeshService service, string reason, string message, bool bound, RuleContext context)
        => [.. Listed(service, Condition(service, WaypointBound, false, reason, message), context, checkMissing: !bound)];

    /// <summary>No waypoint and no binding error: only <c>WaypointMissing</c> and <c>VisibilityApplied</c> where they apply.</summary>
    public static IReadOnlyList<V1Condition> Unbound(MeshService service, RuleContext context)
        => [.. Listed(service, null, context)];

    private static IEnumerable<V1Condition> Listed(MeshService service, V1Condition? bound, RuleContext context, bool checkMissing = true)
    {
        if (bound is not null)
        {
            yield return bound;
        }

        if (service.Key.Kind != "ServiceEntry")
        {
            yield break;
        }

        if (checkMissing && bound?.Status != "True" && Missing(service) is { } missing)
        {
            yield return missing;
        }

        if (context.Settings.ServiceEntryVisibility is { } visibility and not ServiceEntryVisibility.None)
        {
            yield return Condition(service, VisibilityApplied, true, visibility.ToString(), $"serviceEntryVisibility {visibility} applies to this ServiceEntry");
        }
    }

    private static V1Condition? Missing(MeshService service)
    {
        if (service.Hostnames.Any(static host => host.StartsWith('*')))
        {
            return Condition(service, WaypointMissing, true, "NoWaypointForWildcardService", "ServiceEntry will not apply until it is bound to a valid waypoint.");
        }

        return IstioConnectStrategy.Races(service, out var strategy)
            ? Condition(service, WaypointMissing, true, "NoWaypointForRacingConnectStrategy", $"ServiceEntry with {IstioConnectStrategy.Annotation}={strategy} needs a waypoint for ambient clients.")
            : null;
    }

    /// <summary>
    /// The ingress note after the bound message, read from <c>istio.io/ingress-use-waypoint</c> on the service, else
    /// its namespace (Go <c>ParseBool</c>). The spec names the note without its text; these texts are as understood
    /// from Istio's <c>GetConditions</c>, not checked against the source.
    /// </summary>
    private static string IngressNote(MeshService service, RuleContext context)
    {
        var value = service.Labels.TryGetValue(IngressUseWaypoint, out var own) ? own
            : context.NamespaceLabels(service.Namespace).TryGetValue(IngressUseWaypoint, out var inherited) ? inherited
            : null;
        return value is null ? string.Empty
            : value is "1" or "t" or "T" or "true" or "TRUE" or "True" ? ". Ingress traffic will traverse the waypoint"
            : $". Ingress traffic is not using the waypoint, set the {IngressUseWaypoint} label to true if desired.";
    }

    private static V1Condition Condition(MeshService service, string type, bool status, string reason, string message)
        => GatewayConditions.Create(type, status, reason, message, service.Source.Metadata?.Generation is > 0 and var generation ? generation : null);
}
