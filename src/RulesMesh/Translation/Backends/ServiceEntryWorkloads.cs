using k8s.Models;
using RulesMesh.Loading;
using RulesMesh.Mesh;
using RulesMesh.Models.NetworkingIstioIo.V1;

namespace RulesMesh.Translation.Backends;

/// <summary>
/// One Pod or WorkloadEntry a ServiceEntry selects, reduced to what its endpoints need (kgateway's
/// <c>LocalityPod</c> / WorkloadEntry workload, docs/spec/kgateway-waypoint.md §3.4).
/// </summary>
/// <param name="Address">The IP address (workloads without one, or with another kind of address, are not selected).</param>
/// <param name="Labels">The workload's labels as endpoint labels: locality, network and node written over them.</param>
/// <param name="Weight">Load-balancing weight, at least 1.</param>
/// <param name="Ports">A WorkloadEntry's port map (service port name → workload port), or null.</param>
/// <param name="Containers">A Pod's containers, whose named ports Istio maps as a WorkloadEntry's; null for a WorkloadEntry.</param>
internal sealed record SelectedWorkload(string Address, EndpointLabels Labels, uint Weight, IReadOnlyDictionary<string, uint>? Ports, IList<V1Container>? Containers)
{
    /// <summary>
    /// The port this workload maps the entry port <paramref name="portName"/> to: a WorkloadEntry's <c>ports</c> value when
    /// above 0; with <paramref name="containerPorts"/>, a Pod's first TCP container port of that name (istiod's
    /// <c>getPortMap</c>: the first of a name wins, as in Kubernetes); else null.
    /// </summary>
    public uint? Port(string portName, bool containerPorts)
    {
        if (Ports is not null)
        {
            return Ports.TryGetValue(portName, out var mapped) && mapped > 0 ? mapped : null;
        }

        if (!containerPorts || Containers is null)
        {
            return null;
        }

        foreach (var container in Containers)
        {
            foreach (var port in container.Ports ?? [])
            {
                if (port.Name == portName && (port.Protocol ?? "TCP") == "TCP" && port.ContainerPort > 0)
                {
                    return (uint)port.ContainerPort;
                }
            }
        }

        return null;
    }
}

/// <summary>
/// The workloads a ServiceEntry selects, grouped by locality (no locality first, then by region, zone, subzone), each
/// group by address.
/// </summary>
/// <param name="Localities">The groups.</param>
/// <param name="Count">How many workloads there are.</param>
/// <param name="SharesAddresses">Whether two workloads have the same address (only then can an endpoint repeat).</param>
internal sealed record WorkloadSet(IReadOnlyList<(EndpointLocality Locality, List<SelectedWorkload> Workloads)> Localities, int Count, bool SharesAddresses)
{
    /// <summary>No workloads.</summary>
    public static WorkloadSet Empty { get; } = new([], 0, false);
}

/// <summary>
/// The workloads a ServiceEntry's <c>workloadSelector</c> selects (docs/spec/kgateway-waypoint.md §3.4): Ready, non-terminating Pods matched on
/// their labels with their Node's topology labels written over them, and WorkloadEntries matched on their metadata labels
/// (unless they carry an exclusion key), both in the entry's namespace only. A WorkloadEntry without an address (on
/// another network) is left out quietly; one whose address is not an IP is left out with a warning. Derived once per
/// entry (the engine recomputes it only when what it read changed) and shared by every host and port of the entry; grouped by locality, each group sorted by
/// address, then kind and name.
/// </summary>
internal static class ServiceEntryWorkloads
{
    private const string ReadyCondition = "Ready";
    private const string UnixPrefix = "unix://";

    /// <summary>The workloads <paramref name="entry"/> (the source of <paramref name="service"/>) selects; empty without a selector.</summary>
    public static WorkloadSet For(MeshService service, ServiceEntry entry, TranslationContext context)
        => ReferenceEquals(context.Store.Get<ServiceEntry>(service.Namespace, entry.Metadata?.Name ?? string.Empty), entry)
            ? context.Derive(service.Key, static (c, key) => c.Store.Get<ServiceEntry>(key.Namespace, key.Name) is { } stored ? Select(key.Namespace, stored, c) : WorkloadSet.Empty)
            : Select(service.Namespace, entry, context);

