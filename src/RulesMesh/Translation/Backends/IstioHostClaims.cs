using k8s.Models;
using RulesMesh.Models.NetworkingIstioIo.V1;

namespace RulesMesh.Translation.Backends;

/// <summary>
/// istiod keeps one service per host and namespace (<c>HostnameAndNamespace[host][ns]</c>): a Kubernetes Service whose
/// name the host is wins over every ServiceEntry claiming it (anti-squatting), then the oldest entry, then the smallest
/// name (docs/profiles.md, "What a waypoint owns"). The other claims are no service of that host.
/// </summary>
internal static class IstioHostClaims
{
    /// <summary>Whether <paramref name="entry"/>'s claim on <paramref name="host"/> is the one istiod keeps in the entry's namespace.</summary>
    public static bool EntryKeeps(ServiceEntry entry, string host, TranslationContext context)
    {
        var ns = entry.Metadata?.NamespaceProperty ?? string.Empty;
        var serviceSuffix = $".{ns}.svc.{context.Settings.ClusterDomain}";
        if (host.EndsWith(serviceSuffix, StringComparison.Ordinal)
            && host[..^serviceSuffix.Length] is { Length: > 0 } name && !name.Contains('.', StringComparison.Ordinal)
            && context.Store.Get<V1Service>(ns, name) is not null)
        {
            return false;
        }

        var entries = context.Store.InNamespace<ServiceEntry>(ns);
        for (var i = 0; i < entries.Count; i++)
        {
            var other = entries[i];
            if (!ReferenceEquals(other, entry) && Claims(other, host) && Older(other, entry))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Claims(ServiceEntry entry, string host)
    {
        // Each entry of the namespace is asked for each backend of every other: walked by index, nothing allocated.
        var hosts = entry.Spec?.Hosts;
        for (var i = 0; i < (hosts?.Count ?? 0); i++)
        {
            if (string.Equals(hosts![i], host, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Older(ServiceEntry candidate, ServiceEntry entry)
    {
        var byAge = (candidate.Metadata?.CreationTimestamp ?? DateTime.MinValue).CompareTo(entry.Metadata?.CreationTimestamp ?? DateTime.MinValue);
        return byAge != 0 ? byAge < 0 : string.CompareOrdinal(candidate.Metadata?.Name, entry.Metadata?.Name) < 0;
    }
}
