using RulesMesh.Mesh;

namespace RulesMesh.Translation.Backends;

/// <summary>Every backend, found by cluster name, by service and port, and by alias and port.</summary>
public sealed class BackendIndex
{
    private readonly Dictionary<string, BackendObject> _byCluster = new(StringComparer.Ordinal);
    private readonly Dictionary<(ObjectKey Service, int Port), List<BackendObject>> _byServicePort = [];
    private readonly Dictionary<(ObjectKey Alias, int Port), List<BackendObject>> _byAliasPort = [];
    private readonly Dictionary<(string Host, int Port), List<BackendObject>> _byHostPort = [];

    /// <summary>An index of no backends.</summary>
    public static BackendIndex Empty { get; } = new([]);

    /// <summary>Indexes <paramref name="backends"/> in the order given.</summary>
    public BackendIndex(IEnumerable<BackendObject> backends)
    {
        foreach (var backend in backends)
        {
            All.Add(backend);
            _byCluster.TryAdd(backend.ClusterName, backend);
            Add(_byServicePort, (backend.Service.Key, backend.Port.Port), backend);
            Add(_byHostPort, (backend.Host, backend.Port.Port), backend);
            foreach (var alias in backend.Aliases)
            {
                Add(_byAliasPort, (alias, backend.Port.Port), backend);
            }
        }
    }

    /// <summary>Every backend, in input order.</summary>
    public List<BackendObject> All { get; } = [];

    /// <summary>The backend with this cluster name.</summary>
    public BackendObject? ByClusterName(string clusterName) => _byCluster.GetValueOrDefault(clusterName);

    /// <summary>The backends of one service port: one for a Service, one per host for a ServiceEntry (hosts in order).</summary>
    public IReadOnlyList<BackendObject> ForServicePort(ObjectKey service, int port)
        => _byServicePort.TryGetValue((service, port), out var list) ? list : [];

    /// <summary>The backends of every service, in any namespace, that serves <paramref name="host"/> on <paramref name="port"/>.</summary>
    public IReadOnlyList<BackendObject> ForHost(string host, int port)
        => _byHostPort.TryGetValue((host, port), out var list) ? list : [];

    /// <summary>The backends an alias (such as a Hostname) points at on a port, from any namespace.</summary>
    public IReadOnlyList<BackendObject> ForAlias(ObjectKey alias, int port)
        => _byAliasPort.TryGetValue((alias, port), out var list) ? list : [];

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
