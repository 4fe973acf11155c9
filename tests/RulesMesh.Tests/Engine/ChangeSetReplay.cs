using RulesMesh.Engine;
using RulesMesh.Mesh;

namespace RulesMesh.Tests.Engine;

/// <summary>
/// What a client that knows only the change sets holds: starting from nothing, per proxy and type the resources by
/// name, the shared resources, and the statuses. Applying a change set also checks that it is exact: every upsert is
/// new or has a new version, every removal removes something, every status change changes something.
/// </summary>
internal sealed class ChangeSetReplay
{
    private readonly Dictionary<string, VersionedResource>[] _shared = NewView();
    private readonly Dictionary<NamespacedName, Dictionary<string, VersionedResource>[]> _proxies = [];
    private readonly Dictionary<(string Kind, string Key), VersionedStatus> _statuses = [];
    private long _revision;

    /// <summary>Applies <paramref name="changes"/>; returns the first thing in it that is not a change, or null.</summary>
    public string? Apply(ChangeSet changes)
    {
        if (changes.FromRevision != _revision)
        {
            return $"the change set applies to revision {changes.FromRevision}, but the last one led to {_revision}";
        }

        _revision = changes.ToRevision;
        var problem = Apply("shared", _shared, changes.Shared);
        foreach (var removed in changes.RemovedProxies)
        {
            problem ??= _proxies.Remove(removed) ? null : $"proxy {removed} is removed but was never sent";
            problem ??= changes.Proxies.ContainsKey(removed) ? $"proxy {removed} is both removed and changed" : null;
        }

        foreach (var (proxy, proxyChanges) in changes.Proxies)
        {
            if (!_proxies.TryGetValue(proxy, out var view))
            {
                view = NewView();
                _proxies[proxy] = view;
            }

            problem ??= Apply($"proxy {proxy}", view, proxyChanges);
        }

        foreach (var status in changes.Statuses)
        {
            var key = (status.Kind, status.Key);
            if (status.Status is { } written)
            {
                problem ??= _statuses.TryGetValue(key, out var was) && was.Version == written.Version ? $"{status.Kind} {status.Key}: status sent again with the same version {written.Version}" : null;
                problem ??= written.Kind != status.Kind || written.Key != status.Key ? $"{status.Kind} {status.Key}: the status sent is {written.Kind} {written.Key}'s" : null;
                _statuses[key] = written;
            }
            else
            {
                problem ??= _statuses.Remove(key) ? null : $"{status.Kind} {status.Key}: status removed but never sent";
            }
        }

        return problem;
    }

    /// <summary>The first difference between what the change sets built and <paramref name="state"/>, or null.</summary>
    public string? Differs(EngineState state)
    {
        if (StateComparison.Resources("replayed shared resources", StateComparison.ByType(state.Shared), _shared) is { } shared)
        {
            return shared;
        }

        var proxies = string.Join(", ", _proxies.Keys.Select(static p => p.ToString()).Order(StringComparer.Ordinal));
        var expected = string.Join(", ", state.Proxies.Keys.Select(static p => p.ToString()).Order(StringComparer.Ordinal));
        if (proxies != expected)
        {
            return $"replayed proxies are [{proxies}], the state's are [{expected}]";
        }

        foreach (var proxy in state.Proxies.Keys)
        {
            if (StateComparison.Resources($"replayed view of proxy {proxy}", StateComparison.ByType(state.ResourcesOf(proxy)), _proxies[proxy]) is { } difference)
            {
                return difference;
            }
        }

        var statuses = state.Statuses.All.SelectMany(static map => map.Values).ToDictionary(static s => (s.Kind, s.Key));
        foreach (var (key, status) in statuses)
        {
            if (!_statuses.TryGetValue(key, out var replayed))
            {
                return $"{key.Kind} {key.Key}: the state has a status (version {status.Version}) the change sets never sent";
            }

            if (replayed.Version != status.Version)
            {
                return $"{key.Kind} {key.Key}: the change sets leave status version {replayed.Version}, the state has {status.Version}";
            }
        }

        return _statuses.Keys.Where(k => !statuses.ContainsKey(k)).Select(static k => $"{k.Kind} {k.Key}: the change sets keep a status the state does not have").FirstOrDefault();
    }

    private static string? Apply(string receiver, Dictionary<string, VersionedResource>[] view, ProxyChanges changes)
    {
        string? problem = null;
        foreach (var type in changes.Types)
        {
            problem ??= type.IsEmpty ? $"{receiver}: an empty {type.Type} entry" : null;
            foreach (var name in type.Removed)
            {
                problem ??= view[(int)type.Type].Remove(name) ? null : $"{receiver}: {type.Type} {name} removed but never sent";
            }

            foreach (var resource in type.Upserted)
            {
                problem ??= view[(int)type.Type].TryGetValue(resource.Name, out var was) && was.Version == resource.Version
                    ? $"{receiver}: {type.Type} {resource.Name} sent again with the same version {resource.Version}"
                    : null;
                view[(int)type.Type][resource.Name] = resource;
            }
        }

        return problem;
    }

    private static Dictionary<string, VersionedResource>[] NewView() => [.. Enum.GetValues<XdsResourceType>().Select(static _ => new Dictionary<string, VersionedResource>(StringComparer.Ordinal))];
}
