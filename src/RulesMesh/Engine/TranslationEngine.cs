using k8s;
using k8s.Models;
using RulesMesh.Loading;
using RulesMesh.Mesh;
using RulesMesh.Rules;
using RulesMesh.Store;

namespace RulesMesh.Engine;

/// <summary>
/// The translation engine: holds the input objects (keyed by group, kind, namespace and name), takes changes to them,
/// and after each batch publishes an immutable <see cref="EngineState"/> and the <see cref="ChangeSet"/> from the
/// previous one. The batch commands are this engine run once.
/// </summary>
/// <remarks>
/// One writer calls <see cref="Apply"/>; any number of readers take <see cref="Current"/> without locks.
/// </remarks>
/// <param name="pipeline">The rules to run, e.g. <c>WaypointPipelines.Create(profile)</c>.</param>
/// <param name="settings">The run's settings; the defaults when null.</param>
/// <param name="models">Which kinds are namespaced; the built-in models when null.</param>
/// <param name="gateway">Translate only this Gateway's proxy (waypoint or ordinary), as <c>translate --gateway</c>.</param>
public sealed class TranslationEngine(RulePipeline pipeline, EngineSettings? settings = null, ModelRegistry? models = null, NamespacedName? gateway = null)
{
    private readonly ModelRegistry _models = models ?? ModelRegistry.Default;
    private readonly Dictionary<ResourceKey, (long Order, IKubernetesObject<V1ObjectMeta> Object)> _objects = [];
    private long _nextOrder;
    private EngineState _current = EngineState.Empty;

    /// <summary>The rules this engine runs.</summary>
    public RulePipeline Pipeline { get; } = pipeline ?? throw new ArgumentNullException(nameof(pipeline));

    /// <summary>The settings the rules read.</summary>
    public EngineSettings Settings { get; } = settings ?? new EngineSettings();

    /// <summary>The latest state; safe to read from any thread.</summary>
    public EngineState Current => Volatile.Read(ref _current);

    /// <summary>The input objects, in the order they were first added.</summary>
    public IEnumerable<IKubernetesObject<V1ObjectMeta>> Objects => _objects.Values.OrderBy(static o => o.Order).Select(static o => o.Object);

    /// <summary>Applies <paramref name="changes"/> in order (a later change to the same object wins) and recomputes what they affect.</summary>
    public EngineStep Apply(IEnumerable<ResourceChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var change in changes)
        {
            switch (change)
            {
                case ResourceChange.Upsert upsert:
                    var key = KeyOf(upsert.Object);
                    _objects[key] = (_objects.TryGetValue(key, out var existing) ? existing.Order : _nextOrder++, upsert.Object);
                    break;
                case ResourceChange.Delete delete:
                    _objects.Remove(delete.Key);
                    break;
            }
        }

        var before = Current;
        var outputs = new FullTranslation(Pipeline, Settings).Run(new ResourceStore(Objects, _models), gateway);
        var after = StateBuilder.From(before.Revision + 1, outputs);
        Volatile.Write(ref _current, after);
        return new EngineStep(after, () => StateDiff.Between(before, after));
    }

    /// <summary>The key of <paramref name="resource"/>, its namespace defaulted as the store does.</summary>
    public ResourceKey KeyOf(IKubernetesObject<V1ObjectMeta> resource)
        => ResourceKey.Of(resource, _models.Models.FirstOrDefault(m => m.ClrType == resource.GetType())?.Namespaced ?? true);
}
