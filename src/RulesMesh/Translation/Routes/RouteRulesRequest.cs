using RulesMesh.Capture;
using RulesMesh.Mesh;

namespace RulesMesh.Translation.Routes;

/// <summary>One attached route to translate into Envoy routes of a virtual host.</summary>
/// <param name="Route">The route and the parentRef that attached it.</param>
/// <param name="Index">
/// The position in the virtual host of the first Envoy route this route adds. kgateway numbers every Envoy route of the
/// virtual host (the <c>route-&lt;i&gt;</c> in route names), so a route's k-th rule-match is <c>Index + k</c>.
/// </param>
/// <param name="VirtualHostName">
/// The virtual host name that route names start with: unsanitized on a waypoint, the (sanitized) Envoy name on an
/// ordinary Gateway's listener, as kgateway names them.
/// </param>
/// <param name="Waypoint">The Gateway: the waypoint, or the ordinary Gateway whose listener the virtual host belongs to; null for proxyless gRPC clients, which reach the service with no Gateway between.</param>
/// <param name="Service">The captured service the virtual host serves; null for an ordinary Gateway's virtual host, which serves hostnames.</param>
public sealed record RouteRulesRequest(AttachedRoute Route, int Index, string VirtualHostName, GatewayCapture? Waypoint, MeshService? Service)
{
    /// <summary>
    /// The port of the ordinary Gateway's listeners the virtual host serves (what a redirect without a port derives its
    /// port from); null elsewhere. A property rather than a parameter, so that rules built against the five-parameter
    /// record keep working.
    /// </summary>
    public int? ListenerPort { get; init; }
}
