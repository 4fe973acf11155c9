using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Google.Protobuf;
using k8s;
using k8s.Models;
using RulesMesh.Capture;
using RulesMesh.Loading;
using RulesMesh.Mesh;
using RulesMesh.Models.GatewayKgatewayDev.V1alpha1;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using RulesMesh.Rules;
using RulesMesh.ServiceModel;
using RulesMesh.Store;
using RulesMesh.Translation;
using RulesMesh.Translation.Backends;
using RulesMesh.Translation.Listeners;
using RulesMesh.Translation.Proxyless;
using RulesMesh.Translation.Routes;
using ServiceEntry = RulesMesh.Models.NetworkingIstioIo.V1.ServiceEntry;
using WorkloadEntry = RulesMesh.Models.NetworkingIstioIo.V1.WorkloadEntry;

namespace RulesMesh.Engine;

/// <summary>
/// The engine's inside: the store, the derived items and the groups they are filed in, and the outputs kept up to date
/// from the items' values. Every input object gets a model item (is it a service?); every service a capture, backends
/// and clusters item; every Gateway a judgement and, when in scope, a proxy item, which reads the chain items of the
/// services it captures. Each step marks what the changed objects were read by, recomputes, and applies what changed
/// to the last state.
/// </summary>
internal sealed class IncrementalTranslation
{
    private const string ServicesNamingGroup = "services-naming";
    private const string ServedKeysGroup = "served-keys";
    private const string ServicesGroup = "services";
    private const string ServiceGroup = "service";
    private const string GatewaysGroup = "gateways";
    private const string WorkloadsNamingGroup = "workloads-naming";
    private const string WorkloadsGroup = "workloads";
    private const string BackendsHostGroup = "backends-host";
    private const string BackendsAliasGroup = "backends-alias";
    private const string BackendsGroup = "backends";
    private const string SharedGateGroup = "shared-gate";

    // A mesh may have hundreds of waypoints, each producing the same listener names: a warning names the first few and counts the rest.
    private const int SharedNameOwnersNamed = 3;

    private readonly NamespacedName? _scope;
    private readonly Dictionary<Type, string> _kinds = [];

    // The service-model stage as the pipeline describes it, or null when its generator did not (then every object is asked).
    private readonly IDispatchedStage<IServiceModelRule<IKubernetesObject<V1ObjectMeta>>>? _serviceModels;

    // What the items' values file: services by key and by the waypoint they name, workloads likewise, backends by host and alias.
    private readonly Dictionary<ObjectKey, InputKey> _serviceInputs = [];
    private readonly SortedDictionary<ObjectKey, ServiceCapture> _services = new(ServiceKeyOrder.Instance);
    private readonly Dictionary<NamespacedName, SortedDictionary<ObjectKey, ServiceCapture>> _servicesByWaypoint = [];
    private readonly Dictionary<NamespacedName, SortedSet<ObjectKey>> _servedKeysByWaypoint = [];
    private readonly SortedDictionary<InputKey, WorkloadCapture> _workloads = new(WorkloadOrder.Instance);
    private readonly Dictionary<NamespacedName, SortedDictionary<InputKey, WorkloadCapture>> _workloadsByWaypoint = [];
    private readonly HashSet<NamespacedName> _gateways = [];
    private readonly HashSet<NamespacedName> _ordinaryGateways = [];
    private readonly SortedDictionary<ObjectKey, IReadOnlyList<BackendObject>> _backends = new(ServiceKeyOrder.Instance);
    private readonly Dictionary<string, SortedDictionary<ObjectKey, IReadOnlyList<BackendObject>>> _backendsByHost = new(StringComparer.Ordinal);
    private readonly Dictionary<ObjectKey, SortedDictionary<ObjectKey, IReadOnlyList<BackendObject>>> _backendsByAlias = [];

    // The outputs, and what this step touched in them.
    private readonly Dictionary<(XdsResourceType Type, string Name), ResourceOwners<VersionedResource>> _sharedOwners = [];
    private readonly SortedSet<string> _clusterNamesOwnedTwice = new(StringComparer.Ordinal);
    private readonly SortedDictionary<ItemOrder, DerivedItem> _warningItems = [];
    private readonly Dictionary<(string Kind, string Key), SortedDictionary<ItemOrder, DerivedItem>> _routeReporters = [];
    private readonly HashSet<(string Kind, string Key)> _dirtyRoutes = [];
    private readonly Dictionary<(XdsResourceType Type, string Name), SortedSet<NamespacedName>> _proxyNames = [];
    private readonly SortedSet<(XdsResourceType Type, string Name)> _sharedProxyNames = new(Comparer<(XdsResourceType Type, string Name)>.Create(static (a, b) => a.Type != b.Type ? a.Type.CompareTo(b.Type) : string.CompareOrdinal(a.Name, b.Name)));
    private readonly Dictionary<(XdsResourceType Type, string Name), ResourceOwners<ProxylessContender>> _proxylessOwners = [];
    private readonly SortedDictionary<ItemOrder, DerivedItem> _proxylessWarningItems = [];
    private ResourceSet _shared = ResourceSet.Empty;
    private ResourceSet _proxyless = ResourceSet.Empty;

    // The shared and proxyless resources as this step changes them (made on its first change, frozen in Assemble).
    private ResourceSetBuilder? _sharedChanges;
    private ResourceSetBuilder? _proxylessChanges;
    private ImmutableSortedDictionary<string, ProxylessVisibility> _proxylessVisibility = ProxylessState.Empty.Visibility;
    private ImmutableDictionary<(XdsResourceType Type, string Name), ImmutableArray<ProxylessContender>> _proxylessContenders = ProxylessState.Empty.Contenders;
    private bool _proxylessWarningsChanged;
    private ImmutableSortedDictionary<NamespacedName, ProxyState> _proxies = ImmutableSortedDictionary.Create<NamespacedName, ProxyState>(ProxyOrder.Instance);
    private StatusMaps _statuses = StatusMaps.Empty;
    private bool _warningsChanged;
    private bool _sharedServed;
    private TouchedNames _touched = new();
    private bool _applied;

