using RulesMesh.Mesh;
using RulesMesh.Rules;

namespace RulesMesh.Capture;

/// <summary>Capture stage: decides which waypoint, if any, a service uses. The first verdict that decides wins.</summary>
[StageContract(RuleStage.Capture)]
public interface IServiceCaptureRule
{
    /// <summary>Judges one service.</summary>
    CaptureVerdict Evaluate(MeshService service, RuleContext context);
}
