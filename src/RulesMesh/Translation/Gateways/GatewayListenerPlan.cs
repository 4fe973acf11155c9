using RulesMesh.Capture;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;

namespace RulesMesh.Translation.Gateways;

/// <summary>What the listeners stage decided for an ordinary Gateway: the listeners it serves and its status.</summary>
/// <param name="Gateway">The Gateway.</param>
/// <param name="Served">The valid listeners that get Envoy configuration, in the Gateway's order.</param>
/// <param name="Status">
/// The Gateway status, every listener included; <c>attachedRoutes</c> is filled by <see cref="StatusWith"/> once routes
/// are attached.
/// </param>
public sealed record GatewayListenerPlan(GatewayCapture Gateway, IReadOnlyList<ServedListener> Served, GatewayStatus Status)
{
    /// <summary>The ports served, ascending; each becomes one Envoy listener.</summary>
    public IEnumerable<int> Ports => Served.Select(static l => l.Port).Distinct().Order();

    /// <summary>The served listeners on <paramref name="port"/>.</summary>
    public IReadOnlyList<ServedListener> On(int port) => Served.Where(l => l.Port == port).ToList();

    /// <summary>
    /// <see cref="Status"/> with every listener's <c>attachedRoutes</c>: the number of distinct routes that
    /// <paramref name="routes"/> attaches to it (a listener that is not served has none).
    /// </summary>
    public GatewayStatus StatusWith(IReadOnlyList<ListenerRoute> routes)
    {
        var counts = routes
            .GroupBy(static r => r.Listener.Name, StringComparer.Ordinal)
            .ToDictionary(static g => g.Key, static g => g.Select(static r => r.Route.Key).Distinct().Count(), StringComparer.Ordinal);
        return new GatewayStatus
        {
            Addresses = Status.Addresses,
            Conditions = Status.Conditions,
            AttachedListenerSets = Status.AttachedListenerSets,
            Listeners = Status.Listeners?.Select(l => new GatewayStatusListener
            {
                Name = l.Name,
                SupportedKinds = l.SupportedKinds,
                AttachedRoutes = counts.GetValueOrDefault(l.Name),
                Conditions = l.Conditions,
            }).ToList(),
        };
    }
}
