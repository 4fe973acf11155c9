using System.Globalization;
using System.Text;
using RulesMesh.Engine;
using RulesMesh.Mesh;

namespace RulesMesh.Benchmarks;

/// <summary>What a change set holds, in one line: the shared resources upserted and removed (a few names each), how many proxies changed and what changed in the listeners and routes that are theirs alone, and how many statuses.</summary>
internal static class ChangeSetSummary
{
    private const int NamesShown = 2;

    public static string Describe(ChangeSet changes)
    {
        if (changes.IsEmpty)
        {
            return "empty";
        }

        var parts = new List<string>();
        foreach (var type in changes.Shared.Types)
        {
            parts.Add($"shared {type.Type} {Counted(type.Upserted.Select(static r => r.Name).ToList(), '+')}{Counted(type.Removed, '-')}".TrimEnd());
        }

        parts.Add(Count(changes.Proxies.Count, "proxy", "proxies") + " changed");
        var own = changes.Proxies
            .Select(static p => (p.Key, Types: p.Value.Types.Where(static t => t.Type is XdsResourceType.Listener or XdsResourceType.Route).ToList()))
            .Where(static p => p.Types.Count > 0)
            .ToList();
        parts.AddRange(own.Take(NamesShown).Select(static p => $"{p.Key} " + string.Join(", ", p.Types.Select(static t => $"{t.Type} {Counted(t.Upserted.Select(static r => r.Name).ToList(), '+')}{Counted(t.Removed, '-')}".TrimEnd()))));
        if (own.Count > NamesShown)
        {
            parts.Add($"listeners or routes of {own.Count - NamesShown} more proxies");
        }

        if (changes.RemovedProxies.Length > 0)
        {
            parts.Add("removed proxies " + string.Join(", ", changes.RemovedProxies));
        }

        parts.Add(Count(changes.Statuses.Length, "status", "statuses"));
        return string.Join("; ", parts);
    }

    /// <summary>The names of <paramref name="type"/> the change set upserts in the shared resources.</summary>
    public static IReadOnlyList<string> SharedUpserted(ChangeSet changes, XdsResourceType type)
        => changes.Shared[type]?.Upserted.Select(static r => r.Name).ToList() ?? [];

    /// <summary>The names of <paramref name="type"/> the change set removes from the shared resources.</summary>
    public static IReadOnlyList<string> SharedRemoved(ChangeSet changes, XdsResourceType type)
        => changes.Shared[type]?.Removed ?? [];

    /// <summary>The resources of <paramref name="type"/> the change set sends <paramref name="proxy"/>, upserted or removed.</summary>
    public static IReadOnlyList<string> ChangedFor(ChangeSet changes, NamespacedName proxy, XdsResourceType type)
        => changes.Proxies.TryGetValue(proxy, out var proxyChanges) && proxyChanges[type] is { } typeChanges
            ? [.. typeChanges.Upserted.Select(static r => r.Name), .. typeChanges.Removed]
            : [];

    private static string Counted(IReadOnlyList<string> names, char sign)
    {
        if (names.Count == 0)
        {
            return string.Empty;
        }

        var text = new StringBuilder().Append(sign).Append(names.Count.ToString(CultureInfo.InvariantCulture)).Append(" (").AppendJoin(", ", names.Take(NamesShown));
        return text.Append(names.Count > NamesShown ? ", …) " : ") ").ToString();
    }

    private static string Count(int count, string one, string many) => count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? one : many);
}
