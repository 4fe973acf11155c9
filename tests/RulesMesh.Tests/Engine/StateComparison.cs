using RulesMesh.Engine;

namespace RulesMesh.Tests.Engine;

/// <summary>Compares engine states resource for resource (name, version and protobuf content), status for status and warning for warning, naming the first difference.</summary>
internal static class StateComparison
{
    /// <summary>The first difference between <paramref name="expected"/> (a full run) and <paramref name="actual"/>, or null.</summary>
    public static string? Difference(EngineState expected, EngineState actual)
    {
        if (Resources("shared resources", ByType(expected.Shared), ByType(actual.Shared)) is { } shared)
        {
            return shared;
        }

        var missing = expected.Proxies.Keys.Where(p => !actual.Proxies.ContainsKey(p)).Select(static p => p.ToString()).ToList();
        var extra = actual.Proxies.Keys.Where(p => !expected.Proxies.ContainsKey(p)).Select(static p => p.ToString()).ToList();
        if (missing.Count > 0 || extra.Count > 0)
        {
            return $"proxies: missing [{string.Join(", ", missing)}], extra [{string.Join(", ", extra)}]";
        }

        foreach (var (name, proxy) in expected.Proxies)
        {
            var other = actual.Proxies[name];
            if (proxy.IsWaypoint != other.IsWaypoint)
            {
                return $"proxy {name}: IsWaypoint is {other.IsWaypoint}, a full run says {proxy.IsWaypoint}";
            }

            if (Resources($"proxy {name}'s own resources", ByType(proxy.Own), ByType(other.Own)) is { } own)
            {
                return own;
            }
        }

        foreach (var (want, got) in expected.Statuses.All.Zip(actual.Statuses.All))
        {
            foreach (var key in want.Keys.Union(got.Keys, StringComparer.Ordinal))
            {
                var wanted = want.GetValueOrDefault(key);
                var gotten = got.GetValueOrDefault(key);
                if (wanted?.Version != gotten?.Version || wanted?.Kind != gotten?.Kind)
                {
                    return $"{wanted?.Kind ?? gotten?.Kind} {key} status: {Describe(gotten)}, a full run has {Describe(wanted)}";
                }
            }
        }

        if (!expected.Warnings.SequenceEqual(actual.Warnings))
        {
            var index = expected.Warnings.Zip(actual.Warnings).TakeWhile(static p => p.First == p.Second).Count();
            return $"warnings differ from #{index}: [{string.Join("; ", actual.Warnings.Skip(index).Take(3))}], a full run has [{string.Join("; ", expected.Warnings.Skip(index).Take(3))}] ({actual.Warnings.Length} against {expected.Warnings.Length} warnings)";
        }

        return null;
    }

    /// <summary>The first difference between two sets of resources by type and name, or null.</summary>
    public static string? Resources(string what, IReadOnlyList<IReadOnlyDictionary<string, VersionedResource>> expected, IReadOnlyList<IReadOnlyDictionary<string, VersionedResource>> actual)
    {
        foreach (var type in Enum.GetValues<XdsResourceType>())
        {
            var want = expected[(int)type];
            var got = actual[(int)type];
            var missing = want.Keys.Where(n => !got.ContainsKey(n)).Order(StringComparer.Ordinal).ToList();
            var extra = got.Keys.Where(n => !want.ContainsKey(n)).Order(StringComparer.Ordinal).ToList();
            if (missing.Count > 0 || extra.Count > 0)
            {
                return $"{what}, {type}: missing [{string.Join(", ", missing)}], extra [{string.Join(", ", extra)}]";
            }

            foreach (var (name, resource) in want.OrderBy(static r => r.Key, StringComparer.Ordinal))
            {
                var other = got[name];
                if (resource.Version != other.Version || !resource.Resource.Equals(other.Resource))
                {
                    return $"{what}, {type} {name}: version {other.Version}, expected {resource.Version}\n  got:      {other.Resource}\n  expected: {resource.Resource}";
                }
            }
        }

        return null;
    }

    /// <summary>A resource set's resources per type (indexed by <see cref="XdsResourceType"/>).</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, VersionedResource>> ByType(ResourceSet set)
        => [.. Enum.GetValues<XdsResourceType>().Select(type => (IReadOnlyDictionary<string, VersionedResource>)set[type])];

    private static string Describe(VersionedStatus? status) => status is null ? "none" : $"version {status.Version}";
}
