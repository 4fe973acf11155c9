using RulesMesh.Capture;
using RulesMesh.Rules;
using RulesMesh.Store;

namespace RulesMesh.Translation;

/// <summary>What translation rules may read and report to: the resources, the capture result, the backends, settings and the pipeline itself.</summary>
public sealed class TranslationContext
{
    private readonly List<TranslationWarning> _warnings = [];
    private readonly HashSet<TranslationWarning> _warned = [];
    private readonly Dictionary<Type, object> _indexes = [];

    internal TranslationContext(ResourceStore store, CaptureResult capture, RulePipeline pipeline, RuleContext rules)
    {
        Store = store;
        Capture = capture;
        Pipeline = pipeline;
        Rules = rules;
    }

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
    /// The index of type <typeparamref name="T"/> over this run's resources (routes by parent, DestinationRules by host,
    /// …): <paramref name="build"/> makes it on first use and every later rule of the run gets the same one. Each index
    /// type has one builder; the index lives and dies with this context.
    /// </summary>
    public T Index<T>(Func<TranslationContext, T> build)
        where T : class
    {
        lock (_indexes)
        {
            if (!_indexes.TryGetValue(typeof(T), out var index))
            {
                index = build(this);
                _indexes[typeof(T)] = index;
            }

            return (T)index;
        }
    }

    /// <summary>Problems that did not stop translation (dropped endpoints, conflicting chains, …).</summary>
    public IReadOnlyList<TranslationWarning> Warnings => _warnings;

    /// <summary>Reports a problem about <paramref name="subject"/>, once: rules meet the same object once per backend or chain.</summary>
    public void Warn(string subject, string message)
    {
        var warning = new TranslationWarning(subject, message);
        lock (_warned)
        {
            if (_warned.Add(warning))
            {
                _warnings.Add(warning);
            }
        }
    }
}
