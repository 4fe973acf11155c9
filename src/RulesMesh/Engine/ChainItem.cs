using RulesMesh.Mesh;
using RulesMesh.Translation.Listeners;
using RulesMesh.Translation.Policy;
using RulesMesh.Translation.Routes;

namespace RulesMesh.Engine;

/// <summary>
/// kgateway's waypoint translator for one captured service: the routes attached to the waypoint and to the service,
/// the authorization policies, then one filter chain per port (with a virtual host for HTTP ports).
/// </summary>
internal sealed class ChainItem(NamespacedName waypoint, ObjectKey service)
    : KeyedItem<(NamespacedName Waypoint, ObjectKey Service)>((waypoint, service), ItemOrder.Gateways)
{
    public override ItemOrder Order => new(Stage, Key.Waypoint.ToString(), 1, Key.Service.Kind, Key.Service.Namespace, Key.Service.Name, Key.Service.Group);

    public override object? Compute(ItemFrame frame)
    {
        var chains = new List<ServiceChain>();
        var routes = new List<Envoy.Config.Route.V3.RouteConfiguration>();
        if (frame.Engine.Gateway(frame, Key.Waypoint) is not { } gateway || frame.Engine.Service(frame, Key.Service) is not { } captured)
        {
            return new ServiceChains(chains, routes);
        }

        var context = frame.Context;
        var pipeline = frame.Pipeline;
        var model = captured.Service;
        IReadOnlyList<AttachedRoute> attached = [.. GatewayRoutesItem.Of(frame, Key.Waypoint), .. pipeline.Stage<IServiceRoutesRule>().ServiceRoutes(model, context) ?? []];
        var policy = new PolicyRequest(gateway, model);
        var httpAuthorization = pipeline.Stage<IHttpAuthorizationRule>().HttpAuthorization(policy, context) ?? [];
        var networkAuthorization = pipeline.Stage<INetworkAuthorizationRule>().NetworkAuthorization(policy, context) ?? [];
        foreach (var port in model.Ports)
        {
            var virtualHost = port.IsHttp ? pipeline.Stage<IVirtualHostRule>().ServiceVirtualHost(new VirtualHostRequest(gateway, model, port, attached), context) : null;
            if (pipeline.Stage<IFilterChainRule>().ServiceFilterChain(new ServiceChainRequest(gateway, model, port, virtualHost, httpAuthorization, networkAuthorization), context) is not { } chain)
            {
                continue;
            }

            chains.Add(chain);
            if (chain.Routes is not null)
            {
                routes.Add(chain.Routes);
            }
        }

        return new ServiceChains(chains, routes);
    }

    public override bool SameValue(object? before, object? after) => before is ServiceChains a && after is ServiceChains b && a.Same(b);

    public static ServiceChains Of(ItemFrame frame, NamespacedName waypoint, ObjectKey service) => (ServiceChains)frame.Get(new ChainItem(waypoint, service))!;
}
