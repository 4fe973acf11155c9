using RulesMesh.Mesh;

namespace RulesMesh.Capture;

/// <summary>
/// The <c>istio.io/connect-strategy</c> annotation of a ServiceEntry (docs/spec/istio-gatewayapi.md §4.2): with
/// <c>RACE_FIRST_TCP_CONNECT</c>, compared case-insensitively, a DNS entry races its addresses (a <c>LOGICAL_DNS</c>
/// cluster instead of <c>STRICT_DNS</c>), which ambient clients reach only through a waypoint.
/// </summary>
public static class IstioConnectStrategy
{
    /// <summary>The annotation.</summary>
    public const string Annotation = "istio.io/connect-strategy";

    /// <summary>The strategy that races the addresses.</summary>
    public const string RaceFirstTcpConnect = "RACE_FIRST_TCP_CONNECT";

    /// <summary>Whether <paramref name="service"/> asks to race its addresses, with the annotation's value as written.</summary>
    public static bool Races(MeshService service, out string written)
    {
        written = service.Annotations.TryGetValue(Annotation, out var value) ? value : string.Empty;
        return string.Equals(written, RaceFirstTcpConnect, StringComparison.OrdinalIgnoreCase);
    }
}
