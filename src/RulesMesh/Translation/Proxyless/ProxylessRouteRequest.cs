using RulesMesh.Mesh;
using EnvoyRoute = Envoy.Config.Route.V3.Route;

namespace RulesMesh.Translation.Proxyless;

/// <summary>One Envoy route the route rules made for a service, to be turned into what a proxyless gRPC client accepts.</summary>
/// <param name="Service">The service whose virtual host it belongs to.</param>
/// <param name="Source">The HTTPRoute or GRPCRoute it came from (<c>Kind ns/name</c>), which warnings name.</param>
/// <param name="Route">The route (a copy the rule may change).</param>
public sealed record ProxylessRouteRequest(MeshService Service, string Source, EnvoyRoute Route) : IRuleSubject
{
    /// <inheritdoc />
    public ObjectKey Key => Service.Key;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Labels => Service.Labels;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Annotations => Service.Annotations;
}
