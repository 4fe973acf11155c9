using k8s;
using k8s.Models;
using RulesMesh.Loading;
using RulesMesh.Mesh;
using RulesMesh.Modeling;
using RulesMesh.Rules;

namespace RulesMesh.Engine;

/// <summary>
/// The translation engine: holds the input objects (keyed by group, kind, namespace and name), takes changes to them,
/// recomputes only what read the changed objects, and after each batch publishes an immutable
/// <see cref="EngineState"/> and the <see cref="ChangeSet"/> from the previous one. The batch commands are this engine
/// run once.
/// </summary>
/// <remarks>
/// One writer calls <see cref="Apply"/>; any number of readers take <see cref="Current"/> without locks. Rules need
/// nothing special to be incremental: the engine records what each derived item read through its context.
/// </remarks>
public sealed class TranslationEngine
{
    private readonly ModelRegistry _models;
    private readonly Dictionary<Type, ModelDescriptor> _byType = [];
    private readonly Dictionary<(string Group, string Kind), Type> _byKind = [];
    private readonly IncrementalTranslation _translation;
    private EngineState _current = EngineState.Empty;

    /// <summary>An engine with no objects yet.</summary>
    /// <param name="pipeline">The rules to run, e.g. <c>WaypointPipelines.Create(profile)</c>.</param>
    /// <param name="settings">The run's settings; the defaults when null.</param>
    /// <param name="models">The kinds it knows (which are namespaced, their group and kind); the built-in models when null.</param>
    /// <param name="gateway">Translate only this Gateway's proxy (waypoint or ordinary), as <c>translate --gateway</c>.</param>
    public TranslationEngine(RulePipeline pipeline, EngineSettings? settings = null, ModelRegistry? models = null, NamespacedName? gateway = null)
        : this(pipeline, settings, models, gateway, oneBatch: false)
    {
    }

    private TranslationEngine(RulePipeline pipeline, EngineSettings? settings, ModelRegistry? models, NamespacedName? gateway, bool oneBatch)
    {
        Pipeline = pipeline ?? throw new ArgumentNullException(nameof(pipeline));
        Settings = settings ?? new EngineSettings();
        _models = models ?? ModelRegistry.Default;
        foreach (var model in _models.Models.OrderByDescending(static m => m.Storage))
        {
            _byType.TryAdd(model.ClrType, model);
            _byKind.TryAdd((model.Group, model.Kind), model.ClrType);
        }

        _translation = new IncrementalTranslation(Pipeline, Settings, _models, gateway, watchesStore: !oneBatch);
    }

    /// <summary>
    /// An engine that takes one batch and no other (a batch command's run): its items do not record what they read of
    /// the store, which only a later batch's changes would need. Its state is the one a <see cref="TranslationEngine"/>
    /// gives for the same batch.
    /// </summary>
    internal static TranslationEngine ForOneBatch(RulePipeline pipeline, EngineSettings? settings, NamespacedName? gateway)
        => new(pipeline, settings, null, gateway, oneBatch: true);

    /// <summary>The rules this engine runs.</summary>
    public RulePipeline Pipeline { get; }

    /// <summary>The settings the rules read.</summary>
    public EngineSettings Settings { get; }

    /// <summary>The latest state; safe to read from any thread.</summary>
    public EngineState Current => Volatile.Read(ref _current);

    /// <summary>The input objects, in the order they were first added (a copy: safe to enumerate while the writer applies a batch).</summary>
    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects => [.. _translation.Store.Objects];

    /// <summary>Applies <paramref name="changes"/> in order (a later change to the same object wins) and recomputes what they affect.</summary>
    public EngineStep Apply(IEnumerable<ResourceChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var before = Current;
        var (after, touched) = _translation.Apply(changes, before, TypeOf);
        Volatile.Write(ref _current, after);
        return new EngineStep(after, () => StateDiff.Between(before, after, before.Revision == 0 ? null : touched));
    }

    /// <summary>The key of <paramref name="resource"/>, its namespace defaulted as the store does.</summary>
    public ResourceKey KeyOf(IKubernetesObject<V1ObjectMeta> resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (!_byType.TryGetValue(resource.GetType(), out var model))
        {
            return ResourceKey.Of(resource, namespaced: true);
        }

        var ns = model.Namespaced ? resource.Metadata?.NamespaceProperty ?? Store.ResourceStore.DefaultNamespace : string.Empty;
        return new ResourceKey(model.Group, model.Kind, ns, resource.Metadata?.Name ?? string.Empty);
    }

    private Type? TypeOf(ResourceKey key) => _byKind.GetValueOrDefault((key.Group, key.Kind));
}
