using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;
using Envoy.Extensions.Filters.Network.HttpConnectionManager.V3;
using RulesMesh.Capture;
using RulesMesh.Mesh;

namespace RulesMesh.Translation.Listeners;

/// <summary>One filter chain to build: a captured service's port on a waypoint.</summary>
/// <param name="Waypoint">The waypoint.</param>
/// <param name="Service">The captured service (it has at least one VIP).</param>
/// <param name="Port">The port the chain matches.</param>
/// <param name="VirtualHost">For an HTTP port, the virtual host its route configuration serves.</param>
/// <param name="HttpAuthorization">HTTP filters placed before the router (RBAC).</param>
/// <param name="NetworkAuthorization">Network filters placed before tcp_proxy (RBAC).</param>
public sealed record ServiceChainRequest(
    GatewayCapture Waypoint,
    MeshService Service,
    ServicePort Port,
    VirtualHost? VirtualHost,
    IReadOnlyList<HttpFilter> HttpAuthorization,
    IReadOnlyList<Filter> NetworkAuthorization);
