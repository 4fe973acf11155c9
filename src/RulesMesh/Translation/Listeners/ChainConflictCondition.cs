using System.Globalization;
using Envoy.Config.Listener.V3;
using k8s.Models;
using RulesMesh.Capture;

namespace RulesMesh.Translation.Listeners;

/// <summary>
/// The waypoint Gateway's status condition about services whose VIP and port another captured service claims too
/// (docs/spec/kgateway-waypoint.md §9.3: the conflict is settled and "reported as a warning and in status"). Read from
/// what the listener rule kept, whatever rule built it: each VIP and port a service's chain asked for and the listener
/// gives another chain.
/// </summary>
internal static class ChainConflictCondition
{
    /// <summary>The condition's type, RulesMesh's own (Gateway API allows domain-prefixed implementation types).</summary>
    public const string Type = "rulesmesh.dev/ServiceAddressConflicts";

    private const int MostNamed = 50;

    /// <summary>
    /// <c>True</c>, reason <c>AddressesClaimedTwice</c>, naming each service that lost a VIP and port and the one that kept
    /// it, when the listener built from <paramref name="chains"/> left a chain's VIP and port to another; null when none did.
    /// </summary>
    public static V1Condition? Of(IReadOnlyList<ServiceChain> chains, Listener listener, long? observedGeneration)
    {
        ArgumentNullException.ThrowIfNull(chains);
        ArgumentNullException.ThrowIfNull(listener);
        if (KeptWhole(chains, listener))
        {
            return null;
        }

        var owners = new Dictionary<(uint? Port, string Address, uint? Length), string>();
        foreach (var chain in listener.FilterChains)
        {
            foreach (var range in chain.FilterChainMatch?.PrefixRanges ?? [])
            {
                owners.TryAdd((chain.FilterChainMatch!.DestinationPort, range.AddressPrefix, range.PrefixLen), chain.Name);
            }
        }

        var byChain = chains.GroupBy(static c => c.Chain.Name, StringComparer.Ordinal).ToDictionary(static g => g.Key, static g => g.First().Service, StringComparer.Ordinal);
        var lost = new List<string>();
        foreach (var (chain, _, service) in chains)
        {
            var match = chain.FilterChainMatch;
            foreach (var range in match?.PrefixRanges ?? [])
            {
                if (owners.TryGetValue((match!.DestinationPort, range.AddressPrefix, range.PrefixLen), out var owner) && owner != chain.Name)
                {
                    var winner = byChain.TryGetValue(owner, out var kept) ? $"{kept.Key.Kind} {kept.Namespace}/{kept.Name}" : $"chain {owner}";
                    lost.Add(string.Create(CultureInfo.InvariantCulture, $"{service.Key.Kind} {service.Namespace}/{service.Name} claims {range.AddressPrefix}/{range.PrefixLen} port {match.DestinationPort}, which {winner} keeps"));
                }
            }
        }

        if (lost.Count == 0)
        {
            return null;
        }

        // A condition message may hold 32,768 characters: the first conflicts are named, the rest counted.
        var distinct = lost.Distinct(StringComparer.Ordinal).ToList();
        var named = string.Join("; ", distinct.Take(MostNamed));
        var more = distinct.Count > MostNamed ? string.Create(CultureInfo.InvariantCulture, $"; and {distinct.Count - MostNamed} more") : string.Empty;
        return GatewayConditions.Create(Type, true, "AddressesClaimedTwice", $"{named}{more} (the older service keeps an address; the other's chain loses it)", observedGeneration);
    }

    // The common case, checked without allocating: the listener holds the very chains it was given, in order.
    private static bool KeptWhole(IReadOnlyList<ServiceChain> chains, Listener listener)
    {
        if (listener.FilterChains.Count != chains.Count)
        {
            return false;
        }

        for (var i = 0; i < chains.Count; i++)
        {
            if (!ReferenceEquals(listener.FilterChains[i], chains[i].Chain))
            {
                return false;
            }
        }

        return true;
    }
}
