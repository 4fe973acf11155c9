namespace RulesMesh.Translation.Routes;

/// <summary>
/// The controller that writes route parent statuses, as <see cref="RouteStatusWriter"/> spells them: its name and the
/// messages of its positive Accepted and ResolvedRefs conditions, and whether it adds kgateway's Programmed condition.
/// </summary>
/// <param name="Name">The <c>controllerName</c> of every parent status.</param>
/// <param name="AcceptedMessage">The message of <c>Accepted=True</c>.</param>
/// <param name="ResolvedMessage">The message of <c>ResolvedRefs=True</c>.</param>
/// <param name="ReportsProgrammed">Whether each parent also gets <c>kgateway.dev/Programmed</c>.</param>
public sealed record RouteStatusController(string Name, string AcceptedMessage, string ResolvedMessage, bool ReportsProgrammed)
{
    /// <summary>kgateway's controller, named <paramref name="name"/>: Accepted, ResolvedRefs and <c>kgateway.dev/Programmed</c>.</summary>
    public static RouteStatusController Kgateway(string name) => new(name, "Successfully accepted Route", "Successfully resolved all references", ReportsProgrammed: true);

    /// <summary>
    /// istiod's mesh controller (<c>istio.io/mesh-controller</c>), which reports the routes of Service, ServiceEntry and
    /// waypoint parents: Accepted and ResolvedRefs only, with istiod's messages.
    /// </summary>
    public static RouteStatusController IstioMesh { get; } = new("istio.io/mesh-controller", "Route was valid", "All references resolved", ReportsProgrammed: false);
}