    public IncrementalTranslation(RulePipeline pipeline, EngineSettings settings, ModelRegistry models, NamespacedName? scope, bool watchesStore)
    {
        Pipeline = pipeline;
        Settings = settings;
        WatchesStore = watchesStore;
        _scope = scope;
        Store = new ResourceStore([], models);
        Graph = new DependencyGraph(this);
        foreach (var model in models.Models)
        {
            _kinds.TryAdd(model.ClrType, model.Kind);
        }

        _serviceModels = pipeline as IDispatchedStage<IServiceModelRule<IKubernetesObject<V1ObjectMeta>>>;

        // Whether the profile builds each waypoint's proxy whole (istio) or through kgateway's per-service stages.
        var probe = new ItemFrame(this, new ReadList());
        ProxiesBuiltWhole = pipeline.Stage<IWaypointProxiesRule>().WaypointProxies([], probe.Context) is not null;
        _sharedServed = !ProxiesBuiltWhole;
    }

    public RulePipeline Pipeline { get; }

    public EngineSettings Settings { get; }

    public ResourceStore Store { get; }

    public DependencyGraph Graph { get; }

    public bool ProxiesBuiltWhole { get; }

    /// <summary>
    /// Whether items record their store reads. An engine that takes a single batch needs none: the store is filled
    /// before the batch's settle and never changes after, so no store read can make an item dirty (the groups and items
    /// an item reads still are recorded, since their values are filed during the settle).
    /// </summary>
    public bool WatchesStore { get; }

    /// <summary>Applies <paramref name="changes"/>, recomputes what they touched and returns the new state with what it touched.</summary>
    public (EngineState State, TouchedNames Touched) Apply(IEnumerable<ResourceChange> changes, EngineState before, Func<ResourceKey, Type?> typeOf)
    {
        if (!WatchesStore && _applied)
        {
            throw new InvalidOperationException("This engine translates one batch; it recorded nothing a second batch would need.");
        }

        _applied = true;
        _touched = new TouchedNames();
        if (!Graph.HasWatchers && changes.TryGetNonEnumeratedCount(out var count))
        {
            // A first batch: every object is new, and most will be read.
            Store.Reserve(count);
            Graph.Reserve(count);
        }

        foreach (var change in changes)
        {
            switch (change)
            {
                case ResourceChange.Upsert upsert:
                    Upsert(upsert.Object);
                    break;
                case ResourceChange.Delete delete when typeOf(delete.Key) is { } type:
                    Delete(new InputKey(type, delete.Key.Namespace, delete.Key.Name));
                    break;
            }
        }

        Graph.Settle();
        var served = !ProxiesBuiltWhole || _ordinaryGateways.Count > 0;
        if (served != _sharedServed)
        {
            _sharedServed = served;
            Graph.Changed(GroupKey.Whole(SharedGateGroup));
            Graph.Settle();
        }

        return (Assemble(before), _touched);
    }

    private void Upsert(IKubernetesObject<V1ObjectMeta> resource)
    {
        var type = resource.GetType();
        var existed = Store.GetObject(type, resource.Metadata?.NamespaceProperty ?? (Store.IsNamespaced(type) ? ResourceStore.DefaultNamespace : string.Empty), resource.Metadata?.Name ?? string.Empty) is not null;
        if (Graph.HasWatchers)
        {
            foreach (var read in Store.Upsert(resource))
            {
                Graph.Changed(read);
            }
        }
        else
        {
            Store.UpsertUnwatched(resource);
        }

        if (!existed)
        {
            Added(new InputKey(type, resource.Metadata?.NamespaceProperty ?? string.Empty, resource.Metadata?.Name ?? string.Empty));
        }
    }

    private void Delete(InputKey key)
    {
        var reads = Store.Delete(key.Type, key.Namespace, key.Name);
        if (reads.Count == 0)
        {
            return;
        }

        foreach (var read in reads)
        {
            Graph.Changed(read);
        }

        var kind = KindOf(key.Type);
        Graph.RemoveRoot(new ModelItem(key, kind));
        Graph.RemoveRoot(new CaptureItem(key, kind));
        Graph.RemoveRoot(new BackendsItem(key, kind));
        Graph.RemoveRoot(new ServiceClustersItem(key, kind));
        Graph.RemoveRoot(new WorkloadItem(key, kind));
        Graph.RemoveRoot(new ProxylessServiceItem(key, kind));
        if (key.Type == typeof(Gateway))
        {
            var name = new NamespacedName(key.Namespace, key.Name);
            Graph.RemoveRoot(new GatewayJudgementItem(name));
            Graph.RemoveRoot(new ProxyItem(name));
        }

        if (key.Type == typeof(BackendConfigPolicy) && !Store.All<BackendConfigPolicy>().Any())
        {
            Graph.RemoveRoot(new PolicyStatusItem());
        }
    }

    /// <summary>Roots the items a new input object needs.</summary>
    private void Added(InputKey key)
    {
        var kind = KindOf(key.Type);
        if (_serviceModels?.Accepts(key.Type) ?? true)
        {
            Graph.AddRoot(new ModelItem(key, kind));
        }

        if (key.Type == typeof(V1Pod) || key.Type == typeof(WorkloadEntry))
        {
            Graph.AddRoot(new WorkloadItem(key, kind));
        }

        if (key.Type == typeof(Gateway))
        {
            var name = new NamespacedName(key.Namespace, key.Name);
            Graph.AddRoot(new GatewayJudgementItem(name));
            if (_scope is null || _scope == name)
            {
                Graph.AddRoot(new ProxyItem(name));
            }
        }

        if (key.Type == typeof(BackendConfigPolicy))
        {
            Graph.AddRoot(new PolicyStatusItem());
        }
    }

