namespace RulesMesh.Capture;

/// <summary>The Istio label keys and values the istio-profile capture rules read (docs/spec/istio-gatewayapi.md §6.1).</summary>
internal static class IstioLabels
{
    /// <summary>Names the waypoint Gateway.</summary>
    public const string UseWaypoint = "istio.io/use-waypoint";

    /// <summary>Names the waypoint's namespace, read from the same labels as <see cref="UseWaypoint"/>.</summary>
    public const string UseWaypointNamespace = "istio.io/use-waypoint-namespace";

    /// <summary>The <see cref="UseWaypoint"/> value that opts out (compared exactly, as istiod's binding code does).</summary>
    public const string OptOut = "none";

    /// <summary>Marks the resources istiod manages, such as a waypoint's own Service.</summary>
    public const string Managed = "gateway.istio.io/managed";
}
