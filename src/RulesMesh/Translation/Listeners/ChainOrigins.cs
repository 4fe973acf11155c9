using System.Runtime.CompilerServices;
using Envoy.Config.Listener.V3;
using RulesMesh.Mesh;

namespace RulesMesh.Translation.Listeners;

/// <summary>
/// Which service each filter chain was built for. <see cref="WaypointListenerRequest"/> carries only the chains, so the
/// chain rule notes each chain's service here and the listener rule reads it back to settle conflicting chains.
/// Keyed by the chain object itself, so nothing outlives the translation that built it.
/// </summary>
public static class ChainOrigins
{
    private static readonly ConditionalWeakTable<FilterChain, MeshService> Origins = new();

    /// <summary>Records that <paramref name="chain"/> serves <paramref name="service"/>.</summary>
    public static void Record(FilterChain chain, MeshService service) => Origins.AddOrUpdate(chain, service);

    /// <summary>The service <paramref name="chain"/> was built for, or null when no rule recorded it.</summary>
    public static MeshService? Of(FilterChain chain) => Origins.TryGetValue(chain, out var service) ? service : null;
}