    private string KindOf(Type type) => _kinds.TryGetValue(type, out var kind) ? kind : type.Name;

    // Lookups for the items' frames: each records what it read.
    public bool SharedClustersServed(ItemFrame frame)
    {
        frame.Watch(GroupKey.Whole(SharedGateGroup));
        return _sharedServed;
    }

    public GatewayCapture? Gateway(ItemFrame frame, NamespacedName name)
    {
        if (frame.Get(new GatewayJudgementItem(name)) is not GatewayJudgement judged)
        {
            return null;
        }

        return new GatewayCapture(name, judged.Gateway, judged.Decision, judged.Listener, new LazyList<ServiceCapture>(() => ServicesNaming(frame, name)));
    }

    public ServiceCapture? Service(ItemFrame frame, ObjectKey key)
    {
        frame.Watch(GroupKey.Of(ServiceGroup, key));
        return _serviceInputs.TryGetValue(key, out var input) ? (ServiceCapture?)frame.Get(new CaptureItem(input, KindOf(input.Type))) : null;
    }

    public IReadOnlyList<GatewayCapture> AllGateways(ItemFrame frame)
    {
        frame.Watch(GroupKey.Whole(GatewaysGroup));
        return [.. _gateways.Order(ProxyOrder.Instance).Select(name => Gateway(frame, name)).OfType<GatewayCapture>()];
    }

    public IReadOnlyList<ServiceCapture> AllServices(ItemFrame frame)
    {
        frame.Watch(GroupKey.Whole(ServicesGroup));
        return [.. _services.Values];
    }

    public IReadOnlyList<ServiceCapture> ServicesNaming(ItemFrame frame, NamespacedName waypoint)
    {
        frame.Watch(GroupKey.Of(ServicesNamingGroup, waypoint));
        return _servicesByWaypoint.TryGetValue(waypoint, out var services) ? [.. services.Values] : [];
    }

    /// <summary>
    /// The keys of the services with addresses that name <paramref name="waypoint"/>: the chains a waypoint's listener
    /// is made of. Read apart from <see cref="ServicesNaming"/>, so a service's edit reaches the listener only through
    /// its chain.
    /// </summary>
    public IReadOnlyList<ObjectKey> ServedKeys(ItemFrame frame, NamespacedName waypoint)
    {
        frame.Watch(GroupKey.Of(ServedKeysGroup, waypoint));
        return _servedKeysByWaypoint.TryGetValue(waypoint, out var keys) ? [.. keys] : [];
    }

    public IReadOnlyList<WorkloadCapture> AllWorkloads(ItemFrame frame)
    {
        frame.Watch(GroupKey.Whole(WorkloadsGroup));
        return [.. _workloads.Values];
    }

    public IReadOnlyList<WorkloadCapture> WorkloadsFor(ItemFrame frame, NamespacedName waypoint)
    {
        frame.Watch(GroupKey.Of(WorkloadsNamingGroup, waypoint));
        return _workloadsByWaypoint.TryGetValue(waypoint, out var workloads) ? [.. workloads.Values] : [];
    }

    public IReadOnlyList<BackendObject> AllBackends(ItemFrame frame)
    {
        frame.Watch(GroupKey.Whole(BackendsGroup));
        return [.. _backends.Values.SelectMany(static b => b)];
    }

    /// <summary>The backends of <paramref name="service"/> on <paramref name="port"/>.</summary>
    public IReadOnlyList<BackendObject> BackendsOf(ItemFrame frame, ObjectKey service, int port)
    {
        frame.Watch(GroupKey.Of(ServiceGroup, service));
        if (!_serviceInputs.TryGetValue(service, out var input))
        {
            return [];
        }

        // A service has one backend per port (per host and port for a ServiceEntry): most often the list is already the answer.
        // Indexed loops here and in BackendsChanged: a foreach over the list's interface boxes its enumerator, and this
        // runs for every route target and chain of a large mesh.
        var backends = BackendsItem.Of(frame, input, KindOf(input.Type));
        var onPort = 0;
        for (var i = 0; i < backends.Count; i++)
        {
            onPort += backends[i].Port.Port == port ? 1 : 0;
        }

        if (onPort == backends.Count)
        {
            return backends;
        }

        var matching = new BackendObject[onPort];
        var at = 0;
        for (var i = 0; i < backends.Count; i++)
        {
            if (backends[i].Port.Port == port)
            {
                matching[at++] = backends[i];
            }
        }

        return matching;
    }

    /// <summary>The backends of every service for <paramref name="host"/> on <paramref name="port"/> (any port when null), in service order, in one pass.</summary>
    public IReadOnlyList<BackendObject> BackendsByHost(ItemFrame frame, string host, int? port)
    {
        frame.Watch(GroupKey.Of(BackendsHostGroup, host));
        return _backendsByHost.TryGetValue(host, out var filed) ? Matching(filed, host, port, static (backend, wanted) => backend.Host == wanted) : [];
    }

    /// <summary>The backends of every service aliased <paramref name="alias"/> on <paramref name="port"/>, in service order, in one pass.</summary>
    public IReadOnlyList<BackendObject> BackendsByAlias(ItemFrame frame, ObjectKey alias, int port)
    {
        frame.Watch(GroupKey.Of(BackendsAliasGroup, alias));
        return _backendsByAlias.TryGetValue(alias, out var filed) ? Matching(filed, alias, port, static (backend, wanted) => backend.Aliases.Contains(wanted)) : [];
    }

    // The backends filed by service that are on the port and match the key, in service order; a list only when one does.
    private static IReadOnlyList<BackendObject> Matching<TKey>(
        SortedDictionary<ObjectKey, IReadOnlyList<BackendObject>> filed, TKey key, int? port, Func<BackendObject, TKey, bool> matches)
    {
        List<BackendObject>? matching = null;
        foreach (var backends in filed.Values)
        {
            foreach (var backend in backends)
            {
                if ((port is null || backend.Port.Port == port) && matches(backend, key))
                {
                    (matching ??= []).Add(backend);
                }
            }
        }

        return matching ?? [];
    }

