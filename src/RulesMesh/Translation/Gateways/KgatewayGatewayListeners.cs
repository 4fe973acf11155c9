using k8s.Models;
using RulesMesh.Capture;
using RulesMesh.Loading;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using RulesMesh.Rules;

namespace RulesMesh.Translation.Gateways;

/// <summary>
/// Which listeners of an ordinary Gateway get Envoy configuration, and the Gateway status, as Gateway API listener
/// validation and kgateway's reporter have them:
/// <list type="bullet">
/// <item>an <c>HTTP</c> listener is served; it supports HTTPRoute and GRPCRoute, narrowed by <c>allowedRoutes.kinds</c>
/// (a listed kind outside those makes ResolvedRefs false, reason InvalidRouteKinds; the listener is still served);</item>
/// <item>listeners on one port with different protocols are all conflicted (Conflicted true, ProtocolConflict), and
/// HTTP listeners on one port with the same hostname (no hostname counts as one) too (HostnameConflict); a conflicted
/// listener is not accepted, not programmed and not served;</item>
/// <item>any other protocol (HTTPS, TLS, TCP, UDP) is not accepted (UnsupportedProtocol) and gets a warning: RulesMesh
/// translates the HTTP listeners of ordinary Gateways only;</item>
/// <item>a listener's <c>tls.certificateRefs</c> are checked for ResolvedRefs (<see cref="ListenerCertificateRefs"/>),
/// even on a listener that is not served;</item>
/// <item>the Gateway is accepted when at least one listener is served, else Accepted false, ListenersNotValid, and
/// Programmed false, Invalid; with
/// conflicted listeners it is accepted with reason ListenersNotValid naming them (Gateway API: "MUST set a
/// ListenersNotValid condition ... when the Gateway contains Conflicted Listeners whether or not they accept the
/// Gateway").</item>
/// </list>
/// Conditions not set here get their healthy values, in kgateway's order and wording (as on waypoints).
/// <c>attachedRoutes</c> counts the routes attached once routes are known (<see cref="GatewayListenerPlan.StatusWith"/>).
/// </summary>
[Rule("kgateway.gateways.listeners", Order = 410,
    Description = "An ordinary Gateway serves its valid HTTP listeners (HTTPRoute and GRPCRoute); conflicting protocols or hostnames on a port and other protocols are reported in its status and not served.")]
public sealed class KgatewayGatewayListeners : IGatewayListenersRule
{
    /// <summary>The protocol of the listeners served.</summary>
    public const string HttpProtocol = "HTTP";

    /// <summary>kgateway's message for listeners on one port with different protocols.</summary>
    public const string ProtocolConflictMessage = "Found conflicting protocols on listeners, a single port can only contain listeners with compatible protocols";

    /// <summary>kgateway's message for listeners on one port with the same hostname.</summary>
    public const string HostnameConflictMessage = "Found conflicting hostnames on listeners, all listeners on a single port must have unique hostnames";

    /// <summary>The route kinds an HTTP listener offers.</summary>
    public static IReadOnlyList<string> HttpRouteKinds { get; } = ["HTTPRoute", "GRPCRoute"];

