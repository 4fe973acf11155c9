using System.Globalization;
using k8s;
using k8s.Models;
using RulesMesh.Models.NetworkingIstioIo.V1;
using RulesMesh.Models.SecurityIstioIo.V1;

namespace RulesMesh.Synthetic;

/// <summary>
/// Builds a deterministic synthetic mesh for scale tests: the same options always give the same objects.
/// Namespaces <c>ns-0…</c> each hold a waypoint Gateway, with a DENY AuthorizationPolicy targeting it, and capture
/// everything in them by namespace label; Nodes carry topology labels; Services get Pods on those Nodes and an
/// EndpointSlice, and a share of them an HTTPRoute with weighted backends, an ALLOW AuthorizationPolicy or a
/// DestinationRule with locality failover (see <see cref="SyntheticMeshOptions"/>); ServiceEntries alternate
/// STATIC-with-selector (WorkloadEntries and Pods) and DNS.
/// </summary>
public static class SyntheticMesh
{
    /// <summary>The mesh's objects.</summary>
    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Build(SyntheticMeshOptions options)
    {
        var objects = new List<IKubernetesObject<V1ObjectMeta>>();
        var namespaces = Enumerable.Range(0, Math.Max(1, options.Waypoints)).Select(i => "ns-" + I(i)).ToList();
        foreach (var ns in namespaces)
        {
            objects.Add(new V1Namespace
            {
                ApiVersion = "v1",
                Kind = "Namespace",
                Metadata = new V1ObjectMeta { Name = ns, Labels = new Dictionary<string, string> { ["istio.io/use-waypoint"] = "waypoint" } },
            });
            objects.Add(SyntheticGatewayApiObjects.Waypoint(ns));
            objects.Add(DenyPolicy(ns));
        }

        objects.AddRange(Enumerable.Range(0, options.Nodes).Select(Node));

        var podsPerService = options.Services == 0 ? 0 : options.Workloads / 2 / options.Services;
        for (var i = 0; i < options.Services; i++)
        {
            var ns = namespaces[i % namespaces.Count];
            var name = "svc-" + I(i);
            objects.Add(Service(ns, name, i, options.PortsPerService));
            if (IsEvery(i, options.HttpRouteEvery))
            {
                objects.Add(SyntheticGatewayApiObjects.Route(ns, i, RouteSplitPartner(i, options.Services, namespaces.Count), options.RulesPerHttpRoute));
            }

            if (IsEvery(i, options.AuthorizationPolicyEvery))
            {
                objects.Add(AllowPolicy(ns, name));
            }

            if (IsEvery(i, options.DestinationRuleEvery))
            {
                objects.Add(Failover(ns, name));
            }

            var pods = Enumerable.Range(0, podsPerService).Select(p => Pod(ns, name, i, p, options.Nodes)).ToList();
            objects.AddRange(pods);
            objects.Add(Slice(ns, name, pods, options.PortsPerService));
        }

        var staticEntries = (options.ServiceEntries + 1) / 2;
        var entriesPerStatic = staticEntries == 0 ? 0 : (options.Workloads - (podsPerService * options.Services)) / staticEntries;
        for (var i = 0; i < options.ServiceEntries; i++)
        {
            var ns = namespaces[i % namespaces.Count];
            var name = "se-" + I(i);
            var isStatic = i % 2 == 0;
            objects.Add(Entry(ns, name, i, isStatic, options.PortsPerService));
            if (isStatic)
            {
                // A selector picks Pods and WorkloadEntries alike: alternate them.
                objects.AddRange(Enumerable.Range(0, entriesPerStatic).Select(w => w % 2 == 0
                    ? (IKubernetesObject<V1ObjectMeta>)WorkloadEntry(ns, name, i, w)
                    : Pod(ns, name, i, w, options.Nodes)));
            }
        }

        return objects;
    }

    /// <summary>
    /// The Service an HTTPRoute on Service <paramref name="index"/> sends a tenth of its traffic to: the next Service of the
    /// same namespace, else the previous one; null when the namespace has no other.
    /// </summary>
    public static int? RouteSplitPartner(int index, int services, int namespaces)
        => index + namespaces < services ? index + namespaces
            : index - namespaces >= 0 ? index - namespaces
            : null;

    private static bool IsEvery(int index, int every) => every > 0 && index % every == 0;

