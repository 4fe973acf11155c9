using RulesMesh.Models.GatewayNetworkingK8sIo.V1;

namespace RulesMesh.Translation.Routes;

/// <summary>
/// The Envoy <c>port_redirect</c> of a RequestRedirect on an ordinary Gateway's HTTP listener, as HTTPRoute's
/// <c>requestRedirect.port</c> defines it. Without a port, the redirect port MUST be the scheme's well-known port
/// (http 80, https 443) when a scheme is given, else the listener's port. The port SHOULD NOT appear in
/// <c>Location</c> when it is the well-known port of the redirect's scheme (the listener's, http, when none is given).
/// </summary>
/// <remarks>
/// Envoy writes no port when it takes the host from <c>host_redirect</c>; otherwise, without <c>port_redirect</c>, it
/// keeps the request's Host, which on a listener on port 80 names no other port (and whose <c>:80</c> it drops when
/// the scheme becomes https). So the port is left out exactly in those cases, and set everywhere else.
/// </remarks>
internal static class GatewayRedirectPort
{
    private const int HttpPort = 80;

    /// <summary>The <c>port_redirect</c> for <paramref name="filter"/> on a listener of port <paramref name="listenerPort"/>, or null to set none.</summary>
    public static uint? For(HTTPRouteFilterRequestRedirect filter, int listenerPort)
    {
        var scheme = filter.Scheme?.Value ?? "http";
        var port = filter.Port ?? (filter.Scheme is null ? listenerPort : WellKnownPort(scheme) ?? listenerPort);
        var hostWithoutOtherPort = !string.IsNullOrEmpty(filter.Hostname) || listenerPort == HttpPort;
        return port == WellKnownPort(scheme) && hostWithoutOtherPort ? null : (uint)port;
    }

    private static int? WellKnownPort(string scheme) => scheme switch
    {
        "http" => HttpPort,
        "https" => 443,
        _ => null,
    };
}