    private static WorkloadSet Select(string ns, ServiceEntry entry, TranslationContext context)
    {
        var selector = entry.Spec.WorkloadSelector?.Labels;
        if (selector is not { Count: > 0 })
        {
            return WorkloadSet.Empty;
        }

        var found = new List<(SelectedWorkload Workload, string Kind, string Name)>();
        SelectPods(context, ns, selector, found);
        SelectWorkloadEntries(context, ns, selector, found);
        // One sort by locality, then address, kind and name; each run of one locality becomes its group.
        found.Sort(static (a, b) =>
        {
            var byLocality = a.Workload.Labels.Locality.CompareTo(b.Workload.Labels.Locality);
            if (byLocality != 0)
            {
                return byLocality;
            }

            var byAddress = string.CompareOrdinal(a.Workload.Address, b.Workload.Address);
            if (byAddress != 0)
            {
                return byAddress;
            }

            var byKind = string.CompareOrdinal(a.Kind, b.Kind);
            return byKind != 0 ? byKind : string.CompareOrdinal(a.Name, b.Name);
        });
        var localities = new List<(EndpointLocality Locality, List<SelectedWorkload> Workloads)>();
        var addresses = new HashSet<string>(found.Count, StringComparer.Ordinal);
        var sharesAddresses = false;
        for (var start = 0; start < found.Count;)
        {
            var locality = found[start].Workload.Labels.Locality;
            var end = start + 1;
            while (end < found.Count && found[end].Workload.Labels.Locality == locality)
            {
                end++;
            }

            var workloads = new List<SelectedWorkload>(end - start);
            for (var i = start; i < end; i++)
            {
                workloads.Add(found[i].Workload);
                sharesAddresses |= !addresses.Add(found[i].Workload.Address);
            }

            localities.Add((locality, workloads));
            start = end;
        }

        return new WorkloadSet(localities, found.Count, sharesAddresses);
    }

    private static void SelectPods(TranslationContext context, string ns, IReadOnlyDictionary<string, string> selector, List<(SelectedWorkload, string, string)> found)
    {
        // The store indexes the Pods' own labels; pairs on Node-decided keys are checked on the augmented labels.
        Dictionary<string, string>? podPart = null;
        List<KeyValuePair<string, string>>? nodePart = null;
        foreach (var pair in selector)
        {
            // Keys the Pod's Node decides need the augmented labels.
            if (EndpointLabels.NodeKeys.Contains(pair.Key))
            {
                (nodePart ??= []).Add(pair);
            }
            else
            {
                (podPart ??= new Dictionary<string, string>(StringComparer.Ordinal))[pair.Key] = pair.Value;
            }
        }

        var candidates = podPart is null ? context.Store.InNamespace<V1Pod>(ns) : context.Store.Select<V1Pod>(ns, podPart);
        foreach (var pod in candidates)
        {
            if (!IsReady(pod) || pod.Metadata?.DeletionTimestamp is not null)
            {
                continue;
            }

            var labels = PodIdentity.Labels(pod, context.Store);
            if (nodePart is not null && !Matches(labels, nodePart))
            {
                continue;
            }

            // A Pod without an IP yet has nothing to send to; one on another network without an IP is left out as well.
            var address = pod.Status?.PodIP;
            if (string.IsNullOrEmpty(address) || !IpAddresses.IsIp(address))
            {
                continue;
            }

            found.Add((new SelectedWorkload(address, labels, 1, null, pod.Spec?.Containers), V1Pod.KubeKind, pod.Metadata?.Name ?? string.Empty));
        }
    }

