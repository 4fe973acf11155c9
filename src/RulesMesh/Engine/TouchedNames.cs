using RulesMesh.Mesh;

namespace RulesMesh.Engine;

/// <summary>The resource and status names one step wrote or removed, so its change set compares only those.</summary>
internal sealed class TouchedNames
{
    private readonly HashSet<string>[] _shared = [.. Enumerable.Range(0, 4).Select(static _ => new HashSet<string>(StringComparer.Ordinal))];
    private readonly HashSet<string>[] _proxyless = [.. Enumerable.Range(0, 4).Select(static _ => new HashSet<string>(StringComparer.Ordinal))];
    private readonly Dictionary<NamespacedName, HashSet<string>[]> _own = [];
    private readonly HashSet<string>[] _statuses = [.. Enumerable.Range(0, 6).Select(static _ => new HashSet<string>(StringComparer.Ordinal))];

    public void TouchShared(XdsResourceType type, string name) => _shared[(int)type].Add(name);

    public void TouchProxyless(XdsResourceType type, string name) => _proxyless[(int)type].Add(name);

    public void TouchOwn(NamespacedName proxy, XdsResourceType type, string name)
    {
        if (!_own.TryGetValue(proxy, out var sets))
        {
            sets = [.. Enumerable.Range(0, 4).Select(static _ => new HashSet<string>(StringComparer.Ordinal))];
            _own[proxy] = sets;
        }

        sets[(int)type].Add(name);
    }

    /// <summary>Touches the status <paramref name="key"/> of kind number <paramref name="kind"/> (the order of <see cref="StatusMaps.All"/>).</summary>
    public void TouchStatus(int kind, string key) => _statuses[kind].Add(key);

    public IEnumerable<string> Shared(XdsResourceType type) => _shared[(int)type];

    public IEnumerable<string> Proxyless(XdsResourceType type) => _proxyless[(int)type];

    public IEnumerable<string> Own(NamespacedName proxy, XdsResourceType type) => _own.TryGetValue(proxy, out var sets) ? sets[(int)type] : [];

    public IEnumerable<string> Statuses(int kind) => _statuses[kind];
}
