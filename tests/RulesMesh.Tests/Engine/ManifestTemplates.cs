using System.Text.Json.Nodes;
using static RulesMesh.Tests.Engine.JsonEdit;

namespace RulesMesh.Tests.Engine;

/// <summary>
/// New objects of each kind, wired to what the state holds (a namespace, a Service and its port, a Gateway, a
/// ServiceEntry host, an app label), so that creating one changes what translation sees. Kinds no conformance input has
/// (GRPCRoute, ReferenceGrant, GatewayClass) get in through these.
/// </summary>
internal static class ManifestTemplates
{
    /// <summary>A new object for <paramref name="target"/>, named after the context's value.</summary>
    public static JsonObject For(EditTarget target, EditContext c)
    {
        var n = c.Number;
        var (ns, service, port) = c.Choose(c.Services);
        return target switch
        {
            EditTarget.Service => Manifest("v1", "Service", c.Choose(c.Namespaces), "svc-new-" + n, c.Choose(CaptureLabel(c), null), new JsonObject
            {
                ["spec"] = new JsonObject
                {
                    ["clusterIP"] = $"10.77.0.{c.Value + 1}",
                    ["selector"] = new JsonObject { ["app"] = c.Choose(c.AppLabels) },
                    ["ports"] = List(new JsonObject { ["name"] = "http", ["port"] = 80, ["targetPort"] = 8080, ["protocol"] = "TCP" }),
                },
            }),
            EditTarget.ServiceEntry => Manifest("networking.istio.io/v1", "ServiceEntry", c.Choose(c.Namespaces), "se-new-" + n, c.Choose(CaptureLabel(c), null), new JsonObject
            {
                ["spec"] = new JsonObject
                {
                    ["hosts"] = List($"new-{n}.example.com"),
                    ["ports"] = List(new JsonObject { ["number"] = 80, ["name"] = "http", ["protocol"] = "HTTP" }),
                    ["resolution"] = "STATIC",
                    ["location"] = "MESH_INTERNAL",
                    ["endpoints"] = List(new JsonObject { ["address"] = $"1.3.{c.Value}.1" }),
                },

                // Without spec.addresses, the VIP istiod allocated (kgateway#14390).
                ["status"] = new JsonObject { ["addresses"] = List(new JsonObject { ["value"] = $"240.240.100.{c.Value + 1}", ["host"] = $"new-{n}.example.com" }) },
            }),
            EditTarget.Namespace => Manifest("v1", "Namespace", null, "ns-new-" + n, CaptureLabel(c), []),
            EditTarget.Gateway => c.Choose(
                Manifest("gateway.networking.k8s.io/v1", "Gateway", c.Choose(c.Namespaces), "waypoint-new-" + n, null, new JsonObject
                {
                    ["spec"] = new JsonObject { ["gatewayClassName"] = "kgateway-waypoint", ["listeners"] = List(new JsonObject { ["name"] = "proxy", ["port"] = 15088, ["protocol"] = "istio.io/PROXY" }) },
                }),
                Manifest("gateway.networking.k8s.io/v1", "Gateway", c.Choose(c.Namespaces), "waypoint-new-" + n, null, new JsonObject
                {
                    ["spec"] = new JsonObject { ["gatewayClassName"] = "istio-waypoint", ["listeners"] = List(new JsonObject { ["name"] = "mesh", ["port"] = 15008, ["protocol"] = "HBONE" }) },
                    ["status"] = new JsonObject { ["addresses"] = List(new JsonObject { ["type"] = "IPAddress", ["value"] = $"10.0.100.{c.Value + 1}" }) },
                }),
                Manifest("gateway.networking.k8s.io/v1", "Gateway", c.Choose(c.Namespaces), "gw-new-" + n, null, new JsonObject
                {
                    ["spec"] = new JsonObject
                    {
                        ["gatewayClassName"] = "kgateway",
                        ["listeners"] = List(new JsonObject { ["name"] = "http", ["port"] = 8080, ["protocol"] = "HTTP", ["allowedRoutes"] = new JsonObject { ["namespaces"] = new JsonObject { ["from"] = "All" } } }),
                    },
                })),
            EditTarget.GatewayClass => Manifest("gateway.networking.k8s.io/v1", "GatewayClass", null, c.Choose(c.GatewayClassNames), null, new JsonObject
            {
                // Another digit of the value than the name's, so every class meets every controller.
                ["spec"] = new JsonObject { ["controllerName"] = (c with { Value = c.Value / 3 }).Choose("kgateway.dev/kgateway", "istio.io/gateway-controller", "example.com/other") },
            }),
            EditTarget.Pod => Manifest("v1", "Pod", ns, "pod-new-" + n, new JsonObject { ["app"] = c.Choose(c.AppLabels) }, new JsonObject
            {
                ["spec"] = new JsonObject { ["nodeName"] = c.Choose(c.NodeNames), ["containers"] = List(new JsonObject { ["name"] = "app", ["image"] = "app:1" }) },
                ["status"] = new JsonObject { ["podIP"] = $"10.246.{c.Value}.1", ["conditions"] = List(new JsonObject { ["type"] = "Ready", ["status"] = "True" }) },
            }),
            EditTarget.WorkloadEntry => Manifest("networking.istio.io/v1", "WorkloadEntry", ns, "we-new-" + n, new JsonObject { ["app"] = c.Choose(c.AppLabels) }, new JsonObject
            {
                ["spec"] = new JsonObject { ["address"] = $"10.89.{c.Value}.1" },
            }),
            EditTarget.EndpointSlice => Manifest("discovery.k8s.io/v1", "EndpointSlice", ns, $"{service}-new-{n}", new JsonObject { ["kubernetes.io/service-name"] = service }, new JsonObject
            {
                ["addressType"] = "IPv4",
                ["endpoints"] = List(new JsonObject { ["addresses"] = List($"10.247.{c.Value}.1"), ["conditions"] = new JsonObject { ["ready"] = true }, ["nodeName"] = c.Choose(c.NodeNames) }),
                ["ports"] = List(new JsonObject { ["name"] = "http", ["port"] = 8080, ["protocol"] = "TCP" }),
            }),
            EditTarget.Node => Manifest("v1", "Node", null, "node-new-" + n, new JsonObject { ["topology.kubernetes.io/region"] = c.Choose("region-0", "r1"), ["topology.kubernetes.io/zone"] = c.Choose("zone-1", "r1z2") }, []),
            EditTarget.DestinationRule => Manifest("networking.istio.io/v1", "DestinationRule", ns, "dr-new-" + n, null, new JsonObject
            {
                ["spec"] = new JsonObject
                {
                    ["host"] = c.Choose($"{service}.{ns}.svc.cluster.local", c.Choose(c.EntryHosts)),
                    ["trafficPolicy"] = new JsonObject { ["loadBalancer"] = new JsonObject { ["simple"] = "LEAST_REQUEST" } },
                },
            }),
            EditTarget.AuthorizationPolicy => Manifest("security.istio.io/v1", "AuthorizationPolicy", ns, "authz-new-" + n, null, new JsonObject
            {
                ["spec"] = new JsonObject
                {
                    ["targetRefs"] = List(c.Choose(
                        new JsonObject { ["group"] = string.Empty, ["kind"] = "Service", ["name"] = service },
                        new JsonObject { ["group"] = "gateway.networking.k8s.io", ["kind"] = "Gateway", ["name"] = c.Choose(c.GatewayNames) })),
                    ["action"] = c.Choose("DENY", "ALLOW"),
                    ["rules"] = List(new JsonObject { ["from"] = List(new JsonObject { ["source"] = new JsonObject { ["namespaces"] = List("untrusted-" + n) } }) }),
                },
            }),
            EditTarget.HttpRoute or EditTarget.GrpcRoute => Route(target, c, ns, service, port),
            EditTarget.ReferenceGrant => Grant(c, ns),
            EditTarget.BackendConfigPolicy => Manifest("gateway.kgateway.dev/v1alpha1", "BackendConfigPolicy", ns, "bcp-new-" + n, null, new JsonObject
            {
                ["spec"] = new JsonObject
                {
                    ["targetRefs"] = List(new JsonObject { ["group"] = string.Empty, ["kind"] = "Service", ["name"] = service }),
                    ["connectTimeout"] = $"{c.Value + 2}s",
                },
            }),
            EditTarget.BackendTlsPolicy => Manifest("gateway.networking.k8s.io/v1", "BackendTLSPolicy", ns, "tls-new-" + n, null, new JsonObject
            {
                ["spec"] = new JsonObject
                {
                    ["targetRefs"] = List(new JsonObject { ["group"] = string.Empty, ["kind"] = "Service", ["name"] = service }),
                    ["validation"] = new JsonObject { ["hostname"] = $"{service}.example.com", ["wellKnownCACertificates"] = "System" },
                },
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(target), target, "No template."),
        };
    }

    // A route from a Service's namespace: parented to that Service (waypoint) or to a Gateway, sending to another Service, maybe across namespaces.
    private static JsonObject Route(EditTarget target, EditContext c, string ns, string service, int port)
    {
        var (backendNamespace, backend, backendPort) = c.Choose([.. c.Services.Reverse()]);
        var grpc = target == EditTarget.GrpcRoute;
        var match = grpc
            ? new JsonObject { ["method"] = new JsonObject { ["service"] = "example.Echo", ["method"] = "Say" } }
            : new JsonObject { ["path"] = new JsonObject { ["type"] = "PathPrefix", ["value"] = "/new-" + c.Number } };
        var backendRef = new JsonObject { ["name"] = backend, ["port"] = backendPort };
        if (backendNamespace != ns)
        {
            backendRef["namespace"] = backendNamespace;
        }

        return Manifest("gateway.networking.k8s.io/v1", grpc ? "GRPCRoute" : "HTTPRoute", ns, (grpc ? "grpc-new-" : "route-new-") + c.Number, null, new JsonObject
        {
            ["spec"] = new JsonObject
            {
                ["parentRefs"] = List(c.Choose(
                    new JsonObject { ["group"] = string.Empty, ["kind"] = "Service", ["name"] = service, ["port"] = port },
                    new JsonObject { ["name"] = c.Choose(c.GatewayNames) })),
                ["rules"] = List(new JsonObject { ["matches"] = List(match), ["backendRefs"] = List(backendRef) }),
            },
        });
    }

    // A grant for a route that sends to another namespace, when the state has one; else from any namespace to ns.
    private static JsonObject Grant(EditContext c, string ns)
    {
        var crossing = c.Objects.Objects.Where(static o => o.Kind is "HTTPRoute" or "GRPCRoute")
            .SelectMany(static route => (Array(ManifestObjects.ToJson(route)["spec"], "rules") ?? [])
                .SelectMany(static rule => Array(rule, "backendRefs") ?? [])
                .Select(backend => (string?)backend?["namespace"])
                .Where(to => to is not null && to != route.Metadata.NamespaceProperty)
                .Select(to => (From: route.Metadata.NamespaceProperty, route.Kind, To: to!)))
            .ToList();
        var (from, kind, to) = crossing.Count > 0 ? c.Choose(crossing) : (c.Choose(c.Namespaces), c.Choose("HTTPRoute", "GRPCRoute"), ns);
        return Manifest("gateway.networking.k8s.io/v1beta1", "ReferenceGrant", to, "grant-new-" + c.Number, null, new JsonObject
        {
            ["spec"] = new JsonObject
            {
                ["from"] = List(new JsonObject { ["group"] = "gateway.networking.k8s.io", ["kind"] = kind, ["namespace"] = from }),
                ["to"] = List(new JsonObject { ["group"] = string.Empty, ["kind"] = "Service" }),
            },
        });
    }

    private static JsonObject? CaptureLabel(EditContext c) => new() { ["istio.io/use-waypoint"] = c.Choose(c.GatewayNames) };

    private static JsonObject Manifest(string apiVersion, string kind, string? ns, string name, JsonObject? labels, JsonObject rest)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }

        if (labels is not null)
        {
            metadata["labels"] = labels;
        }

        var manifest = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = metadata };
        foreach (var (field, value) in rest.ToList())
        {
            rest.Remove(field);
            manifest[field] = value;
        }

        return manifest;
    }
}