    private static void SelectWorkloadEntries(TranslationContext context, string ns, IReadOnlyDictionary<string, string> selector, List<(SelectedWorkload, string, string)> found)
    {
        var settings = context.Settings;
        foreach (var workloadEntry in context.Store.Select<WorkloadEntry>(ns, selector))
        {
            var meta = workloadEntry.Metadata;
            var spec = workloadEntry.Spec;
            if (Excluded(settings.WorkloadEntryExclusionLabelKeys, meta?.Labels, spec.Labels))
            {
                continue;
            }

            var labels = Labels(meta, spec.Labels, settings.PromotedWorkloadEntryAnnotations);
            var network = spec.Network is { Length: > 0 } net ? net : labels?.GetValueOrDefault(EndpointLabels.NetworkLabel);
            var locality = spec.Locality is { Length: > 0 } text ? EndpointLocality.Parse(text) : EndpointLocality.FromLabels(labels);
            var address = spec.Address ?? string.Empty;
            var name = meta?.Name ?? string.Empty;
            // Built only for a warning: most entries have none.
            ObjectKey Key() => new(WorkloadEntry.KubeGroup, WorkloadEntry.KubeKind, ns, name);
            if (address.Length == 0)
            {
                // An endpoint on another network is kgateway's to hand to network gateways; it never reaches the assignment.
                if (string.IsNullOrEmpty(network))
                {
                    context.Warn(Key(), "spec.address", "spec.address and spec.network are both empty; it is no ServiceEntry endpoint");
                }

                continue;
            }

            if (address.StartsWith(UnixPrefix, StringComparison.Ordinal))
            {
                context.Warn(Key(), "spec.address", $"spec.address '{address}' is a Unix domain socket, which kgateway does not support; it is no ServiceEntry endpoint");
                continue;
            }

            if (!IpAddresses.IsIp(address))
            {
                context.Warn(Key(), "spec.address", $"spec.address '{address}' is not an IP address, which resolution STATIC requires; it is no ServiceEntry endpoint");
                continue;
            }

            if (spec.Ports?.FirstOrDefault(static p => EnvoyValues.PortProblem(p.Value) is not null) is { Key: { } badName } bad)
            {
                // Falling back to the service's port would send traffic where the workload does not listen.
                context.Warn(Key(), FieldPath.Property("spec.ports", badName), $"spec.ports.{badName}: {EnvoyValues.PortProblem(bad.Value)}; it is no ServiceEntry endpoint");
                continue;
            }

            var weight = spec.Weight is { } w and > 0 ? w : 1u;
            found.Add((new SelectedWorkload(address, new EndpointLabels(locality, network, null, labels), weight, spec.Ports, null), WorkloadEntry.KubeKind, name));
        }
    }

    // A loop rather than a lambda: a lambda over the Pod's labels would be one closure per Pod.
    private static bool Matches(in EndpointLabels labels, List<KeyValuePair<string, string>> pairs)
    {
        foreach (var (key, value) in pairs)
        {
            if (labels.Get(key) != value)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsReady(V1Pod pod)
    {
        foreach (var condition in pod.Status?.Conditions ?? [])
        {
            if (condition.Type == ReadyCondition)
            {
                return condition.Status == "True";
            }
        }

        return false;
    }

    private static bool Excluded(IReadOnlyList<string> keys, IDictionary<string, string>? metadataLabels, IDictionary<string, string>? specLabels)
    {
        foreach (var key in keys)
        {
            if ((metadataLabels?.ContainsKey(key) ?? false) || (specLabels?.ContainsKey(key) ?? false))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The metadata labels overlaid by <c>spec.labels</c>, plus the promoted annotations; no copy when there is nothing to overlay.</summary>
    private static IReadOnlyDictionary<string, string>? Labels(V1ObjectMeta? meta, Dictionary<string, string>? specLabels, IReadOnlyList<string> promoted)
    {
        var promote = promoted.Count > 0 && meta?.Annotations is { Count: > 0 } annotations && promoted.Any(annotations.ContainsKey);
        if (specLabels is not { Count: > 0 } && !promote)
        {
            return ReadOnly(meta?.Labels);
        }

        var merged = meta?.Labels is { } own ? new Dictionary<string, string>(own, StringComparer.Ordinal) : new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in specLabels ?? [])
        {
            merged[key] = value;
        }

        if (promote)
        {
            foreach (var key in promoted)
            {
                if (meta!.Annotations.TryGetValue(key, out var value))
                {
                    merged[key] = value;
                }
            }
        }

        return merged;
    }

    // The loader's label maps are dictionaries already; wrap only what is not.
    private static IReadOnlyDictionary<string, string>? ReadOnly(IDictionary<string, string>? labels)
        => labels as IReadOnlyDictionary<string, string> ?? labels?.AsReadOnly();

}
