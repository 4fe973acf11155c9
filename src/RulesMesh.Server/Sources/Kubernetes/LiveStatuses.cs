using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace RulesMesh.Server.Sources.Kubernetes;

/// <summary>
/// The <c>status</c> and <c>resourceVersion</c> of every object whose status the source writes, as the API server last
/// sent them (watch events, lists, reads after a conflict, and the responses to our own patches), so a status is written
/// only when it differs from what is there, also after a restart. Safe for the watchers and the writer to use at once.
/// </summary>
internal sealed class LiveStatuses
{
    private readonly ConcurrentDictionary<(string Kind, string Key), LiveStatus> _objects = new();

    /// <summary>The object exists as <paramref name="live"/> says.</summary>
    public void Seen(string kind, string key, LiveStatus live) => _objects[(kind, key)] = live with { Status = live.Status?.DeepClone() };

    /// <summary>The object is gone.</summary>
    public void Gone(string kind, string key) => _objects.TryRemove((kind, key), out _);

    /// <summary>After a relist: the objects of <paramref name="kind"/> are exactly <paramref name="objects"/>.</summary>
    public void Replace(string kind, IReadOnlyDictionary<string, LiveStatus> objects)
    {
        foreach (var stale in _objects.Keys.Where(entry => entry.Kind == kind && !objects.ContainsKey(entry.Key)).ToList())
        {
            _objects.TryRemove(stale, out _);
        }

        foreach (var (key, live) in objects)
        {
            Seen(kind, key, live);
        }
    }

    /// <summary>The objects whose kind, key and status (not to be changed) satisfy <paramref name="predicate"/>.</summary>
    public List<(string Kind, string Key)> KeysWhere(Func<string, string, JsonNode?, bool> predicate)
        => [.. _objects.Where(entry => predicate(entry.Key.Kind, entry.Key.Key, entry.Value.Status)).Select(static entry => entry.Key)];

    /// <summary>Whether the object exists, and its status (a copy) and resourceVersion.</summary>
    public bool TryGet(string kind, string key, out LiveStatus live)
    {
        if (_objects.TryGetValue((kind, key), out var entry))
        {
            live = entry with { Status = entry.Status?.DeepClone() };
            return true;
        }

        live = new LiveStatus(null, string.Empty);
        return false;
    }
}
