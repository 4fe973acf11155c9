using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;
using RulesMesh.Capture;
using RulesMesh.Mesh;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using RulesMesh.Translation.Gateways;
using RulesMesh.Translation.Listeners;

namespace RulesMesh.Engine;

/// <summary>
/// One Gateway as a proxy: a waypoint's listener around its captured services' chains (kgateway), or its whole proxy
/// from a profile that builds waypoints in one piece (istio); an ordinary Gateway's listeners and route configurations
/// per port (kgateway's gateway translator); and the Gateway's status.
/// </summary>
internal sealed class ProxyItem(NamespacedName gateway)
    : KeyedItem<NamespacedName>(gateway, ItemOrder.Gateways)
{
    public override ItemOrder Order => new(Stage, Gateway.ToString(), 2, string.Empty, string.Empty, string.Empty, string.Empty);

    public NamespacedName Gateway => Key;

    public override object? Compute(ItemFrame frame)
    {
        if (frame.Engine.Gateway(frame, Gateway) is not { } captured)
        {
            return new ProxyOutput(null, null);
        }

        var status = captured.Listener?.Status;
        if (!captured.IsWaypoint)
        {
            return Ordinary(captured, frame) is { } translated ? new ProxyOutput(translated.Output, translated.Status) : new ProxyOutput(null, status);
        }

        if (!captured.ProducesOutput)
        {
            return new ProxyOutput(null, status);
        }

        if (frame.Engine.ProxiesBuiltWhole)
        {
            var proxy = frame.Pipeline.Stage<IWaypointProxiesRule>().WaypointProxies([captured], frame.Context)?.SingleOrDefault();
            return new ProxyOutput(
                proxy is null ? null : new GatewayOutput(
                    Gateway,
                    true,
                    proxy.Listeners,
                    [],
                    [.. proxy.Clusters.Select(static c => VersionedResource.Serialize(c.Name, c))],
                    [.. proxy.Endpoints.Select(static e => VersionedResource.Serialize(e.ClusterName, e))]),
                status);
        }

        var chains = new List<ServiceChain>();
        var routes = new List<RouteConfiguration>();
        foreach (var service in frame.Engine.ServedKeys(frame, Gateway))
        {
            var built = ChainItem.Of(frame, Gateway, service);
            chains.AddRange(built.Chains);
            routes.AddRange(built.Routes);
        }

        chains = [.. chains.OrderBy(static c => c.Chain.Name, StringComparer.Ordinal)];
        if (chains.Count == 0 || frame.Pipeline.Stage<IWaypointListenerBuildRule>().WaypointListener(new WaypointListenerRequest(captured, chains), frame.Context) is not { } listener)
        {
            return new ProxyOutput(null, status);
        }

        // The listener rule may drop a chain (two services claiming one VIP and port); its routes go with it, and the
        // Gateway's status says which service lost what (docs/spec/kgateway-waypoint.md §9.3).
        var kept = listener.FilterChains.Select(static c => c.Name).ToHashSet(StringComparer.Ordinal);
        if (status is not null && ChainConflictCondition.Of(chains, listener, GatewayConditions.ObservedGeneration(captured.Gateway)) is { } conflict)
        {
            status = WithCondition(status, conflict);
        }

        return new ProxyOutput(new GatewayOutput(Gateway, true, [listener], [.. routes.Where(r => kept.Contains(r.Name))], [], []), status);
    }

    // A copy: the listener stage's status is shared with every reader of the capture.
    private static GatewayStatus WithCondition(GatewayStatus status, k8s.Models.V1Condition condition) => new()
    {
        Addresses = status.Addresses,
        Conditions = [.. status.Conditions ?? [], condition],
        Listeners = status.Listeners,
        AttachedListenerSets = status.AttachedListenerSets,
    };

    /// <summary>
    /// An ordinary Gateway the profile translates: its served listeners and status, the routes attached to them, then
    /// per port the Envoy listener and route configuration. Null when the profile leaves the Gateway alone.
    /// </summary>
    private ProxyOutput? Ordinary(GatewayCapture gateway, ItemFrame frame)
    {
        var context = frame.Context;
        var pipeline = frame.Pipeline;
        if (pipeline.Stage<IGatewayClassRule>().TranslatesGateway(gateway, context) != true || pipeline.Stage<IGatewayListenersRule>().GatewayListeners(gateway, context) is not { } plan)
        {
            return null;
        }

        var attached = pipeline.Stage<IListenerRoutesRule>().ListenerRoutes(plan, context) ?? [];
        var listeners = new List<Listener>();
        var routes = new List<RouteConfiguration>();
        foreach (var port in plan.Ports)
        {
            var request = new GatewayPortRequest(plan, port, plan.On(port), attached.Where(r => r.Listener.Port == port).ToList());
            if (pipeline.Stage<IGatewayListenerRule>().GatewayListener(request, context) is not { } listener)
            {
                continue;
            }

            listeners.Add(listener);
            if (pipeline.Stage<IGatewayRouteConfigurationRule>().GatewayRouteConfiguration(request, context) is { } configuration)
            {
                routes.Add(configuration);
            }
        }

        return new ProxyOutput(new GatewayOutput(Gateway, false, listeners, routes, [], []), plan.StatusWith(attached));
    }

    public override bool SameValue(object? before, object? after) => ReferenceEquals(before, after);
}
