namespace RulesMesh.Tests.Engine;

/// <summary>One generated run: a start, the profile, and the edits applied one batch after another.</summary>
/// <param name="Start">The objects the engine starts from.</param>
/// <param name="Profile">The rule profile (kgateway or istio).</param>
/// <param name="Edits">The edits, in order.</param>
internal sealed record EngineScenario(EngineStart Start, string Profile, IReadOnlyList<MeshEdit> Edits);
