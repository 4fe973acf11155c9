using Envoy.Config.Core.V3;
using Envoy.Config.Listener.V3;
using RulesMesh.Mesh;

namespace RulesMesh.Translation.Listeners;

/// <summary>Settles filter chains that claim the same destination port and prefix (docs/spec/kgateway-waypoint.md §9.3).</summary>
internal static class FilterChainConflicts
{
    /// <summary>
    /// <paramref name="chains"/> in their order, with each (port, prefix) kept by one chain only: the chain of the older
    /// service, then of the smaller kind, namespace and name, then of the smaller chain name. A chain that loses a
    /// prefix is copied without it; one that loses all its prefixes is left out. <paramref name="warn"/> hears of each
    /// loss, about the losing service.
    /// </summary>
    public static IReadOnlyList<FilterChain> Resolve(IReadOnlyList<ServiceChain> chains, Action<MeshService, string> warn)
    {
        // A prefix is its address and length (the address never holds a '/'): no text is built per range.
        var owners = new Dictionary<(uint? Port, string Address, uint? Length), (FilterChain Chain, MeshService Service)>();
        var ranked = new (FilterChain Chain, int Index, MeshService Service)[chains.Count];
        for (var i = 0; i < ranked.Length; i++)
        {
            ranked[i] = (chains[i].Chain, i, chains[i].Service);
        }

        // Compare ends on the index, so the order is total and the sort needs no stability.
        Array.Sort(ranked, Compare);
        var kept = new FilterChain?[chains.Count];
        foreach (var (chain, index, service) in ranked)
        {
            var match = chain.FilterChainMatch;
            if (match is null || match.PrefixRanges.Count == 0)
            {
                kept[index] = chain;
                continue;
            }

            // Most chains keep every prefix: the list of those kept is made at the first one lost.
            List<CidrRange>? keep = null;
            var ranges = match.PrefixRanges;
            for (var r = 0; r < ranges.Count; r++)
            {
                var range = ranges[r];
                var key = (match.DestinationPort, range.AddressPrefix, range.PrefixLen);
                var owned = !owners.TryGetValue(key, out var owner);
                if (owned)
                {
                    owners[key] = (chain, service);
                }
                else if (!ReferenceEquals(owner.Chain, chain))
                {
                    warn(service, $"filter chain {chain.Name} claims {range.AddressPrefix}/{range.PrefixLen} port {match.DestinationPort}, already claimed by {Describe(owner.Service)} (chain {owner.Chain.Name}), which keeps it.");
                }

                // A prefix listed twice in one chain is kept once.
                if (!owned && keep is null)
                {
                    keep = new List<CidrRange>(ranges.Count);
                    for (var k = 0; k < r; k++)
                    {
                        keep.Add(ranges[k]);
                    }
                }
                else if (owned)
                {
                    keep?.Add(range);
                }
            }

            if (keep is null)
            {
                kept[index] = chain;
            }
            else if (keep.Count == 0)
            {
                warn(service, $"filter chain {chain.Name} is left out: every VIP and port it matches belongs to another chain.");
            }
            else
            {
                var copy = chain.Clone();
                copy.FilterChainMatch.PrefixRanges.Clear();
                copy.FilterChainMatch.PrefixRanges.AddRange(keep);

                kept[index] = copy;
            }
        }

        var resolved = new List<FilterChain>(kept.Length);
        foreach (var chain in kept)
        {
            if (chain is not null)
            {
                resolved.Add(chain);
            }
        }

        return resolved;
    }

    private static int Compare((FilterChain Chain, int Index, MeshService Service) a, (FilterChain Chain, int Index, MeshService Service) b)
    {
        // Unknown creation times sort after known ones: an object with a timestamp has provably existed longer.
        var aCreated = a.Service.Source.Metadata?.CreationTimestamp ?? DateTime.MaxValue;
        var bCreated = b.Service.Source.Metadata?.CreationTimestamp ?? DateTime.MaxValue;
        var order = aCreated.CompareTo(bCreated);
        if (order == 0)
        {
            order = string.CompareOrdinal(a.Service.Key.Kind, b.Service.Key.Kind);
        }

        if (order == 0)
        {
            order = string.CompareOrdinal(a.Service.Key.Namespace, b.Service.Key.Namespace);
        }

        if (order == 0)
        {
            order = string.CompareOrdinal(a.Service.Key.Name, b.Service.Key.Name);
        }

        if (order == 0)
        {
            order = string.CompareOrdinal(a.Chain.Name, b.Chain.Name);
        }

        return order != 0 ? order : a.Index.CompareTo(b.Index);
    }

    private static string Describe(MeshService service) => WarningSubject.Of(service.Key);
}