    // Filing the items' values as they change (the graph calls these; a dropped item goes to null and no emissions).
    public void ValueChanged(DerivedItem item, object? before, object? after)
    {
        switch (item)
        {
            case ModelItem model:
                ModelChanged(model, before as MeshService, after as MeshService);
                break;
            case CaptureItem:
                CaptureChanged(before as ServiceCapture, after as ServiceCapture);
                break;
            case WorkloadItem workload:
                WorkloadChanged(workload.Key, before as WorkloadCapture, after as WorkloadCapture);
                break;
            case GatewayJudgementItem judged:
                GatewayChanged(judged.Name, after as GatewayJudgement);
                break;
            case BackendsItem:
                BackendsChanged(before as IReadOnlyList<BackendObject>, after as IReadOnlyList<BackendObject>);
                break;
            case ServiceClustersItem clusters:
                ClustersChanged(clusters, before as ServiceClusters, after as ServiceClusters);
                break;
            case ProxyItem proxy:
                ProxyChanged(proxy.Gateway, after as ProxyOutput);
                break;
            case PolicyStatusItem:
                PolicyStatusesChanged(after as IReadOnlyDictionary<string, BackendConfigPolicyStatus>);
                break;
            case ProxylessServiceItem:
                ProxylessChanged(item, before as ProxylessService, after as ProxylessService);
                break;
        }
    }

    public void EmissionsChanged(DerivedItem item, ItemEmissions before, ItemEmissions after)
    {
        if (item is ProxylessServiceItem)
        {
            // Proxyless warnings are kept apart, and its route reports are not statuses: the Gateway outputs stay as they were.
            ProxylessWarningsChanged(item, after);
            return;
        }

        if (before.Warnings.Count > 0 || after.Warnings.Count > 0)
        {
            _warningsChanged = true;
            if (after.Warnings.Count > 0)
            {
                _warningItems[item.Order] = item;
            }
            else
            {
                _warningItems.Remove(item.Order);
            }
        }

        var routesBefore = before.RouteReports.Select(static r => RouteKey(r.Route)).ToHashSet();
        var routesAfter = after.RouteReports.Select(static r => RouteKey(r.Route)).ToHashSet();
        foreach (var route in routesBefore.Union(routesAfter))
        {
            _dirtyRoutes.Add(route);
            if (!_routeReporters.TryGetValue(route, out var reporters))
            {
                reporters = [];
                _routeReporters[route] = reporters;
            }

            if (routesAfter.Contains(route))
            {
                reporters[item.Order] = item;
            }
            else if (reporters.Remove(item.Order) && reporters.Count == 0)
            {
                _routeReporters.Remove(route);
            }
        }
    }

    /// <summary>A route's status key: its kind (an HTTPRoute and a GRPCRoute may share a name) and <c>ns/name</c>.</summary>
    private static (string Kind, string Key) RouteKey(ObjectKey route) => (route.Kind, $"{route.Namespace}/{route.Name}");

    private void ModelChanged(ModelItem item, MeshService? before, MeshService? after)
    {
        var kind = item.Kind;
        if (before is not null && (after is null || after.Key != before.Key))
        {
            _serviceInputs.Remove(before.Key);
            Graph.Changed(GroupKey.Of(ServiceGroup, before.Key));
        }

        if (after is not null && (before is null || after.Key != before.Key))
        {
            _serviceInputs[after.Key] = item.Key;
            Graph.Changed(GroupKey.Of(ServiceGroup, after.Key));
        }

        if (after is not null && !item.Removed)
        {
            Graph.AddRoot(new CaptureItem(item.Key, kind));
            Graph.AddRoot(new BackendsItem(item.Key, kind));
            Graph.AddRoot(new ServiceClustersItem(item.Key, kind));
            if (Settings.ServeProxylessClients)
            {
                Graph.AddRoot(new ProxylessServiceItem(item.Key, kind));
            }
        }
        else if (after is null && before is not null)
        {
            Graph.RemoveRoot(new CaptureItem(item.Key, kind));
            Graph.RemoveRoot(new BackendsItem(item.Key, kind));
            Graph.RemoveRoot(new ServiceClustersItem(item.Key, kind));
            Graph.RemoveRoot(new ProxylessServiceItem(item.Key, kind));
        }
    }

    private void CaptureChanged(ServiceCapture? before, ServiceCapture? after)
    {
        // A service is served by its waypoint and, in the istio profile, by a canary waypoint too.
        var servedBefore = before is { HasAddresses: true } ? before.Decision.Waypoints.ToList() : [];
        var servedAfter = after is { HasAddresses: true } ? after.Decision.Waypoints.ToList() : [];
        if (!servedBefore.SequenceEqual(servedAfter) || before?.Key != after?.Key)
        {
            foreach (var old in servedBefore)
            {
                if (_servedKeysByWaypoint.TryGetValue(old, out var keys) && keys.Remove(before!.Key))
                {
                    Graph.Changed(GroupKey.Of(ServedKeysGroup, old));
                }
            }

            foreach (var waypoint in servedAfter)
            {
                if (!_servedKeysByWaypoint.TryGetValue(waypoint, out var served))
                {
                    served = new SortedSet<ObjectKey>(ServiceKeyOrder.Instance);
                    _servedKeysByWaypoint[waypoint] = served;
                }

                served.Add(after!.Key);
                Graph.Changed(GroupKey.Of(ServedKeysGroup, waypoint));
            }
        }

        if (before is not null)
        {
            _services.Remove(before.Key);
            foreach (var waypoint in before.Decision.Waypoints)
            {
                if (_servicesByWaypoint.TryGetValue(waypoint, out var filed))
                {
                    filed.Remove(before.Key);
                    Graph.Changed(GroupKey.Of(ServicesNamingGroup, waypoint));
                }
            }
        }

        if (after is not null)
        {
            _services[after.Key] = after;
            foreach (var waypoint in after.Decision.Waypoints)
            {
                if (!_servicesByWaypoint.TryGetValue(waypoint, out var filed))
                {
                    filed = new SortedDictionary<ObjectKey, ServiceCapture>(ServiceKeyOrder.Instance);
                    _servicesByWaypoint[waypoint] = filed;
                }

                filed[after.Key] = after;
                Graph.Changed(GroupKey.Of(ServicesNamingGroup, waypoint));
            }
        }

        ServiceStatusChanged(before, after);
        Graph.Changed(GroupKey.Whole(ServicesGroup));
    }

