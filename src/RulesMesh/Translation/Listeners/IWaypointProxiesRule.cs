using RulesMesh.Capture;
using RulesMesh.Rules;

namespace RulesMesh.Translation.Listeners;

/// <summary>
/// Listeners stage: a profile that builds each waypoint's proxy in one piece (its listeners, clusters and endpoints)
/// rather than through kgateway's per-service backends, filter chains and one PROXY-protocol listener.
/// </summary>
[StageContract(RuleStage.Listeners)]
public interface IWaypointProxiesRule
{
    /// <summary>
    /// The proxies of <paramref name="waypoints"/> (the translated waypoints that produce output), or null to leave the
    /// waypoints to the per-service stages. A non-null result, even empty, is all the waypoint configuration the run emits.
    /// </summary>
    IReadOnlyList<WaypointProxy>? WaypointProxies(IReadOnlyList<GatewayCapture> waypoints, TranslationContext context);
}
