using RulesMesh.Capture;
using RulesMesh.Mesh;

namespace RulesMesh.Translation.Routes;

/// <summary>One attached route to translate into Envoy routes of a virtual host.</summary>
/// <param name="Route">The route and the parentRef that attached it.</param>
/// <param name="Index">The route's position among the virtual host's routes (the <c>route-&lt;i&gt;</c> in route names).</param>
/// <param name="VirtualHostName">The unsanitized virtual host name that route names start with.</param>
/// <param name="Waypoint">The waypoint.</param>
/// <param name="Service">The captured service the virtual host serves.</param>
public sealed record RouteRulesRequest(AttachedRoute Route, int Index, string VirtualHostName, GatewayCapture Waypoint, MeshService Service);
