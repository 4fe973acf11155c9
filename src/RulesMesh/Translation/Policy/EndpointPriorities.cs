using RulesMesh.Rules;
using RulesMesh.Translation.Backends;

namespace RulesMesh.Translation.Policy;

/// <summary>
/// Endpoint priorities relative to the proxy asking for configuration (kgateway's <c>PrioritizeEndpoints</c>,
/// docs/spec/kgateway-destinationrule-priorities.md §B4–B6). Every locality of an assignment is split into one entry per
/// priority. With no client (no <see cref="EngineSettings.ClientNamespace"/>, <see cref="EngineSettings.ClientLocality"/>
/// or <see cref="EngineSettings.ClientLabels"/>) nothing is prioritized; a client whose Pod and Node give no locality or
/// labels is compared as having empty ones, as kgateway and Istio compare every proxy.
/// </summary>
internal static class EndpointPriorities
{
    /// <summary>
    /// The label list of traffic distribution <paramref name="mode"/> (§B5): <c>PreferSameZone</c> network, region, zone;
    /// <c>PreferSameNode</c> those, subzone and <c>kubernetes.io/hostname</c>; <c>PreferNetwork</c> network; <c>Any</c>
    /// none. The region is <c>topology.kubernetes.io/region</c> (§D), not kgateway's deprecated beta label.
    /// <paramref name="withSubzone"/> adds the subzone to <c>PreferSameZone</c>, as Istio's list has it.
    /// </summary>
    public static IReadOnlyList<string> Labels(TrafficDistributionMode mode, bool withSubzone = false) => mode switch
    {
        TrafficDistributionMode.PreferSameZone when withSubzone => [EndpointLabels.NetworkLabel, EndpointLocality.RegionLabel, EndpointLocality.ZoneLabel, EndpointLocality.SubzoneLabel],
        TrafficDistributionMode.PreferSameZone => [EndpointLabels.NetworkLabel, EndpointLocality.RegionLabel, EndpointLocality.ZoneLabel],
        TrafficDistributionMode.PreferSameNode => [EndpointLabels.NetworkLabel, EndpointLocality.RegionLabel, EndpointLocality.ZoneLabel, EndpointLocality.SubzoneLabel, EndpointLabels.HostnameLabel],
        TrafficDistributionMode.PreferNetwork => [EndpointLabels.NetworkLabel],
        _ => [],
    };

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
    /// The label-list priority (§B4): each entry is split on <c>=</c>; part 0 is the key and, when there are exactly two
    /// parts, part 1 is the value compared instead of the client's (<c>a=b=c</c> is key <c>a</c>, no override). With N
    /// entries, an endpoint first differing at entry j (0-based) gets N − j, one differing nowhere 0; a missing label
    /// compares as empty. kgateway keeps the gaps; <paramref name="compact"/> (Istio) replaces each distinct priority by
    /// its rank. False when nothing changed.
    /// </summary>
    public static bool ApplyLabelList(BackendEndpoints endpoints, IReadOnlyList<string> entries, TranslationContext context, bool compact)
    {
        if (!HasClient(context.Settings) || entries.Count == 0)
        {
            return false;
        }

        var client = ClientLabels(context);
        var parsed = new (string Key, string Expected)[entries.Count];
        for (var i = 0; i < parsed.Length; i++)
        {
            var parts = entries[i].Split('=');
            parsed[i] = (parts[0], parts.Length == 2 ? parts[1] : client.GetValueOrDefault(parts[0]) ?? string.Empty);
        }

        var n = (uint)parsed.Length;
        return endpoints.Prioritize(
            labels =>
            {
                for (var j = 0; j < parsed.Length; j++)
                {
                    if (!string.Equals(labels.Get(parsed[j].Key), parsed[j].Expected, StringComparison.Ordinal))
                    {
                        return n - (uint)j;
                    }
                }

                return 0;
            },
            compact);
    }

    /// <summary>
    /// Locality failover (§B6, a locality setting without <c>failoverPriority</c>): same region, zone and subzone as the
    /// client 0, same region and zone 1, same region 2, otherwise 3; a 3 becomes 4 when the first <c>failover</c> entry
    /// from the client's region names another region than the endpoint's, or the endpoint has no locality. The distinct
    /// values are then replaced by their rank. Nothing happens without a client; a client without a locality has the
    /// empty one, which only endpoints without a locality share.
    /// </summary>
    public static bool ApplyLocalityFailover(BackendEndpoints endpoints, IReadOnlyList<(string From, string To)> failover, EngineSettings settings)
    {
        if (!HasClient(settings))
        {
            return false;
        }

        var client = EndpointLocality.Parse(settings.ClientLocality);

        string? failoverTo = null;
        foreach (var (from, to) in failover)
        {
            if (from == client.Region)
            {
                failoverTo = to;
                break;
            }
        }

        return endpoints.Prioritize(
            labels =>
            {
                var locality = labels.Locality;
                var priority = locality.Region != client.Region ? 3u : locality.Zone != client.Zone ? 2u : locality.Subzone != client.Subzone ? 1u : 0u;
                if (priority == 3 && failoverTo is not null && (locality.Region != failoverTo || locality.IsNone))
                {
                    priority = 4;
                }

                return priority;
            },
            compact: true);
    }

    /// <summary>Whether a proxy asks for this configuration: its namespace, locality or labels describe it.</summary>
    private static bool HasClient(EngineSettings settings)
        => settings.ClientNamespace is not null || settings.ClientLocality is not null || settings.ClientLabels is { Count: > 0 };

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
