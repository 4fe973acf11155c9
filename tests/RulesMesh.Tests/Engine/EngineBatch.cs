using k8s;
using k8s.Models;
using RulesMesh.Engine;

namespace RulesMesh.Tests.Engine;

/// <summary>The changes one <c>Apply</c> gets, what they do in words, and what must hold after it.</summary>
/// <param name="Changes">The changes, in order.</param>
/// <param name="Descriptions">One line per edit in the batch.</param>
/// <param name="ChangesNothing">Whether every edit of the batch changes nothing translation reads (the change set must be empty).</param>
/// <param name="ObjectsAfter">The engine's objects after the batch, in the engine's order, with their keys.</param>
internal sealed record EngineBatch(IReadOnlyList<ResourceChange> Changes, IReadOnlyList<string> Descriptions, bool ChangesNothing, IReadOnlyList<(ResourceKey Key, IKubernetesObject<V1ObjectMeta> Object)> ObjectsAfter);
