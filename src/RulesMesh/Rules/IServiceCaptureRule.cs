using RulesMesh.Mesh;

namespace RulesMesh.Rules;

/// <summary>Capture stage: decides which waypoint, if any, a service uses. The first rule that does not abstain decides.</summary>
public interface IServiceCaptureRule
{
    /// <summary>Judges one service.</summary>
    CaptureVerdict Evaluate(MeshService service, RuleContext context);
}