    /// <summary>Files the waypoint conditions a service's decision carries (the istio profile's) as its status.</summary>
    private void ServiceStatusChanged(ServiceCapture? before, ServiceCapture? after)
    {
        if (before is { Decision.Conditions.Count: > 0 })
        {
            SetServiceStatus(before.Key, null);
        }

        if (after is { Decision.Conditions.Count: > 0 })
        {
            SetServiceStatus(after.Key, new ServiceWaypointStatus(after.Decision.Conditions));
        }
    }

    private void SetServiceStatus(ObjectKey service, ServiceWaypointStatus? status)
    {
        var isEntry = service.Kind == ServiceEntry.KubeKind;
        var kind = isEntry ? StatusMaps.ServiceEntryKind : StatusMaps.ServiceKind;
        var map = isEntry ? _statuses.ServiceEntries : _statuses.Services;
        var key = $"{service.Namespace}/{service.Name}";
        map = status is null ? map.Remove(key) : map.SetItem(key, new VersionedStatus(service.Kind, key, status));
        _statuses = isEntry ? _statuses with { ServiceEntries = map } : _statuses with { Services = map };
        _touched.TouchStatus(kind, key);
    }

    private void WorkloadChanged(InputKey key, WorkloadCapture? before, WorkloadCapture? after)
    {
        if (before is not null)
        {
            _workloads.Remove(key);
            if (before.Decision.Waypoint is { } waypoint && _workloadsByWaypoint.TryGetValue(waypoint, out var filed))
            {
                filed.Remove(key);
                Graph.Changed(GroupKey.Of(WorkloadsNamingGroup, waypoint));
            }
        }

        if (after is not null)
        {
            _workloads[key] = after;
            if (after.Decision.Waypoint is { } waypoint)
            {
                if (!_workloadsByWaypoint.TryGetValue(waypoint, out var filed))
                {
                    filed = new SortedDictionary<InputKey, WorkloadCapture>(WorkloadOrder.Instance);
                    _workloadsByWaypoint[waypoint] = filed;
                }

                filed[key] = after;
                Graph.Changed(GroupKey.Of(WorkloadsNamingGroup, waypoint));
            }
        }

        Graph.Changed(GroupKey.Whole(WorkloadsGroup));
    }

    private void GatewayChanged(NamespacedName name, GatewayJudgement? after)
    {
        if (after is null)
        {
            _gateways.Remove(name);
            _ordinaryGateways.Remove(name);
        }
        else
        {
            _gateways.Add(name);
            if (!after.Decision.IsWaypoint && (_scope is null || _scope == name))
            {
                _ordinaryGateways.Add(name);
            }
            else
            {
                _ordinaryGateways.Remove(name);
            }
        }

        Graph.Changed(GroupKey.Whole(GatewaysGroup));
    }

    private void BackendsChanged(IReadOnlyList<BackendObject>? before, IReadOnlyList<BackendObject>? after)
    {
        if (before is { Count: > 0 })
        {
            for (var i = 0; i < before.Count; i++)
            {
                var backend = before[i];
                Unfile(_backendsByHost, backend.Host, backend.Key, GroupKey.Of(BackendsHostGroup, backend.Host));
                for (var a = 0; a < backend.Aliases.Count; a++)
                {
                    Unfile(_backendsByAlias, backend.Aliases[a], backend.Key, GroupKey.Of(BackendsAliasGroup, backend.Aliases[a]));
                }
            }

            _backends.Remove(before[0].Key);
        }

        if (after is { Count: > 0 })
        {
            _backends[after[0].Key] = after;
            for (var i = 0; i < after.Count; i++)
            {
                var backend = after[i];
                File(_backendsByHost, backend.Host, backend.Key, after, GroupKey.Of(BackendsHostGroup, backend.Host));
                for (var a = 0; a < backend.Aliases.Count; a++)
                {
                    File(_backendsByAlias, backend.Aliases[a], backend.Key, after, GroupKey.Of(BackendsAliasGroup, backend.Aliases[a]));
                }
            }
        }

        Graph.Changed(GroupKey.Whole(BackendsGroup));
    }

