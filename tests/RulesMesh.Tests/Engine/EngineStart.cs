using k8s;
using k8s.Models;
using RulesMesh.Mesh;
using RulesMesh.Rules;

namespace RulesMesh.Tests.Engine;

/// <summary>Where a property run starts: the input objects, the settings and the Gateway the engine is limited to, if any.</summary>
/// <param name="Name">What the start is, for failure reports (a conformance case or the synthetic mesh's size).</param>
/// <param name="Objects">The objects, as the loader read them.</param>
/// <param name="Settings">The settings of the run (the conformance harness's for its cases).</param>
/// <param name="Gateway">The one Gateway translated (<c>translate --gateway</c>), or null for all.</param>
internal sealed record EngineStart(string Name, IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects, EngineSettings Settings, NamespacedName? Gateway)
{
    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Objects.Count} objects{(Gateway is { } g ? $", --gateway {g}" : string.Empty)})";
}
