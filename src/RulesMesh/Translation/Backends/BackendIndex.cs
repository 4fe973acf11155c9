using RulesMesh.Mesh;

namespace RulesMesh.Translation.Backends;

/// <summary>Every backend, found by service and port, by alias and port, and by host and port.</summary>
public sealed class BackendIndex
{
    private readonly IBackendLookup _lookup;

    /// <summary>Indexes <paramref name="backends"/> in the order given.</summary>
    public BackendIndex(IEnumerable<BackendObject> backends) => _lookup = new IndexedBackends(backends);

    /// <summary>An index that asks <paramref name="lookup"/> (the engine's, per service).</summary>
    internal BackendIndex(IBackendLookup lookup) => _lookup = lookup;

    /// <summary>
    /// The backends stage of <paramref name="context"/>'s run: every backend of every service (the backends rule run once
    /// per service), shared by the later stages.
    /// </summary>
    public static BackendIndex For(TranslationContext context)
        => context.Index(static c => new BackendIndex(c.Capture.Services.SelectMany(s => c.Pipeline.Stage<IBackendsRule>().Backends(s.Service, c) ?? [])));

    /// <summary>Every backend, service by service (the engine's: by kind, namespace and name), each service's in its own order.</summary>
    public IReadOnlyList<BackendObject> All => _lookup.All();

    /// <summary>The backends of one service port: one for a Service, one per host for a ServiceEntry (hosts in order).</summary>
    public IReadOnlyList<BackendObject> ForServicePort(ObjectKey service, int port) => _lookup.ForServicePort(service, port);

    /// <summary>The backends of every service, in any namespace, that serves <paramref name="host"/> on <paramref name="port"/>.</summary>
    public IReadOnlyList<BackendObject> ForHost(string host, int port) => _lookup.ForHost(host, port);

    /// <summary>The backends of every service, in any namespace, that serves <paramref name="host"/>, on any of its ports.</summary>
    public IReadOnlyList<BackendObject> ForHost(string host) => _lookup.ForHost(host);

    /// <summary>The backends an alias (such as a Hostname) points at on a port, from any namespace.</summary>
    public IReadOnlyList<BackendObject> ForAlias(ObjectKey alias, int port) => _lookup.ForAlias(alias, port);

    /// <summary>Backends indexed once, in the order given.</summary>
    private sealed class IndexedBackends : IBackendLookup
    {
        private readonly List<BackendObject> _all = [];
        private readonly Dictionary<(ObjectKey Service, int Port), List<BackendObject>> _byServicePort = [];
        private readonly Dictionary<(ObjectKey Alias, int Port), List<BackendObject>> _byAliasPort = [];
        private readonly Dictionary<(string Host, int Port), List<BackendObject>> _byHostPort = [];
        private readonly Dictionary<string, List<BackendObject>> _byHost = [];

        public IndexedBackends(IEnumerable<BackendObject> backends)
        {
            foreach (var backend in backends)
            {
                _all.Add(backend);
                Add(_byServicePort, (backend.Service.Key, backend.Port.Port), backend);
                Add(_byHostPort, (backend.Host, backend.Port.Port), backend);
                Add(_byHost, backend.Host, backend);
                foreach (var alias in backend.Aliases)
                {
                    Add(_byAliasPort, (alias, backend.Port.Port), backend);
                }
            }
        }

        public IReadOnlyList<BackendObject> All() => _all;

        public IReadOnlyList<BackendObject> ForServicePort(ObjectKey service, int port) => _byServicePort.TryGetValue((service, port), out var list) ? list : [];

        public IReadOnlyList<BackendObject> ForHost(string host, int port) => _byHostPort.TryGetValue((host, port), out var list) ? list : [];

        public IReadOnlyList<BackendObject> ForHost(string host) => _byHost.TryGetValue(host, out var list) ? list : [];

        public IReadOnlyList<BackendObject> ForAlias(ObjectKey alias, int port) => _byAliasPort.TryGetValue((alias, port), out var list) ? list : [];

        private static void Add<TKey>(Dictionary<TKey, List<BackendObject>> index, TKey key, BackendObject backend)
            where TKey : notnull
        {
            if (!index.TryGetValue(key, out var list))
            {
                list = [];
                index[key] = list;
            }

            list.Add(backend);
        }
    }
}