    private void File<TKey>(Dictionary<TKey, SortedDictionary<ObjectKey, IReadOnlyList<BackendObject>>> index, TKey key, ObjectKey service, IReadOnlyList<BackendObject> backends, GroupKey group)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var filed))
        {
            filed = new SortedDictionary<ObjectKey, IReadOnlyList<BackendObject>>(ServiceKeyOrder.Instance);
            index[key] = filed;
        }

        filed[service] = backends;
        Graph.Changed(group);
    }

    private void Unfile<TKey>(Dictionary<TKey, SortedDictionary<ObjectKey, IReadOnlyList<BackendObject>>> index, TKey key, ObjectKey service, GroupKey group)
        where TKey : notnull
    {
        if (index.TryGetValue(key, out var filed) && filed.Remove(service) && filed.Count == 0)
        {
            index.Remove(key);
        }

        Graph.Changed(group);
    }

    private void ClustersChanged(ServiceClustersItem item, ServiceClusters? before, ServiceClusters? after)
    {
        foreach (var (cluster, endpoints) in before?.Clusters ?? [])
        {
            Disown(XdsResourceType.Cluster, cluster.Name, item);
            if (endpoints is not null)
            {
                Disown(XdsResourceType.Endpoint, endpoints.Name, item);
            }
        }

        foreach (var (cluster, endpoints) in after?.Clusters ?? [])
        {
            Own(XdsResourceType.Cluster, cluster, item);
            if (endpoints is not null)
            {
                Own(XdsResourceType.Endpoint, endpoints, item);
            }
        }
    }

    private void Own(XdsResourceType type, VersionedResource resource, DerivedItem owner)
    {
        ref var owners = ref CollectionsMarshal.GetValueRefOrAddDefault(_sharedOwners, (type, resource.Name), out _);
        owners ??= new ResourceOwners<VersionedResource>();
        owners.Set(owner, resource);
        Publish(type, resource.Name, owners);
        CountClusterOwners(type, resource.Name, owners.Count);
    }

    private void Disown(XdsResourceType type, string name, DerivedItem owner)
    {
        if (_sharedOwners.TryGetValue((type, name), out var owners) && owners.Remove(owner))
        {
            if (owners.Count == 0)
            {
                _sharedOwners.Remove((type, name));
            }

            Publish(type, name, owners);
            CountClusterOwners(type, name, owners.Count);
        }
    }

    // A cluster name two services give is looked at again whenever one of its owners changes (see ClusterNameWarnings).
    private void CountClusterOwners(XdsResourceType type, string name, int owners)
    {
        if (type != XdsResourceType.Cluster)
        {
            _warningsChanged |= owners > 1;
            return;
        }

        if (owners > 1)
        {
            _clusterNamesOwnedTwice.Add(name);
            _warningsChanged = true;
        }
        else if (_clusterNamesOwnedTwice.Remove(name))
        {
            _warningsChanged = true;
        }
    }

    /// <summary>The first owner in translation order wins a name two services' clusters share.</summary>
    private void Publish(XdsResourceType type, string name, ResourceOwners<VersionedResource> owners)
    {
        var shared = _sharedChanges ??= new ResourceSetBuilder(_shared);
        if (owners.Count == 0)
        {
            shared.Remove(type, name);
        }
        else
        {
            shared.Set(type, owners.First);
        }

        _touched.TouchShared(type, name);
    }

    private void ProxyChanged(NamespacedName gateway, ProxyOutput? after)
    {
        var old = _proxies.TryGetValue(gateway, out var state) ? state.Own : ResourceSet.Empty;
        var own = after?.Output is { } output
            ? ResourceSet.Of(
                Versioned(XdsResourceType.Listener, output.Listeners, static l => l.Name, old)
                    .Concat(Versioned(XdsResourceType.Route, output.Routes, static r => r.Name, old))
                    .Concat(ReusingEqual(XdsResourceType.Cluster, output.Clusters, old))
                    .Concat(ReusingEqual(XdsResourceType.Endpoint, output.Endpoints, old)))
            : null;

        // Only names whose resource is new, gone or different are touched; an equal resource keeps its versioned entry.
        foreach (var type in Enum.GetValues<XdsResourceType>())
        {
            foreach (var (name, resource) in old[type])
            {
                if (own is null || !own[type].TryGetValue(name, out var now) || !ReferenceEquals(now, resource))
                {
                    _touched.TouchOwn(gateway, type, name);
                    CountProxyName(type, name, gateway, false);
                }
            }

            foreach (var (name, resource) in (own ?? ResourceSet.Empty)[type])
            {
                if (!old[type].TryGetValue(name, out var was) || !ReferenceEquals(was, resource))
                {
                    _touched.TouchOwn(gateway, type, name);
                    CountProxyName(type, name, gateway, true);
                }
            }
        }

        _proxies = own is null ? _proxies.Remove(gateway) : _proxies.SetItem(gateway, new ProxyState(gateway, after!.Output!.IsWaypoint, own));
        var key = gateway.ToString();
        var statuses = after?.Status is { } status
            ? _statuses.Gateways.SetItem(key, new VersionedStatus("Gateway", key, status))
            : _statuses.Gateways.Remove(key);
        _statuses = _statuses with { Gateways = statuses };
        _touched.TouchStatus(StatusMaps.GatewayKind, key);
    }

    /// <summary>Keeps which proxies have a listener or route configuration of each name, so names several Gateways produce are known without a scan.</summary>
    private void CountProxyName(XdsResourceType type, string name, NamespacedName gateway, bool has)
    {
        if (type is not (XdsResourceType.Listener or XdsResourceType.Route))
        {
            return;
        }

        if (!_proxyNames.TryGetValue((type, name), out var owners))
        {
            owners = new SortedSet<NamespacedName>(ProxyOrder.Instance);
            _proxyNames[(type, name)] = owners;
        }

        var wasShared = owners.Count > 1;
        var changed = has ? owners.Add(gateway) : owners.Remove(gateway);
        var isShared = owners.Count > 1;
        if (owners.Count == 0)
        {
            _proxyNames.Remove((type, name));
        }

        if (isShared)
        {
            _sharedProxyNames.Add((type, name));
        }
        else
        {
            _sharedProxyNames.Remove((type, name));
        }

        _warningsChanged |= changed && (wasShared || isShared);
    }

    /// <summary>Each resource versioned, reusing <paramref name="old"/>'s entry (and its computed version) when the content is equal.</summary>
    private static IEnumerable<(XdsResourceType, VersionedResource)> Versioned<T>(XdsResourceType type, IEnumerable<T> resources, Func<T, string> name, ResourceSet old)
        where T : IMessage
        => resources.Select(r => (type, old[type].TryGetValue(name(r), out var was) && was.Resource.Equals(r) ? was : VersionedResource.Of(name(r), r)));

    /// <summary>Each resource as versioned already, or <paramref name="old"/>'s entry when its content is the same.</summary>
    private static IEnumerable<(XdsResourceType, VersionedResource)> ReusingEqual(XdsResourceType type, IEnumerable<VersionedResource> resources, ResourceSet old)
        => resources.Select(r => (type, old[type].TryGetValue(r.Name, out var was) && was.SameContent(r) ? was : r));

    private void PolicyStatusesChanged(IReadOnlyDictionary<string, BackendConfigPolicyStatus>? after)
    {
        var now = (after ?? new Dictionary<string, BackendConfigPolicyStatus>()).ToImmutableSortedDictionary(static s => s.Key, static s => new VersionedStatus("BackendConfigPolicy", s.Key, s.Value), StringComparer.Ordinal);
        foreach (var key in _statuses.BackendConfigPolicies.Keys.Concat(now.Keys))
        {
            _touched.TouchStatus(StatusMaps.BackendConfigPolicyKind, key);
        }

        _statuses = _statuses with { BackendConfigPolicies = now };
    }

    /// <summary>The state after this step: the last one with this step's outputs, route statuses and warnings.</summary>
    private EngineState Assemble(EngineState before)
    {
        var httpRoutes = _statuses.HttpRoutes;
        var grpcRoutes = _statuses.GrpcRoutes;
        var tcpRoutes = _statuses.TcpRoutes;
        var tlsRoutes = _statuses.TlsRoutes;
        foreach (var route in _dirtyRoutes)
        {
            var merged = new RouteStatusCollector();
            if (_routeReporters.TryGetValue(route, out var reporters))
            {
                foreach (var report in reporters.Values.SelectMany(static r => r.Emissions.RouteReports).Where(r => RouteKey(r.Route) == route))
                {
                    merged.Replay(report);
                }
            }

            if (route.Kind == GRPCRoute.KubeKind)
            {
                grpcRoutes = WithRoute(grpcRoutes, route, merged.All);
                _touched.TouchStatus(StatusMaps.GrpcRouteKind, route.Key);
            }
            else if (route.Kind == TCPRoute.KubeKind)
            {
                tcpRoutes = WithRoute(tcpRoutes, route, merged.All);
                _touched.TouchStatus(StatusMaps.TcpRouteKind, route.Key);
            }
            else if (route.Kind == TLSRoute.KubeKind)
            {
                tlsRoutes = WithRoute(tlsRoutes, route, merged.All);
                _touched.TouchStatus(StatusMaps.TlsRouteKind, route.Key);
            }
            else
            {
                httpRoutes = WithRoute(httpRoutes, route, merged.All);
                _touched.TouchStatus(StatusMaps.HttpRouteKind, route.Key);
            }
        }

        _dirtyRoutes.Clear();
        _statuses = _statuses with { HttpRoutes = httpRoutes, GrpcRoutes = grpcRoutes, TcpRoutes = tcpRoutes, TlsRoutes = tlsRoutes };
        _shared = _sharedChanges?.ToResourceSet() ?? _shared;
        _proxyless = _proxylessChanges?.ToResourceSet() ?? _proxyless;
        _sharedChanges = null;
        _proxylessChanges = null;
        var warnings = before.Warnings;
        if (_warningsChanged || before.Revision == 0)
        {
            warnings = [.. _warningItems.Values.SelectMany(static i => i.Emissions.Warnings).Concat(SharedNameWarnings()).Concat(ClusterNameWarnings()).Distinct()];
            _warningsChanged = false;
        }

        var proxyless = before.Proxyless;
        if (_proxylessWarningsChanged || !ReferenceEquals(_proxyless, proxyless.Resources) || !ReferenceEquals(_proxylessVisibility, proxyless.Visibility) || !ReferenceEquals(_proxylessContenders, proxyless.Contenders))
        {
            var proxylessWarnings = _proxylessWarningsChanged ? [.. _proxylessWarningItems.Values.SelectMany(static i => i.Emissions.Warnings).Distinct()] : proxyless.Warnings;
            proxyless = new ProxylessState(_proxyless, _proxylessVisibility, _proxylessContenders, proxylessWarnings);
            _proxylessWarningsChanged = false;
        }

        return new EngineState(before.Revision + 1, _shared, _proxies, _statuses, warnings, proxyless);
    }

    /// <summary>
    /// <paramref name="routes"/> with <paramref name="route"/>'s status made from <paramref name="parents"/> by the
    /// pipeline's route status rule (kgateway's when none writes it), or without it when no parent reported.
    /// </summary>
    private ImmutableSortedDictionary<string, VersionedStatus> WithRoute(ImmutableSortedDictionary<string, VersionedStatus> routes, (string Kind, string Key) route, IReadOnlyList<RouteParentStatus> parents)
        => parents.Count > 0
            ? routes.SetItem(route.Key, new VersionedStatus(route.Kind, route.Key, Pipeline.Stage<IRouteStatusRule>().RouteStatus(route.Kind, parents, Settings) ?? RouteStatusWriter.Write(route.Kind, parents, RouteStatusController.Kgateway(Settings.KgatewayControllerName))))
            : routes.Remove(route.Key);

    private void ProxylessWarningsChanged(DerivedItem item, ItemEmissions after)
    {
        _proxylessWarningsChanged = true;
        if (after.Warnings.Count > 0)
        {
            _proxylessWarningItems[item.Order] = item;
        }
        else
        {
            _proxylessWarningItems.Remove(item.Order);
        }
    }

    /// <summary>
    /// Files a service's proxyless resources. The first service in translation order gives a name's default; a listener or
    /// route configuration several services give keeps them all as contenders, which <see cref="ProxylessState.ResourcesFor"/>
    /// chooses among per client namespace (clusters and endpoints are named after their service, so any owner's will do).
    /// </summary>
    private void ProxylessChanged(DerivedItem owner, ProxylessService? before, ProxylessService? after)
    {
        foreach (var (type, name) in ProxylessNames(before))
        {
            if (_proxylessOwners.TryGetValue((type, name), out var owners) && owners.Remove(owner))
            {
                PublishProxyless(type, name, owners);
            }
        }

        foreach (var (type, resource) in ProxylessResources(after))
        {
            if (!_proxylessOwners.TryGetValue((type, resource.Name), out var owners))
            {
                owners = new ResourceOwners<ProxylessContender>();
                _proxylessOwners[(type, resource.Name)] = owners;
            }

            // A rule that names no owner ranks as the oldest, unnamed service.
            owners.Set(owner, new ProxylessContender(resource, after!.Visibility, after.Owner ?? new ProxylessOwner(string.Empty, string.Empty, null)));
            PublishProxyless(type, resource.Name, owners);
        }
    }

    private void PublishProxyless(XdsResourceType type, string name, ResourceOwners<ProxylessContender> owners)
    {
        _proxylessContenders = owners.Count > 1 && type is (XdsResourceType.Listener or XdsResourceType.Route)
            ? _proxylessContenders.SetItem((type, name), [.. owners.All])
            : _proxylessContenders.Remove((type, name));
        if (owners.Count == 0)
        {
            _proxylessOwners.Remove((type, name));
            (_proxylessChanges ??= new ResourceSetBuilder(_proxyless)).Remove(type, name);
            if (type == XdsResourceType.Listener)
            {
                _proxylessVisibility = _proxylessVisibility.Remove(name);
            }
        }
        else
        {
            var (resource, visibility, _) = owners.First;
            (_proxylessChanges ??= new ResourceSetBuilder(_proxyless)).Set(type, resource);
            if (type == XdsResourceType.Listener)
            {
                _proxylessVisibility = _proxylessVisibility.SetItem(name, visibility);
            }
        }

        _touched.TouchProxyless(type, name);
    }

    private static IEnumerable<(XdsResourceType Type, string Name)> ProxylessNames(ProxylessService? service)
        => ProxylessResources(service).Select(static r => (r.Type, r.Resource.Name));

    private static IEnumerable<(XdsResourceType Type, VersionedResource Resource)> ProxylessResources(ProxylessService? service)
    {
        if (service is null)
        {
            yield break;
        }

        foreach (var (cluster, endpoints) in service.Clusters)
        {
            yield return (XdsResourceType.Cluster, VersionedResource.Of(cluster.Name, cluster));
            yield return (XdsResourceType.Endpoint, VersionedResource.Of(endpoints.ClusterName, endpoints));
        }

        foreach (var listener in service.Listeners)
        {
            yield return (XdsResourceType.Listener, VersionedResource.Of(listener.Name, listener));
        }

        foreach (var route in service.Routes)
        {
            yield return (XdsResourceType.Route, VersionedResource.Of(route.Name, route));
        }
    }

    /// <summary>
    /// Every cluster name that services give with different contents: only the first in translation order is served, so
    /// the others' traffic would go to its endpoints. Built-in names are unique per service and port; a naming rule that
    /// leaves out part of that identity is what makes two backends meet here.
    /// </summary>
    private IEnumerable<TranslationWarning> ClusterNameWarnings()
    {
        foreach (var name in _clusterNamesOwnedTwice)
        {
            var clusters = _sharedOwners[(XdsResourceType.Cluster, name)].Owners.ToList();
            var endpoints = _sharedOwners.TryGetValue((XdsResourceType.Endpoint, name), out var assignments) ? assignments.Owners.ToList() : [];
            var kept = clusters[0].Key;
            var others = clusters.Skip(1)
                .Where(o => !o.Value.SameContent(clusters[0].Value) || !SameEndpoints(o.Key))
                .Select(static o => o.Key)
                .ToList();
            if (others.Count == 0)
            {
                continue;
            }

            var named = string.Join(", ", others.Take(SharedNameOwnersNamed).Select(Named));
            var more = others.Count > SharedNameOwnersNamed ? $" and {others.Count - SharedNameOwnersNamed} more" : "";
            yield return new TranslationWarning(
                $"cluster {name}",
                $"given by {Named(kept)} and, with other contents or endpoints, by {named}{more}; only {Named(kept)}'s is served, so traffic meant for the others reaches its endpoints. Each backend needs a cluster name of its own: check the cluster naming rules.");

            // An EDS cluster's own content is its name; what differs between two services is their load assignments
            // (none on either side is the same, one side only is not).
            bool SameEndpoints(ItemOrder owner)
                => (EndpointsOf(kept), EndpointsOf(owner)) switch
                {
                    (null, null) => true,
                    ({ } mine, { } theirs) => theirs.SameContent(mine),
                    _ => false,
                };

            VersionedResource? EndpointsOf(ItemOrder owner) => endpoints.FirstOrDefault(e => e.Key.Equals(owner)).Value;
        }

        static string Named(ItemOrder owner) => $"{owner.Kind} {owner.Namespace}/{owner.Name}";
    }

    /// <summary>Every resource name that more than one Gateway produced (each Gateway is its own proxy in kgateway).</summary>
    private IEnumerable<TranslationWarning> SharedNameWarnings()
    {
        foreach (var (type, name) in _sharedProxyNames)
        {
            var what = type == XdsResourceType.Listener ? "listener" : "route configuration";
            var owners = _proxyNames[(type, name)];
            var named = string.Join(", ", owners.Take(SharedNameOwnersNamed).Select(static g => g.ToString()));
            var more = owners.Count > SharedNameOwnersNamed ? $" and {owners.Count - SharedNameOwnersNamed} more" : "";
            yield return new TranslationWarning($"{what} {name}", $"produced by {owners.Count} Gateways ({named}{more}), each its own proxy; translate one of them with --gateway to get that proxy's configuration.");
        }
    }
}
