namespace RulesMesh.Translation.Gateways;

/// <summary>One port of an ordinary Gateway to build an Envoy listener and route configuration for.</summary>
/// <param name="Plan">The Gateway's served listeners and status.</param>
/// <param name="Port">The port.</param>
/// <param name="Listeners">The served listeners on that port (never empty).</param>
/// <param name="Routes">The routes attached to those listeners, oldest first.</param>
public sealed record GatewayPortRequest(GatewayListenerPlan Plan, int Port, IReadOnlyList<ServedListener> Listeners, IReadOnlyList<ListenerRoute> Routes);
