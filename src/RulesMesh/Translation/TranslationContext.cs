using k8s;
using k8s.Models;
using RulesMesh.Capture;
using RulesMesh.Rules;
using RulesMesh.Store;
using RulesMesh.Mesh;

namespace RulesMesh.Translation;

/// <summary>What translation rules may read and report to: the resources, the capture result, the backends, settings and the pipeline itself.</summary>
/// <remarks>
/// The engine gives every derived item (a service's clusters, a waypoint's chain for a service, …) a context of its
/// own, whose reads it records: that is how it recomputes only what a change touches. Rules read through the context
/// and nothing else, and keep nothing between calls.
/// </remarks>
public sealed class TranslationContext
{
    private readonly ITranslationScope? _scope;

    // Made on first use, the lock as well: the engine makes a context per item it computes, and most neither warn nor,
    // with a scope that keeps indexes and derived values itself, index or derive here.
    private Lock? _gate;
    private List<TranslationWarning>? _warnings;
    private HashSet<TranslationWarning>? _warned;
    private Dictionary<Type, object>? _indexes;
    private Dictionary<(object Compute, object Key), object?>? _derived;

    internal TranslationContext(ResourceStore store, CaptureResult capture, RulePipeline pipeline, RuleContext rules, ITranslationScope? scope = null)
    {
        Store = store;
        Capture = capture;
        Pipeline = pipeline;
        Rules = rules;
        _scope = scope;
    }

    private Lock Gate => _gate ?? Interlocked.CompareExchange(ref _gate, new Lock(), null) ?? _gate;

    /// <summary>Every input resource.</summary>
    public ResourceStore Store { get; }

    /// <summary>Which Gateways are waypoints and which services each captures.</summary>
    public CaptureResult Capture { get; }

    /// <summary>The pipeline being run, so a rule can call another stage (e.g. naming a cluster).</summary>
    public RulePipeline Pipeline { get; }

    /// <summary>Settings and namespace lookups shared with the capture rules.</summary>
    public RuleContext Rules { get; }

    /// <summary>Settings of this run.</summary>
    public EngineSettings Settings => Rules.Settings;

    /// <summary>
    /// The index of type <typeparamref name="T"/> over the resources (routes by parent, DestinationRules by host, …):
    /// <paramref name="build"/> makes it, reading only through the context it is given, and every rule gets the same
    /// one until what it read changes. Each index type has one builder.
    /// </summary>
    public T Index<T>(Func<TranslationContext, T> build)
        where T : class
    {
        if (_scope is not null)
        {
            return _scope.Index(build);
        }

        lock (Gate)
        {
            _indexes ??= [];
            if (!_indexes.TryGetValue(typeof(T), out var index))
            {
                index = build(this);
                _indexes[typeof(T)] = index;
            }

            return (T)index;
        }
    }

    /// <summary>
    /// The value <paramref name="compute"/> gives for <paramref name="key"/>, worked out once and shared by every rule
    /// that asks with the same function and key, until what it read changes (e.g. the workloads one ServiceEntry
    /// selects, shared by its hosts and ports). <paramref name="compute"/> must read only through the context and key it
    /// is given: pass a static lambda.
    /// </summary>
    public TValue Derive<TKey, TValue>(TKey key, Func<TranslationContext, TKey, TValue> compute)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(compute);
        if (_scope is not null)
        {
            return _scope.Derive(key, compute);
        }

        lock (Gate)
        {
            _derived ??= [];
            if (!_derived.TryGetValue((compute, key), out var value))
            {
                value = compute(this, key);
                _derived[(compute, key)] = value;
            }

            return (TValue)value!;
        }
    }

    /// <summary>Problems that did not stop translation (dropped endpoints, conflicting chains, …), of this context.</summary>
    public IReadOnlyList<TranslationWarning> Warnings => (IReadOnlyList<TranslationWarning>?)_warnings ?? [];

    /// <summary>The key of <paramref name="resource"/>, for a warning about it.</summary>
    public ObjectKey KeyOf(IKubernetesObject<V1ObjectMeta> resource) => Store.KeyOf(resource);

    /// <summary>Reports a problem about <paramref name="subject"/>, once: rules meet the same object once per backend or chain.</summary>
    public void Warn(string subject, string message) => Warn(new TranslationWarning(subject, message));

    /// <summary>
    /// Reports a problem about the input object <paramref name="resource"/>, at <paramref name="fieldPath"/> when known
    /// (<c>spec.rules[0]</c>), once; the subject is the object as people name it (<c>AuthorizationPolicy shop/ap1</c>).
    /// </summary>
    public void Warn(ObjectKey resource, string? fieldPath, string message)
        => Warn(new TranslationWarning(WarningSubject.Of(resource), message) { Resource = resource, FieldPath = fieldPath });

    /// <summary>Reports <paramref name="warning"/>, once: rules meet the same object once per backend or chain.</summary>
    public void Warn(TranslationWarning warning)
    {
        ArgumentNullException.ThrowIfNull(warning);
        lock (Gate)
        {
            if (!(_warned ??= []).Add(warning))
            {
                return;
            }

            (_warnings ??= []).Add(warning);
        }

        _scope?.Warn(warning);
    }
}
