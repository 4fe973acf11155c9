namespace RulesMesh.Translation.Istio;

/// <summary>
/// istiod's destination weights (<c>buildHTTPDestination</c>, <c>buildTCPDestination</c>; docs/spec/istio-waypoint-output.md
/// §4.1): a backendRef of weight 0 is dropped, and when a single one is left it takes all traffic, whatever its weight.
/// </summary>
internal static class IstioBackendWeights
{
    /// <summary>Whether a backendRef of <paramref name="weight"/> (1 when unset) is kept.</summary>
    public static bool Kept(int? weight) => (weight ?? 1) > 0;

    /// <summary>The weight of a kept backendRef when <paramref name="kept"/> backendRefs of its rule are kept.</summary>
    public static uint Of(int? weight, int kept) => kept == 1 ? 1u : (uint)(weight ?? 1);
}
