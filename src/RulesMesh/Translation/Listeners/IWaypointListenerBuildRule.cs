using Envoy.Config.Listener.V3;
using RulesMesh.Rules;

namespace RulesMesh.Translation.Listeners;

/// <summary>Listeners stage: the waypoint's Envoy listener around its filter chains.</summary>
[StageContract(RuleStage.Listeners)]
public interface IWaypointListenerBuildRule
{
    /// <summary>The listener, or null to leave it to the next rule.</summary>
    Listener? WaypointListener(WaypointListenerRequest request, TranslationContext context);
}
