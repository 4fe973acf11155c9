using System.Globalization;
using k8s.Models;
using RulesMesh.Loading;
using RulesMesh.Mesh;
using RulesMesh.Rules;

namespace RulesMesh.Translation.Backends;

/// <summary>
/// kgateway's Service endpoints: the EndpointSlices labelled <c>kubernetes.io/service-name: &lt;service&gt;</c> in the
/// Service's namespace, the slice port named like the service port, every address of every endpoint that is not
/// explicitly unready (each address once), weight 1. An endpoint whose <c>targetRef</c> is a Pod takes that Pod's
/// augmented labels and its Node's locality (<see cref="PodIdentity"/>); the slice's own <c>nodeName</c>, <c>zone</c> and
/// <c>hints</c> are not read, and an endpoint without a Pod has no labels and no locality
/// (docs/spec/kgateway-destinationrule-priorities.md §B2).
/// </summary>
[Rule("kgateway.backends.service-endpoints", Order = 500,
    Description = "A Service backend's endpoints are the ready addresses of its EndpointSlices on the port of the same name, labelled and grouped by locality through their target Pod and its Node.")]
[AppliesTo("", "Service")]
public sealed class ServiceEndpoints : IEndpointsRule
{
    /// <summary>The label that ties an EndpointSlice to its Service.</summary>
    public const string ServiceNameLabel = "kubernetes.io/service-name";

    /// <inheritdoc />
    public BackendEndpoints? BuildEndpoints(BackendObject backend, TranslationContext context)
    {
        var store = context.Store;
        var service = backend.Service;
        var selector = new Dictionary<string, string> { [ServiceNameLabel] = service.Name };
        var selected = store.Select<V1EndpointSlice>(service.Namespace, selector);
        var slices = selected.Count > 1 ? [.. selected.OrderBy(static s => s.Metadata?.Name, StringComparer.Ordinal)] : selected;
        var addresses = AddressCount(slices);
        var endpoints = new LocalityEndpoints(addresses);
        var seen = new SeenAddresses(addresses);
        foreach (var slice in slices)
        {
            if (slice.AddressType is not ("IPv4" or "IPv6"))
            {
                // EDS endpoints are socket addresses: an FQDN slice (deprecated by Kubernetes) has nothing Envoy can use.
                context.Warn(Key(slice, service), "addressType", $"addressType {slice.AddressType ?? "(unset)"} is not IPv4 or IPv6; the slice is ignored");
                continue;
            }

            if (PortOf(slice, service, backend.Port.Name, context) is not { } port)
            {
                continue;
            }

            var sliceEndpoints = slice.Endpoints ?? [];
            for (var e = 0; e < sliceEndpoints.Count; e++)
            {
                var endpoint = sliceEndpoints[e];
                if (endpoint.Conditions?.Ready == false)
                {
                    continue;
                }

                var labels = Identity(context, endpoint, slice.Metadata?.NamespaceProperty ?? service.Namespace);
                var endpointAddresses = endpoint.Addresses ?? [];
                for (var a = 0; a < endpointAddresses.Count; a++)
                {
                    var address = endpointAddresses[a];
                    if (string.IsNullOrEmpty(address) || !seen.Add(address))
                    {
                        continue;
                    }

                    if (!IpAddresses.IsIp(address))
                    {
                        context.Warn(Key(slice, service), FieldPath.Index($"{FieldPath.Index("endpoints", e)}.addresses", a), string.Create(CultureInfo.InvariantCulture, $"endpoints[{e}].addresses[{a}]: {EnvoyValues.Quote(address)} is not an IP address; the address is dropped"));
                        continue;
                    }

                    endpoints.Add(labels, address, port, weight: 1, metadata: null);
                }
            }
        }

        return endpoints.Build(backend.ClusterName, backend.Key, context);
    }

    /// <summary>
    /// The addresses met so far, each endpoint's once: most services have a handful, which a linear search over an
    /// array finds for less than a hash set costs to make; a hash set past that.
    /// </summary>
    private struct SeenAddresses(int capacity)
    {
        private const int Searched = 16;

        private readonly HashSet<string>? _set = capacity > Searched ? new HashSet<string>(capacity, StringComparer.Ordinal) : null;
        private readonly string[]? _few = capacity > Searched ? null : new string[capacity];
        private int _count;

        /// <summary>Adds <paramref name="address"/>; false when it was met already.</summary>
        public bool Add(string address)
        {
            if (_set is not null)
            {
                return _set.Add(address);
            }

            if (Array.IndexOf(_few!, address, 0, _count) >= 0)
            {
                return false;
            }

            _few![_count++] = address;
            return true;
        }
    }

    /// <summary>How many addresses the slices list, to size what collects them.</summary>
    private static int AddressCount(IReadOnlyList<V1EndpointSlice> slices)
    {
        var count = 0;
        for (var s = 0; s < slices.Count; s++)
        {
            var sliceEndpoints = slices[s].Endpoints ?? [];
            for (var e = 0; e < sliceEndpoints.Count; e++)
            {
                count += sliceEndpoints[e].Addresses?.Count ?? 0;
            }
        }

        return count;
    }

    /// <summary>
    /// The number of the slice port named <paramref name="name"/> (an unnamed port matches an unnamed service port); one
    /// outside 1–65535 is ignored with a warning.
    /// </summary>
    private static uint? PortOf(V1EndpointSlice slice, MeshService service, string name, TranslationContext context)
    {
        var ports = slice.Ports ?? [];
        for (var i = 0; i < ports.Count; i++)
        {
            if ((ports[i].Name ?? string.Empty) != name || ports[i].Port is not { } number)
            {
                continue;
            }

            if (EnvoyValues.PortProblem(number) is { } problem)
            {
                context.Warn(Key(slice, service), FieldPath.Index("ports", i), string.Create(CultureInfo.InvariantCulture, $"ports[{i}]: {problem}; the port is ignored"));
                continue;
            }

            return (uint)number;
        }

        return null;
    }

    // Built only for a warning: most slices have none.
    private static ObjectKey Key(V1EndpointSlice slice, MeshService service)
        => new(V1EndpointSlice.KubeGroup, V1EndpointSlice.KubeKind, slice.Metadata?.NamespaceProperty ?? service.Namespace, slice.Metadata?.Name ?? string.Empty);

    private static EndpointLabels Identity(TranslationContext context, V1Endpoint endpoint, string sliceNamespace)
    {
        if (endpoint.TargetRef is not { Kind: "Pod", Name: { Length: > 0 } podName } target)
        {
            return EndpointLabels.None;
        }

        // A Pod whose manifest names no namespace is stored under "".
        var pod = context.Store.Get<V1Pod>(target.NamespaceProperty ?? sliceNamespace, podName) ?? context.Store.Get<V1Pod>(string.Empty, podName);
        return pod is null ? EndpointLabels.None : PodIdentity.Labels(pod, context.Store);
    }
}
