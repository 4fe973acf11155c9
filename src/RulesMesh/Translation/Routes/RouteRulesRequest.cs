using RulesMesh.Capture;
using RulesMesh.Mesh;

namespace RulesMesh.Translation.Routes;

/// <summary>One attached route to translate into Envoy routes of a virtual host.</summary>
/// <param name="Route">The route and the parentRef that attached it.</param>
/// <param name="Index">
/// The position in the virtual host of the first Envoy route this route adds. kgateway numbers every Envoy route of the
/// virtual host (the <c>route-&lt;i&gt;</c> in route names), so a route's k-th rule-match is <c>Index + k</c>.
/// </param>
/// <param name="VirtualHostName">The unsanitized virtual host name that route names start with.</param>
/// <param name="Waypoint">The waypoint.</param>
/// <param name="Service">The captured service the virtual host serves.</param>
public sealed record RouteRulesRequest(AttachedRoute Route, int Index, string VirtualHostName, GatewayCapture Waypoint, MeshService Service);
