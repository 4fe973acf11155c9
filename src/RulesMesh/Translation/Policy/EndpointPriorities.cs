using RulesMesh.Rules;
using RulesMesh.Translation.Backends;

namespace RulesMesh.Translation.Policy;

/// <summary>
/// Endpoint priorities relative to the proxy asking for configuration (kgateway's <c>PrioritizeEndpoints</c>, which
/// follows Istio's locality load balancer). Every locality of an assignment is split into one entry per priority.
/// Unlike Istio, priorities are not compacted: a priority says how much of the failover list an endpoint missed, as
/// kgateway's goldens show (priorities 1, 2, 3 with no 0).
/// </summary>
internal static class EndpointPriorities
{
    /// <summary>Istio's failover labels for traffic distribution <c>PreferClose</c> / <c>PreferSameZone</c>.</summary>
    public static readonly IReadOnlyList<string> PreferSameZone =
        [EndpointLabels.NetworkLabel, EndpointLocality.RegionLabel, EndpointLocality.ZoneLabel, EndpointLocality.SubzoneLabel];

    /// <summary>Istio's failover labels for traffic distribution <c>PreferSameNode</c>.</summary>
    public static readonly IReadOnlyList<string> PreferSameNode = [.. PreferSameZone, EndpointLabels.HostnameLabel];

    /// <summary>Istio's failover labels for traffic distribution <c>PreferNetwork</c>.</summary>
    public static readonly IReadOnlyList<string> PreferNetwork = [EndpointLabels.NetworkLabel];

    /// <summary>
    /// The client's labels: <see cref="EngineSettings.ClientLabels"/> with the non-empty parts of
    /// <see cref="EngineSettings.ClientLocality"/> written over the region, zone and subzone labels.
    /// </summary>
    /// <remarks>Worked out once per translation, not once per assignment.</remarks>
    public static IReadOnlyDictionary<string, string> ClientLabels(TranslationContext context)
        => context.Index(static c => BuildClientLabels(c.Settings));

    private static ClientLabelSet BuildClientLabels(EngineSettings settings)
    {
        var labels = new ClientLabelSet();
        foreach (var (key, value) in settings.ClientLabels ?? new Dictionary<string, string>())
        {
            labels[key] = value;
        }

        var locality = EndpointLocality.Parse(settings.ClientLocality);
        Set(labels, EndpointLocality.RegionLabel, locality.Region);
        Set(labels, EndpointLocality.ZoneLabel, locality.Zone);
        Set(labels, EndpointLocality.SubzoneLabel, locality.Subzone);
        return labels;
    }

    /// <summary>
    /// Istio's <c>applyFailoverPriorities</c>: with N entries, an endpoint whose labels equal the client's for every entry
    /// gets priority 0, one that first differs at entry j (0-based) gets N − j. An entry <c>key=value</c> compares the
    /// endpoint's label with that value instead of the client's. Nothing happens without client labels. False when
    /// nothing changed.
    /// </summary>
    public static bool ApplyFailoverPriority(BackendEndpoints endpoints, IReadOnlyList<string> failoverPriority, TranslationContext context)
    {
        var client = ClientLabels(context);
        if (client.Count == 0 || failoverPriority.Count == 0)
        {
            return false;
        }

        var entries = new (string Key, string Expected)[failoverPriority.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = failoverPriority[i];
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            entries[i] = equals > 0
                ? (entry[..equals], entry[(equals + 1)..])
                : (entry, client.GetValueOrDefault(entry) ?? string.Empty);
        }

        var lowest = (uint)entries.Length;
        return endpoints.Prioritize(labels =>
        {
            for (var j = 0; j < entries.Length; j++)
            {
                if (!string.Equals(labels.Get(entries[j].Key), entries[j].Expected, StringComparison.Ordinal))
                {
                    return lowest - (uint)j;
                }
            }

            return 0;
        });
    }

    /// <summary>
    /// Istio's <c>applyLocalityFailover</c> (a locality setting without <c>failoverPriority</c>): same region, zone and
    /// subzone as the client 0, same region and zone 1, same region 2, otherwise 3, or 4 when a <c>failover</c> entry from
    /// the client's region names another region than the endpoint's. Nothing happens without a client locality.
    /// </summary>
    public static bool ApplyLocalityFailover(BackendEndpoints endpoints, IReadOnlyList<(string From, string To)> failover, EngineSettings settings)
    {
        var client = EndpointLocality.Parse(settings.ClientLocality);
        if (client.IsNone)
        {
            return false;
        }

        return endpoints.Prioritize(labels =>
        {
            var locality = labels.Locality;
            uint priority = locality.Region != client.Region ? 3u : locality.Zone != client.Zone ? 2u : locality.Subzone != client.Subzone ? 1u : 0u;
            if (priority == 3)
            {
                foreach (var (from, to) in failover)
                {
                    if (from == client.Region)
                    {
                        if (locality.Region != to)
                        {
                            priority = 4;
                        }

                        break;
                    }
                }
            }

            return priority;
        });
    }

    private static void Set(Dictionary<string, string> labels, string key, string value)
    {
        if (value.Length > 0)
        {
            labels[key] = value;
        }
    }

    /// <summary>The client's labels of one translation.</summary>
    private sealed class ClientLabelSet() : Dictionary<string, string>(StringComparer.Ordinal);
}
