using RulesMesh.Models.GatewayNetworkingK8sIo.V1;

namespace RulesMesh.Translation.Gateways;

/// <summary>A valid listener of an ordinary Gateway, with the route kinds it accepts.</summary>
/// <param name="Listener">The listener as written.</param>
/// <param name="RouteKinds">The route kinds it supports (the implementation's, narrowed by <c>allowedRoutes.kinds</c>).</param>
public sealed record ServedListener(GatewayListener Listener, IReadOnlyList<string> RouteKinds)
{
    /// <summary>The listener's name.</summary>
    public string Name => Listener.Name;

    /// <summary>The listener's port.</summary>
    public int Port => Listener.Port;

    /// <summary>The listener's hostname (possibly a wildcard such as <c>*.example.com</c>), or null when it matches every host.</summary>
    public string? Hostname => Listener.Hostname is { Length: > 0 } hostname ? hostname : null;
}
