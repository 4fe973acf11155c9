using k8s.Models;
using RulesMesh.Capture;
using RulesMesh.Mesh;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using RulesMesh.Rules;
using RulesMesh.Store;
using RulesMesh.Translation;
using RulesMesh.Translation.Backends;
using RulesMesh.Translation.Routes;

namespace RulesMesh.Engine;

/// <summary>
/// One computation of one item: every read it makes (other items, groups, and the store's unless the engine takes one
/// batch only) is recorded here, and so are its warnings and route status reports. The contexts it hands to rules read
/// through it.
/// </summary>
internal sealed class ItemFrame : IStoreReadTracker, ITranslationScope, ICaptureLookup, IBackendLookup, IRuleLookup
{
    private readonly IncrementalTranslation _engine;
    private readonly int _mark;
    private ReadList? _reads;
    private List<TranslationWarning>? _warnings;
    private RouteStatusCollector? _routeStatuses;
    private TranslationContext? _context;
    private RuleContext? _rules;

    public ItemFrame(IncrementalTranslation engine, ReadList reads)
    {
        _engine = engine;
        _reads = reads;
        _mark = engine.Graph.NextMark();
        Store = engine.WatchesStore ? engine.Store.Tracking(this) : engine.Store;
    }

    public IncrementalTranslation Engine => _engine;

    /// <summary>
    /// Ends the computation: what it read, each once, in the order first read; the frame lets go of its list, which the
    /// graph reuses. A read made through the frame later (a lazy value evaluated after its computation) is not recorded.
    /// </summary>
    public ItemReads EndReads()
    {
        var reads = _reads?.ToReads() ?? default;
        _reads = null;
        return reads;
    }

    /// <summary>The store, every read recorded unless the engine watches no store reads.</summary>
    public ResourceStore Store { get; }

    public RulePipeline Pipeline => _engine.Pipeline;

    /// <summary>The capture rules' context, its lookups read through the store.</summary>
    public RuleContext Rules => _rules ??= new RuleContext(_engine.Settings, this);

    /// <summary>The translation rules' context.</summary>
    public TranslationContext Context => _context ??= new TranslationContext(Store, new CaptureResult(this, Rules), Pipeline, Rules, this);

    public ItemEmissions Emissions => _warnings is null && (_routeStatuses is null || _routeStatuses.Reports.Count == 0)
        ? ItemEmissions.None
        : new ItemEmissions([.. _warnings ?? []], [.. _routeStatuses?.Reports ?? []]);

    public void Read(StoreRead read) => Add(_engine.Graph.Watched(read));

    /// <summary>The value of <paramref name="item"/> (brought up to date first), recorded as read.</summary>
    public object? Get(DerivedItem item)
    {
        var current = _engine.Graph.Fresh(item);
        Add(current);
        return current.Value;
    }

    /// <summary>Records a read of <paramref name="group"/>, whose members the engine keeps.</summary>
    public void Watch(GroupKey group) => Add(_engine.Graph.Watched(group));

    /// <summary>Records <paramref name="read"/> once: its mark says it was met already, unless a nested computation marked it since.</summary>
    private void Add(Dependency read)
    {
        if (read.Mark == _mark)
        {
            return;
        }

        read.Mark = _mark;
        _reads?.Add(read);
    }

    T ITranslationScope.Index<T>(Func<TranslationContext, T> build)
    {
        if (typeof(T) == typeof(BackendIndex))
        {
            return (T)(object)new BackendIndex(this);
        }

        if (typeof(T) == typeof(RouteStatusCollector))
        {
            return (T)(object)(_routeStatuses ??= new RouteStatusCollector());
        }

        return (T)Get(new IndexItem<T>(build))!;
    }

    TValue ITranslationScope.Derive<TKey, TValue>(TKey key, Func<TranslationContext, TKey, TValue> compute)
        => (TValue)Get(new DerivedValueItem<TKey, TValue>(compute, key))!;

    void ITranslationScope.Warn(TranslationWarning warning) => (_warnings ??= []).Add(warning);

    V1Namespace? IRuleLookup.Namespace(string name) => Store.Get<V1Namespace>(string.Empty, name);

    Gateway? IRuleLookup.Gateway(NamespacedName name) => Store.Get<Gateway>(name.Namespace, name.Name);

    GatewayClass? IRuleLookup.GatewayClass(string name) => Store.Get<GatewayClass>(string.Empty, name);

    IReadOnlyList<GatewayCapture> ICaptureLookup.Gateways() => _engine.AllGateways(this);

    IReadOnlyList<ServiceCapture> ICaptureLookup.Services() => _engine.AllServices(this);

    IReadOnlyList<WorkloadCapture> ICaptureLookup.Workloads() => _engine.AllWorkloads(this);

    GatewayCapture? ICaptureLookup.Gateway(NamespacedName name) => _engine.Gateway(this, name);

    ServiceCapture? ICaptureLookup.Service(ObjectKey key) => _engine.Service(this, key);

    IReadOnlyList<ServiceCapture> ICaptureLookup.ServicesNaming(NamespacedName waypoint) => _engine.ServicesNaming(this, waypoint);

    IReadOnlyList<WorkloadCapture> ICaptureLookup.WorkloadsFor(NamespacedName waypoint) => _engine.WorkloadsFor(this, waypoint);

    IReadOnlyList<BackendObject> IBackendLookup.All() => _engine.AllBackends(this);

    IReadOnlyList<BackendObject> IBackendLookup.ForServicePort(ObjectKey service, int port) => _engine.BackendsOf(this, service, port);

    IReadOnlyList<BackendObject> IBackendLookup.ForHost(string host, int port) => _engine.BackendsByHost(this, host, port);

    IReadOnlyList<BackendObject> IBackendLookup.ForHost(string host) => _engine.BackendsByHost(this, host, port: null);

    IReadOnlyList<BackendObject> IBackendLookup.ForAlias(ObjectKey alias, int port) => _engine.BackendsByAlias(this, alias, port);
}