    private static V1Service Service(string ns, string name, int index, int ports) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new V1ServiceSpec
        {
            ClusterIP = Address(10, index),
            Selector = new Dictionary<string, string> { ["app"] = name },
            Ports = Enumerable.Range(0, ports).Select(p => new V1ServicePort
            {
                Name = p == 0 ? "http" : "tcp-" + I(p),
                Port = 8080 + p,
                TargetPort = 9080 + p,
                Protocol = "TCP",
            }).ToList(),
        },
    };

    private static V1Node Node(int index) => new()
    {
        ApiVersion = "v1",
        Kind = "Node",
        Metadata = new V1ObjectMeta
        {
            Name = "node-" + I(index),
            Labels = new Dictionary<string, string>
            {
                ["topology.kubernetes.io/region"] = "region-" + I(index % 2),
                ["topology.kubernetes.io/zone"] = "zone-" + I(index % 4),
            },
        },
    };

    // Namespaces named "untrusted" are refused by every waypoint; no such namespace exists, so nothing is actually denied.
    private static AuthorizationPolicy DenyPolicy(string ns) => new()
    {
        Metadata = new V1ObjectMeta { Name = "deny-untrusted", NamespaceProperty = ns },
        Spec = new AuthorizationPolicySpec
        {
            Action = AuthorizationPolicyAction.Deny,
            TargetRefs = [new AuthorizationPolicyTargetRef { Group = "gateway.networking.k8s.io", Kind = "Gateway", Name = "waypoint" }],
            Rules = [FromNamespace("untrusted")],
        },
    };

    private static AuthorizationPolicy AllowPolicy(string ns, string service) => new()
    {
        Metadata = new V1ObjectMeta { Name = "allow-" + service, NamespaceProperty = ns },
        Spec = new AuthorizationPolicySpec
        {
            Action = AuthorizationPolicyAction.Allow,
            TargetRefs = [new AuthorizationPolicyTargetRef { Group = string.Empty, Kind = "Service", Name = service }],
            Rules = [FromNamespace(ns)],
        },
    };

    private static AuthorizationPolicyRule FromNamespace(string ns)
        => new() { From = [new AuthorizationPolicyRuleFrom { Source = new AuthorizationPolicyRuleFromSource { Namespaces = [ns] } }] };

    private static DestinationRule Failover(string ns, string service) => new()
    {
        Metadata = new V1ObjectMeta { Name = service, NamespaceProperty = ns },
        Spec = new DestinationRuleSpec
        {
            Host = $"{service}.{ns}.svc.cluster.local",
            TrafficPolicy = new DestinationRuleTrafficPolicy
            {
                OutlierDetection = new DestinationRuleOutlierDetection { Consecutive5xxErrors = 5, Interval = "10s", BaseEjectionTime = "30s" },
                LoadBalancer = new DestinationRuleLoadBalancer
                {
                    LocalityLbSetting = new DestinationRuleLoadBalancerLocalityLbSetting
                    {
                        Enabled = true,
                        Failover = [new DestinationRuleLbSettingFailover { From = "region-0", To = "region-1" }],
                    },
                },
            },
        },
    };

    private static V1Pod Pod(string ns, string service, int serviceIndex, int podIndex, int nodes) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta { Name = $"{service}-{I(podIndex)}", NamespaceProperty = ns, Labels = new Dictionary<string, string> { ["app"] = service } },
        Spec = new V1PodSpec { NodeName = nodes == 0 ? null : "node-" + I(podIndex % nodes), Containers = [new V1Container { Name = "app", Image = "app:1" }] },
        Status = new V1PodStatus
        {
            PodIP = Address(20 + (podIndex / 250), (serviceIndex * 250) + (podIndex % 250)),
            Conditions = [new V1PodCondition { Type = "Ready", Status = "True" }],
        },
    };

    private static V1EndpointSlice Slice(string ns, string service, IReadOnlyList<V1Pod> pods, int ports) => new()
    {
        ApiVersion = "discovery.k8s.io/v1",
        Kind = "EndpointSlice",
        AddressType = "IPv4",
        Metadata = new V1ObjectMeta { Name = service + "-slice", NamespaceProperty = ns, Labels = new Dictionary<string, string> { ["kubernetes.io/service-name"] = service } },
        Endpoints = pods.Select(p => new V1Endpoint
        {
            Addresses = [p.Status.PodIP],
            Conditions = new V1EndpointConditions { Ready = true },
            NodeName = p.Spec.NodeName,
            TargetRef = new V1ObjectReference { Kind = "Pod", Name = p.Metadata.Name, NamespaceProperty = ns },
        }).ToList(),
        Ports = Enumerable.Range(0, ports).Select(p => new Discoveryv1EndpointPort { Name = p == 0 ? "http" : "tcp-" + I(p), Port = 9080 + p, Protocol = "TCP" }).ToList(),
    };

    private static ServiceEntry Entry(string ns, string name, int index, bool isStatic, int ports) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, CreationTimestamp = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(index) },
        Spec = new ServiceEntrySpec
        {
            Hosts = [$"{name}.{ns}.example.com"],
            Addresses = [Address(240, index)],
            Ports = Enumerable.Range(0, ports).Select(p => new ServiceEntryPort { Name = p == 0 ? "http" : "tcp-" + I(p), Number = (uint)(80 + p), Protocol = p == 0 ? "HTTP" : "TCP" }).ToList(),
            Location = ServiceEntryLocation.MeshInternal,
            Resolution = isStatic ? ServiceEntryResolution.Static : ServiceEntryResolution.Dns,
            WorkloadSelector = isStatic ? new ServiceEntryWorkloadSelector { Labels = new Dictionary<string, string> { ["app"] = name } } : null,
        },
    };

    private static WorkloadEntry WorkloadEntry(string ns, string entry, int entryIndex, int index) => new()
    {
        Metadata = new V1ObjectMeta { Name = $"{entry}-we-{I(index)}", NamespaceProperty = ns, Labels = new Dictionary<string, string> { ["app"] = entry } },
        Spec = new WorkloadEntrySpec { Address = Address(30 + (index / 250), (entryIndex * 250) + (index % 250)), Locality = "region-" + I(index % 3) + "/zone-" + I(index % 6) },
    };

    // 10.x.y.z-style addresses from an index, unique per first octet.
    private static string Address(int first, int index)
        => string.Create(CultureInfo.InvariantCulture, $"{first + (index >> 16)}.{(index >> 8) & 255}.{index & 255}.{(index % 250) + 1}");

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
