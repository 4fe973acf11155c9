using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace RulesMesh.Server.Sources.Kubernetes;

/// <summary>
/// The <c>status</c> of every object whose status the source writes, as the API server last sent it (watch events,
/// lists, and the responses to our own patches), so a status is written only when it differs from what is there, also
/// after a restart. Safe for the watchers and the writer to use at once.
/// </summary>
internal sealed class LiveStatuses
{
    private readonly ConcurrentDictionary<(string Kind, string Key), Entry> _objects = new();

    /// <summary>The object exists with <paramref name="status"/> (null: it has none).</summary>
    public void Seen(string kind, string key, JsonNode? status) => _objects[(kind, key)] = new Entry(status?.DeepClone());

    /// <summary>The object is gone.</summary>
    public void Gone(string kind, string key) => _objects.TryRemove((kind, key), out _);

    /// <summary>After a relist: the objects of <paramref name="kind"/> are exactly <paramref name="objects"/>.</summary>
    public void Replace(string kind, IReadOnlyDictionary<string, JsonNode?> objects)
    {
        foreach (var stale in _objects.Keys.Where(entry => entry.Kind == kind && !objects.ContainsKey(entry.Key)).ToList())
        {
            _objects.TryRemove(stale, out _);
        }

        foreach (var (key, status) in objects)
        {
            Seen(kind, key, status);
        }
    }

    /// <summary>Whether the object exists, and its status (a copy; null when it has none).</summary>
    public bool TryGet(string kind, string key, out JsonNode? status)
    {
        if (_objects.TryGetValue((kind, key), out var entry))
        {
            status = entry.Status?.DeepClone();
            return true;
        }

        status = null;
        return false;
    }

    /// <summary>One object's status; never changed once stored, so readers need no lock.</summary>
    private sealed record Entry(JsonNode? Status);
}
