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
        return !IsServiceHost(host, ns, context)
            && context.Derive(ns, EntryWinners).TryGetValue(host, out var winner) && ReferenceEquals(winner, entry);
    }

    // <name>.<ns>.svc.<domain> is Service <name>'s host when the namespace has that Service.
    private static bool IsServiceHost(string host, string ns, TranslationContext context)
    {
        // Compared in place: every backend of every entry asks.
        var domain = context.Settings.ClusterDomain;
        var suffixLength = ns.Length + domain.Length + ".svc.".Length + 1;
        if (host.Length <= suffixLength || host[^suffixLength] != '.')
        {
            return false;
        }

        var suffix = host.AsSpan(host.Length - suffixLength + 1);
        if (!suffix.StartsWith(ns, StringComparison.Ordinal)
            || !suffix[ns.Length..].StartsWith(".svc.", StringComparison.Ordinal)
            || !suffix[(ns.Length + ".svc.".Length)..].SequenceEqual(domain))
        {
            return false;
        }

        var name = host[..^suffixLength];
        return !name.Contains('.', StringComparison.Ordinal) && context.Store.Get<V1Service>(ns, name) is not null;
    }

    /// <summary>The entry istiod keeps for each host the entries of <paramref name="ns"/> claim: one pass over them, shared by all their backends.</summary>
    private static Dictionary<string, ServiceEntry> EntryWinners(TranslationContext context, string ns)
    {
        var winners = new Dictionary<string, ServiceEntry>(StringComparer.Ordinal);
        var entries = context.Store.InNamespace<ServiceEntry>(ns);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var hosts = entry.Spec?.Hosts;
            for (var h = 0; h < (hosts?.Count ?? 0); h++)
            {
                if (!winners.TryGetValue(hosts![h], out var held) || Older(entry, held))
                {
                    winners[hosts[h]] = entry;
                }
            }
        }

        return winners;
    }

    private static bool Older(ServiceEntry candidate, ServiceEntry entry)
    {
        var byAge = (candidate.Metadata?.CreationTimestamp ?? DateTime.MinValue).CompareTo(entry.Metadata?.CreationTimestamp ?? DateTime.MinValue);
        return byAge != 0 ? byAge < 0 : string.CompareOrdinal(candidate.Metadata?.Name, entry.Metadata?.Name) < 0;
    }
}
