using System.Collections.Immutable;
using RulesMesh.Mesh;

namespace RulesMesh.Engine;

/// <summary>
/// The change set between two states. With <see cref="TouchedNames"/> only the names a step touched are compared, so
/// the cost follows what changed; without, every name is.
/// </summary>
internal static class StateDiff
{
    public static ChangeSet Between(EngineState before, EngineState after, TouchedNames? touched = null)
    {
        var types = Enum.GetValues<XdsResourceType>();
        var shared = new ProxyChanges([.. types.Select(type => Diff(type, Names(touched?.Shared(type), before.Shared[type].Keys, after.Shared[type].Keys), before.Shared, null, after.Shared, null)).OfType<TypeChanges>()]);
        var proxies = ImmutableSortedDictionary.CreateBuilder<NamespacedName, ProxyChanges>(ProxyOrder.Instance);
        foreach (var (name, proxy) in after.Proxies)
        {
            var existed = before.Proxies.TryGetValue(name, out var old);
            if (!existed)
            {
                // A new proxy had no view before: its whole view is sent.
                proxies[name] = WholeView(after.Shared, proxy.Own);
                continue;
            }

            if (touched is not null && Untouched(touched, name, old!.Own, proxy.Own))
            {
                // Nothing of its own changed or shadows a changed shared name: it sees exactly the shared changes.
                if (shared.Types.Count > 0)
                {
                    proxies[name] = shared;
                }

                continue;
            }

            var changes = types.Select(type =>
            {
                var names = touched is not null
                    ? touched.Shared(type).Concat(touched.Own(name, type)).Distinct(StringComparer.Ordinal)
                    : before.Shared[type].Keys.Concat(after.Shared[type].Keys).Concat(old!.Own[type].Keys).Concat(proxy.Own[type].Keys).Distinct(StringComparer.Ordinal);
                return Diff(type, names, before.Shared, old!.Own, after.Shared, proxy.Own);
            }).OfType<TypeChanges>().ToList();
            if (changes.Count > 0)
            {
                proxies[name] = new ProxyChanges(changes);
            }
        }

        var removed = before.Proxies.Keys.Where(name => !after.Proxies.ContainsKey(name)).ToImmutableArray();
        var statuses = before.Statuses.All.Zip(after.Statuses.All).Select((pair, kind) => StatusDiff(pair.First, pair.Second, touched?.Statuses(kind))).SelectMany(static s => s).ToImmutableArray();
        var proxyless = new ProxyChanges([.. types.Select(type => ProxylessDiff(type, Names(touched?.Proxyless(type), before.Proxyless.Resources[type].Keys, after.Proxyless.Resources[type].Keys), before.Proxyless, after.Proxyless)).OfType<TypeChanges>()]);
        return new ChangeSet(before.Revision, after.Revision, shared, proxies.ToImmutable(), removed, statuses) { Proxyless = proxyless };
    }

    /// <summary>The proxyless changes of <paramref name="type"/> among <paramref name="names"/>: a listener or route configuration whose visibility or contenders (another namespace's service for the name) changed is sent again too.</summary>
    private static TypeChanges? ProxylessDiff(XdsResourceType type, IEnumerable<string> names, ProxylessState before, ProxylessState after)
    {
        var changes = Diff(type, names, before.Resources, null, after.Resources, null);
        if (type is not (XdsResourceType.Listener or XdsResourceType.Route))
        {
            return changes;
        }

        var upserted = (changes?.Upserted ?? []).ToList();
        foreach (var name in names)
        {
            if (after.Resources[type].TryGetValue(name, out var now) && before.Resources[type].ContainsKey(name) && upserted.All(r => r.Name != name)
                && (!Equals(before.Visibility.GetValueOrDefault(name), after.Visibility.GetValueOrDefault(name))
                    || !before.Contenders.GetValueOrDefault((type, name), []).SequenceEqual(after.Contenders.GetValueOrDefault((type, name), []))))
            {
                upserted.Add(now);
            }
        }

        return upserted.Count == 0 && changes is null
            ? null
            : new TypeChanges(type, [.. upserted.OrderBy(static r => r.Name, StringComparer.Ordinal)], changes?.Removed ?? []);
    }

    /// <summary>Whether <paramref name="proxy"/> touched none of its own names and has none of the touched shared names of its own.</summary>
    private static bool Untouched(TouchedNames touched, NamespacedName proxy, ResourceSet ownBefore, ResourceSet ownAfter)
        => Enum.GetValues<XdsResourceType>().All(type => !touched.Own(proxy, type).Any()
            && touched.Shared(type).All(name => !ownBefore[type].ContainsKey(name) && !ownAfter[type].ContainsKey(name)));

    /// <summary>Everything a proxy sees, as upserts: the shared resources and its own (a shared one wins a name).</summary>
    private static ProxyChanges WholeView(ResourceSet shared, ResourceSet own)
        => new([.. Enum.GetValues<XdsResourceType>()
            .Select(type => (type, resources: own[type].Where(r => !shared[type].ContainsKey(r.Key)).Select(static r => r.Value).Concat(shared[type].Values).OrderBy(static r => r.Name, StringComparer.Ordinal).ToList()))
            .Where(static t => t.resources.Count > 0)
            .Select(static t => new TypeChanges(t.type, t.resources, []))]);

    private static IEnumerable<string> Names(IEnumerable<string>? touched, params IEnumerable<string>[] all)
        => touched ?? all.SelectMany(static n => n).Distinct(StringComparer.Ordinal);

    /// <summary>The changes of <paramref name="type"/> among <paramref name="names"/> in a view of shared resources over own ones (own null: shared only, or no view before).</summary>
    private static TypeChanges? Diff(XdsResourceType type, IEnumerable<string> names, ResourceSet sharedBefore, ResourceSet? ownBefore, ResourceSet sharedAfter, ResourceSet? ownAfter)
    {
        List<VersionedResource>? upserted = null;
        List<string>? removed = null;
        foreach (var name in names)
        {
            var was = Visible(type, name, sharedBefore, ownBefore);
            var now = Visible(type, name, sharedAfter, ownAfter);
            if (now is not null && (was is null || now.Version != was.Version))
            {
                (upserted ??= []).Add(now);
            }
            else if (now is null && was is not null)
            {
                (removed ??= []).Add(name);
            }
        }

        return upserted is null && removed is null
            ? null
            : new TypeChanges(type, [.. (upserted ?? []).OrderBy(static r => r.Name, StringComparer.Ordinal)], [.. (removed ?? []).Order(StringComparer.Ordinal)]);
    }

    private static VersionedResource? Visible(XdsResourceType type, string name, ResourceSet shared, ResourceSet? own)
        => shared[type].TryGetValue(name, out var resource) ? resource : own?[type].GetValueOrDefault(name);

    private static IEnumerable<StatusChange> StatusDiff(ImmutableSortedDictionary<string, VersionedStatus> before, ImmutableSortedDictionary<string, VersionedStatus> after, IEnumerable<string>? touched)
    {
        var keys = touched is null ? before.Keys.Concat(after.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal) : touched.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var was = before.GetValueOrDefault(key);
            var now = after.GetValueOrDefault(key);
            if (now is not null && (was is null || now.Version != was.Version))
            {
                yield return new StatusChange(now.Kind, key, now);
            }
            else if (now is null && was is not null)
            {
                yield return new StatusChange(was.Kind, key, null);
            }
        }
    }
}
