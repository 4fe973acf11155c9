using RulesMesh.Rules;

namespace RulesMesh;

/// <summary>
/// The built-in rule pipelines: every rule of this library, compiled per profile (<c>kgateway</c>, <c>istio</c>) by the
/// rules generator. <see cref="Capture.WaypointCapture"/> and <see cref="WaypointTranslator"/> run them.
/// </summary>
[RulePipelines]
public static partial class WaypointPipelines;