    /// <inheritdoc />
    public GatewayListenerPlan? GatewayListeners(GatewayCapture gateway, TranslationContext context)
    {
        var listeners = gateway.Gateway.Spec?.Listeners ?? [];
        var generation = GatewayConditions.ObservedGeneration(gateway.Gateway);
        var conflicts = Conflicts(listeners);
        var served = new List<ServedListener>();
        var statuses = new List<GatewayStatusListener>();
        foreach (var listener in listeners)
        {
            var set = new List<V1Condition>();
            var kinds = new List<GatewayKind>();
            if (conflicts.TryGetValue(listener, out var conflict))
            {
                // Gateway API: "ALL indistinct Listeners must not be accepted for processing". PortUnavailable is
                // Gateway API's reason for a listener not accepted for its port; Conflicted carries the conflict's own.
                set.Add(GatewayConditions.Create("Accepted", false, "PortUnavailable", conflict.Message, generation));
                set.Add(GatewayConditions.Create("Conflicted", true, conflict.Reason, conflict.Message, generation));
                set.Add(GatewayConditions.Create("Programmed", false, "Invalid", conflict.Message, generation));
            }
            else if (listener.Protocol != HttpProtocol)
            {
                var message = $"Protocol {listener.Protocol} is not supported: RulesMesh translates the {HttpProtocol} listeners of ordinary Gateways only";
                set.Add(GatewayConditions.Create("Accepted", false, "UnsupportedProtocol", message, generation));
                set.Add(GatewayConditions.Create("Programmed", false, "Invalid", message, generation));
                var field = FieldPath.Index("spec.listeners", listeners.IndexOf(listener));
                context.Warn(new TranslationWarning($"Gateway {gateway.Name}", $"listener {listener.Name}: {message}; it gets no Envoy listener.") { Resource = context.KeyOf(gateway.Gateway), FieldPath = field });
            }
            else
            {
                kinds = SupportedRouteKinds.For(listener, HttpRouteKinds);
                var invalid = (listener.AllowedRoutes?.Kinds ?? [])
                    .Where(k => (k.Group ?? SupportedRouteKinds.GatewayApiGroup) != SupportedRouteKinds.GatewayApiGroup || !HttpRouteKinds.Contains(k.Kind))
                    .Select(static k => $"{k.Group ?? SupportedRouteKinds.GatewayApiGroup}/{k.Kind}")
                    .ToList();
                if (invalid.Count > 0)
                {
                    set.Add(GatewayConditions.Create("ResolvedRefs", false, "InvalidRouteKinds", $"Invalid route kinds for an {HttpProtocol} listener: {string.Join(", ", invalid)}", generation));
                }

                served.Add(new ServedListener(listener, kinds.Select(static k => k.Kind).ToList()));
            }

            if (set.All(static c => c.Type != "ResolvedRefs") && ListenerCertificateRefs.Problem(gateway, listener, context) is { } unresolved)
            {
                set.Add(GatewayConditions.Create("ResolvedRefs", false, unresolved.Reason, unresolved.Message, generation));
            }

            statuses.Add(new GatewayStatusListener
            {
                Name = listener.Name,
                SupportedKinds = kinds,
                AttachedRoutes = 0,
                Conditions = KgatewayStatusDefaults.Listener(generation, set),
            });
        }

        // Gateway API: a Gateway with conflicted listeners says so (ListenersNotValid) whether or not it is accepted.
        var conflicted = listeners.Where(conflicts.ContainsKey).Select(static l => l.Name).ToList();
        // Gateway API: with no distinct listener the Gateway "must be rejected from processing as a whole", so nothing of
        // it is programmed either.
        var conditions = served.Count == 0
            ? KgatewayStatusDefaults.Gateway(
                generation,
                GatewayConditions.Create("Accepted", false, "ListenersNotValid", "No listener is valid", generation),
                GatewayConditions.Create("Programmed", false, "Invalid", "No listener is valid, so none is programmed", generation))
            : conflicted.Count > 0
                ? KgatewayStatusDefaults.Gateway(generation, GatewayConditions.Create("Accepted", true, "ListenersNotValid", $"Listeners {string.Join(", ", conflicted)} are conflicted and not served; the other listeners are accepted", generation))
                : KgatewayStatusDefaults.Gateway(generation);
        return new GatewayListenerPlan(gateway, served, new GatewayStatus { Conditions = conditions, Listeners = statuses });
    }

    /// <summary>The conflicted listeners, each with its reason and message.</summary>
    private static Dictionary<GatewayListener, (string Reason, string Message)> Conflicts(IReadOnlyList<GatewayListener> listeners)
    {
        var conflicts = new Dictionary<GatewayListener, (string Reason, string Message)>(ReferenceEqualityComparer.Instance);
        foreach (var port in listeners.GroupBy(static l => l.Port))
        {
            if (port.Select(static l => l.Protocol).Distinct(StringComparer.Ordinal).Count() > 1)
            {
                foreach (var listener in port)
                {
                    conflicts[listener] = ("ProtocolConflict", ProtocolConflictMessage);
                }

                continue;
            }

            foreach (var sameHost in port.GroupBy(static l => l.Hostname ?? string.Empty, StringComparer.Ordinal).Where(static g => g.Count() > 1))
            {
                foreach (var listener in sameHost)
                {
                    conflicts[listener] = ("HostnameConflict", HostnameConflictMessage);
                }
            }
        }

        return conflicts;
    }
}
