using k8s;
using k8s.Models;
using RulesMesh.Engine;
using RulesMesh.Loading;
using RulesMesh.Mesh;
using RulesMesh.Rules;
using RulesMesh.Store;
using RulesMesh.Translation.Output;

namespace RulesMesh;

/// <summary>
/// Computes xDS in one call: the <see cref="TranslationEngine"/> run once over a set of objects (capture, backends, per
/// waypoint the routes, policies and filter chains, per ordinary Gateway its listeners and routes), as one document.
/// </summary>
/// <remarks>
/// Every Gateway is its own proxy in kgateway; a snapshot of several holds each one's listeners and route
/// configurations side by side, so two Gateways on one port give resources of the same name (reported as a warning).
/// Translate one Gateway at a time to get one proxy's configuration.
/// </remarks>
/// <param name="pipeline">The rules to run; the default profile of the built-in rules when null.</param>
/// <param name="settings">The run's settings; the defaults when null.</param>
public sealed class WaypointTranslator(RulePipeline? pipeline = null, EngineSettings? settings = null)
{
    /// <summary>The rules this translator runs.</summary>
    public RulePipeline Pipeline { get; } = pipeline ?? WaypointPipelines.Create();

    /// <summary>The settings the rules read.</summary>
    public EngineSettings Settings { get; } = settings ?? new EngineSettings();

    /// <summary>Translates what <paramref name="load"/> holds; with <paramref name="gateway"/>, only that Gateway's (waypoint or ordinary) listeners, routes and status.</summary>
    /// <remarks>The objects go straight to the engine, which indexes them once in its own store.</remarks>
    public XdsSnapshot Translate(LoadResult load, NamespacedName? gateway = null)
    {
        ArgumentNullException.ThrowIfNull(load);
        return Translate(load.Resources.Select(static r => r.Object), gateway);
    }

    /// <summary>Translates the resources of <paramref name="store"/>: the engine run once over them.</summary>
    public XdsSnapshot Translate(ResourceStore store, NamespacedName? gateway = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        return Translate(store.Objects, gateway);
    }

    private XdsSnapshot Translate(IEnumerable<IKubernetesObject<V1ObjectMeta>> objects, NamespacedName? gateway)
    {
        var engine = TranslationEngine.ForOneBatch(Pipeline, Settings, gateway);
        // Typed as ResourceChange, so the engine can count the batch without enumerating it and size its store and item
        // set once: a sequence of Upserts is an IEnumerable<ResourceChange> only through covariance, which hides its count.
        return engine.Apply(objects.Select(static ResourceChange (o) => new ResourceChange.Upsert(o))).State.ToSnapshot();
    }
}
