using System.Text.Json.Nodes;
using static RulesMesh.Tests.Engine.JsonEdit;

namespace RulesMesh.Tests.Engine;

/// <summary>
/// The changes the property tests make to each kind (the first is the one the generators favour), chosen to reach everything translation reads: capture labels,
/// VIPs (spec and the status-only <c>status.addresses</c> istiod allocates), ports and protocols, selectors and
/// readiness, localities, policies' actions and targets, routes' matches, weights, parents and backends.
/// </summary>
internal static class KindMutations
{
    private const string UseWaypoint = "istio.io/use-waypoint";
    private const string UseWaypointNamespace = "istio.io/use-waypoint-namespace";
    private const string WaypointFor = "istio.io/waypoint-for";

    /// <summary>The mutations of <paramref name="target"/>'s kind.</summary>
    public static IReadOnlyList<Mutation> For(EditTarget target) => target switch
    {
        EditTarget.Service => Service,
        EditTarget.ServiceEntry => ServiceEntry,
        EditTarget.Namespace => Namespace,
        EditTarget.Gateway => Gateway,
        EditTarget.GatewayClass => GatewayClass,
        EditTarget.Pod => Pod,
        EditTarget.WorkloadEntry => WorkloadEntry,
        EditTarget.EndpointSlice => EndpointSlice,
        EditTarget.Node => Node,
        EditTarget.DestinationRule => DestinationRule,
        EditTarget.AuthorizationPolicy => AuthorizationPolicy,
        EditTarget.HttpRoute or EditTarget.GrpcRoute => Route,
        EditTarget.ReferenceGrant => ReferenceGrant,
        EditTarget.BackendConfigPolicy => BackendConfigPolicy,
        EditTarget.BackendTlsPolicy => BackendTlsPolicy,
        _ => [],
    };

    private static Mutation[] CaptureLabels =>
    [
        new("use-waypoint label", static (o, c) => Label(o, UseWaypoint, c.Choose([.. c.GatewayNames, "none", null]))),
        new("use-waypoint-namespace label", static (o, c) => Label(o, UseWaypointNamespace, c.Choose([.. c.Namespaces, null]))),
    ];

    private static IReadOnlyList<Mutation> Service =>
    [
        .. CaptureLabels,
        new("first port number", static (o, c) => At(o, "spec", "ports", "0") is { } port ? Set(port, "port", 8000 + (c.Value % 4), "spec.ports[0].port") : null),
        new("first port appProtocol", static (o, c) => At(o, "spec", "ports", "0") is { } port ? Set(port, "appProtocol", c.Choose<JsonNode?>("http", "tcp", "grpc", null), "spec.ports[0].appProtocol") : null),
        new("first port name", static (o, c) => At(o, "spec", "ports", "0") is { } port ? Set(port, "name", c.Choose("http", "tcp", "grpc-web", "http2"), "spec.ports[0].name") : null),
        new("add a port", static (o, c) => Array(o["spec"], "ports") is { } ports
            ? Added(ports, new JsonObject { ["name"] = "extra-" + c.Number, ["port"] = 9100 + c.Value, ["protocol"] = "TCP" }, "spec.ports")
            : null),
        new("remove the last port", static (o, _) => Array(o["spec"], "ports") is { Count: > 1 } ports ? RemovedLast(ports, "spec.ports") : null),
        new("cluster IP", static (o, c) => Set(Object(o, "spec"), "clusterIP", c.Choose("10.99.0." + (c.Value + 1), "10.99.1." + (c.Value + 1), "None"), "spec.clusterIP")),
        new("selector", static (o, c) => Set(Object(o, "spec"), "selector", new JsonObject { ["app"] = c.Choose(c.AppLabels) }, "spec.selector")),
    ];

    private static IReadOnlyList<Mutation> ServiceEntry =>
    [
        new("status.addresses (istiod's VIP allocation, status only)", static (o, c) => Set(o, "status", c.Choose<JsonNode?>(
            new JsonObject { ["addresses"] = List(new JsonObject { ["value"] = $"240.240.{c.Value}.1", ["host"] = FirstHost(o) }) },
            new JsonObject { ["addresses"] = List(new JsonObject { ["value"] = $"240.240.{c.Value}.2", ["host"] = FirstHost(o) }, new JsonObject { ["value"] = "2001:2::" + c.Number, ["host"] = FirstHost(o) }) },
            null), "status")),
        .. CaptureLabels,
        new("spec.addresses", static (o, c) => Set(Object(o, "spec"), "addresses", c.Choose<JsonNode?>(List($"240.1.{c.Value}.1"), List($"240.1.{c.Value}.1", $"240.1.{c.Value}.2"), null), "spec.addresses")),
        new("hosts", static (o, c) => Set(Object(o, "spec"), "hosts", c.Choose(List(FirstHost(o)), List(FirstHost(o), $"extra-{c.Value}.example.com"), List(c.Choose(c.EntryHosts))), "spec.hosts")),
        new("first port number", static (o, c) => At(o, "spec", "ports", "0") is { } port ? Set(port, "number", c.Choose(80, 5000, 8080, 9000 + c.Value), "spec.ports[0].number") : null),
        new("first port protocol", static (o, c) => At(o, "spec", "ports", "0") is { } port ? Set(port, "protocol", c.Choose<JsonNode?>("HTTP", "TCP", "GRPC", "HTTP2", null), "spec.ports[0].protocol") : null),
        new("resolution", static (o, c) => Set(Object(o, "spec"), "resolution", c.Choose("STATIC", "DNS", "NONE"), "spec.resolution")),
        new("location", static (o, c) => Set(Object(o, "spec"), "location", c.Choose("MESH_INTERNAL", "MESH_EXTERNAL"), "spec.location")),
        new("endpoints", static (o, c) => Set(Object(o, "spec"), "endpoints", c.Choose<JsonNode?>(
            List(new JsonObject { ["address"] = $"1.2.{c.Value}.1" }),
            List(new JsonObject { ["address"] = $"1.2.{c.Value}.1", ["locality"] = "r1/r1z2/r1z2s3" }, new JsonObject { ["address"] = $"1.2.{c.Value}.2", ["labels"] = new JsonObject { ["app"] = "se-b" } }),
            null), "spec.endpoints")),
        new("workloadSelector", static (o, c) => Set(Object(o, "spec"), "workloadSelector", c.Choose<JsonNode?>(new JsonObject { ["labels"] = new JsonObject { ["app"] = c.Choose(c.AppLabels) } }, null), "spec.workloadSelector")),
    ];

    private static IReadOnlyList<Mutation> Namespace =>
    [
        .. CaptureLabels,
        new("dataplane-mode label", static (o, c) => Label(o, "istio.io/dataplane-mode", c.Choose("ambient", "none", null))),
    ];

    private static IReadOnlyList<Mutation> Gateway =>
    [
        new("status.addresses (readiness, status only)", static (o, c) => Set(o, "status", c.Choose<JsonNode?>(
            new JsonObject { ["addresses"] = List(new JsonObject { ["type"] = "IPAddress", ["value"] = $"10.0.{c.Value}.9" }) },
            null,
            new JsonObject { ["addresses"] = new JsonArray() }), "status")),
        new("waypoint-for label", static (o, c) => Label(o, WaypointFor, c.Choose("service", "workload", "all", "none", null))),
        new("gatewayClassName", static (o, c) => Set(Object(o, "spec"), "gatewayClassName", c.Choose("kgateway-waypoint", "kgateway", "istio-waypoint", "other-class"), "spec.gatewayClassName")),
        new("first listener port", static (o, c) => At(o, "spec", "listeners", "0") is { } listener ? Set(listener, "port", c.Choose(15088, 15008, 8080, 8081), "spec.listeners[0].port") : null),
        new("first listener protocol", static (o, c) => At(o, "spec", "listeners", "0") is { } listener ? Set(listener, "protocol", c.Choose("istio.io/PROXY", "HBONE", "HTTP", "TCP"), "spec.listeners[0].protocol") : null),
        new("allowedRoutes", static (o, c) => At(o, "spec", "listeners", "0") is { } listener
            ? Set(listener, "allowedRoutes", c.Choose<JsonNode?>(new JsonObject { ["namespaces"] = new JsonObject { ["from"] = "All" } }, new JsonObject { ["namespaces"] = new JsonObject { ["from"] = "Same" } }, null), "spec.listeners[0].allowedRoutes")
            : null),
    ];

    private static IReadOnlyList<Mutation> GatewayClass =>
    [
        new("controllerName", static (o, c) => Set(Object(o, "spec"), "controllerName", c.Choose("kgateway.dev/kgateway", "istio.io/gateway-controller", "example.com/other"), "spec.controllerName")),
    ];

    private static IReadOnlyList<Mutation> Pod =>
    [
        new("readiness (status only)", static (o, c) => Set(Object(o, "status"), "conditions", List(new JsonObject { ["type"] = "Ready", ["status"] = c.Choose("False", "True") }), "status.conditions")),
        new("app label", static (o, c) => Label(o, "app", c.Choose(c.AppLabels))),
        new("pod IP (status only)", static (o, c) => Set(Object(o, "status"), "podIP", $"10.244.{c.Value}.{c.Value + 7}", "status.podIP")),
        new("node", static (o, c) => Set(Object(o, "spec"), "nodeName", c.Choose<JsonNode?>([.. c.NodeNames, null]), "spec.nodeName")),
        new("version label", static (o, c) => Label(o, "version", c.Choose("v1", "v2", null))),
    ];

    private static IReadOnlyList<Mutation> WorkloadEntry =>
    [
        new("address", static (o, c) => Set(Object(o, "spec"), "address", $"10.88.{c.Value}.1", "spec.address")),
        new("app label", static (o, c) => Label(o, "app", c.Choose(c.AppLabels))),
        new("locality", static (o, c) => Set(Object(o, "spec"), "locality", c.Choose<JsonNode?>("region-0/zone-0", "region-1/zone-2/subzone-1", "r1/r1z2/r1z2s3", null), "spec.locality")),
        new("weight", static (o, c) => Set(Object(o, "spec"), "weight", c.Choose<JsonNode?>(1, 5, 100, null), "spec.weight")),
        new("ports", static (o, c) => Set(Object(o, "spec"), "ports", c.Choose<JsonNode?>(new JsonObject { ["http"] = 9090 + c.Value }, null), "spec.ports")),
    ];

    private static IReadOnlyList<Mutation> EndpointSlice =>
    [
        new("readiness of an endpoint", static (o, c) => Array(o, "endpoints") is { Count: > 0 } endpoints && endpoints[c.Value % endpoints.Count] is JsonObject endpoint
            ? Set(Object(endpoint, "conditions"), "ready", c.Value / endpoints.Count % 2 == 1, $"endpoints[{c.Value % endpoints.Count}].conditions.ready")
            : null),
        new("remove the last endpoint", static (o, _) => Array(o, "endpoints") is { Count: > 0 } endpoints ? RemovedLast(endpoints, "endpoints") : null),
        new("add an endpoint", static (o, c) => Added(
            Array(o, "endpoints") ?? (JsonArray)(o["endpoints"] = new JsonArray()),
            new JsonObject { ["addresses"] = List($"10.245.{c.Value}.1"), ["conditions"] = new JsonObject { ["ready"] = true }, ["nodeName"] = c.Choose(c.NodeNames) },
            "endpoints")),
        new("first port", static (o, c) => At(o, "ports", "0") is { } port ? Set(port, "port", 9080 + (c.Value % 3), "ports[0].port") : null),
        new("service-name label", static (o, c) => Label(o, "kubernetes.io/service-name", c.Choose([.. c.Services.Select(static s => s.Name)]))),
    ];

    private static IReadOnlyList<Mutation> Node =>
    [
        new("zone label", static (o, c) => Label(o, "topology.kubernetes.io/zone", c.Choose("zone-0", "zone-1", "r1z2", "r1z3", null))),
        new("region label", static (o, c) => Label(o, "topology.kubernetes.io/region", c.Choose("region-0", "region-1", "r1", "r2"))),
        new("subzone label", static (o, c) => Label(o, "topology.istio.io/subzone", c.Choose("r1z2s3", "r1z2s4", null))),
    ];

    private static IReadOnlyList<Mutation> DestinationRule =>
    [
        new("load balancer", static (o, c) => Set(Object(Object(o, "spec"), "trafficPolicy"), "loadBalancer", c.Choose<JsonNode?>(
            new JsonObject { ["simple"] = "LEAST_REQUEST" },
            new JsonObject { ["simple"] = "RANDOM" },
            new JsonObject { ["localityLbSetting"] = new JsonObject { ["enabled"] = true, ["failover"] = List(new JsonObject { ["from"] = "region-0", ["to"] = "region-1" }) } },
            null), "spec.trafficPolicy.loadBalancer")),
        new("outlier detection", static (o, c) => Set(Object(Object(o, "spec"), "trafficPolicy"), "outlierDetection", c.Choose<JsonNode?>(new JsonObject { ["consecutive5xxErrors"] = c.Value + 1, ["interval"] = "10s" }, null), "spec.trafficPolicy.outlierDetection")),
        new("connection pool", static (o, c) => Set(Object(Object(o, "spec"), "trafficPolicy"), "connectionPool", c.Choose<JsonNode?>(new JsonObject { ["tcp"] = new JsonObject { ["maxConnections"] = 10 + c.Value } }, null), "spec.trafficPolicy.connectionPool")),
        new("host", static (o, c) => Set(Object(o, "spec"), "host", c.Choose([.. c.Services.Select(static s => $"{s.Name}.{s.Namespace}.svc.cluster.local"), .. c.EntryHosts]), "spec.host")),
        new("exportTo", static (o, c) => Set(Object(o, "spec"), "exportTo", c.Choose<JsonNode?>(List("."), List("*"), null), "spec.exportTo")),
        new("traffic policy", static (o, _) => Set(Object(o, "spec"), "trafficPolicy", null, "spec.trafficPolicy")),
    ];

    private static IReadOnlyList<Mutation> AuthorizationPolicy =>
    [
        new("action", static (o, c) => Set(Object(o, "spec"), "action", c.Choose("ALLOW", "DENY"), "spec.action")),
        new("rules", static (o, c) => Set(Object(o, "spec"), "rules", c.Choose<JsonNode?>(
            List(new JsonObject { ["from"] = List(new JsonObject { ["source"] = new JsonObject { ["namespaces"] = List(c.Choose(c.Namespaces)) } }) }),
            List(new JsonObject { ["to"] = List(new JsonObject { ["operation"] = new JsonObject { ["paths"] = List("/admin" + c.Number) } }) }),
            null), "spec.rules")),
        new("targetRefs", static (o, c) => Set(Object(o, "spec"), "targetRefs", List(c.Choose(
            new JsonObject { ["group"] = string.Empty, ["kind"] = "Service", ["name"] = c.Choose(c.Services).Name },
            new JsonObject { ["group"] = "gateway.networking.k8s.io", ["kind"] = "Gateway", ["name"] = c.Choose(c.GatewayNames) })), "spec.targetRefs")),
    ];

    // HTTPRoute and GRPCRoute share the Gateway API route shape.
    private static IReadOnlyList<Mutation> Route =>
    [
        new("first backend weight", static (o, c) => At(o, "spec", "rules", "0", "backendRefs", "0") is { } backend ? Set(backend, "weight", c.Choose<JsonNode?>(0, 1, 50, null), "spec.rules[0].backendRefs[0].weight") : null),
        new("first backend port", static (o, c) => At(o, "spec", "rules", "0", "backendRefs", "0") is { } backend ? Set(backend, "port", c.Choose(80, 8080, 5000, 9000), "spec.rules[0].backendRefs[0].port") : null),
        new("first backend", static (o, c) => At(o, "spec", "rules", "0", "backendRefs", "0") is { } backend
            ? string.Join("; ", Set(backend, "name", c.Choose(c.Services).Name, "spec.rules[0].backendRefs[0].name"), Set(backend, "namespace", c.Choose<JsonNode?>(null, c.Choose(c.Services).Namespace), "spec.rules[0].backendRefs[0].namespace"))
            : null),
        new("first match", static (o, c) => At(o, "spec", "rules", "0") is { } rule
            ? Set(rule, "matches", c.Choose<JsonNode?>(o["kind"]?.GetValue<string>() == "GRPCRoute"
                ? List(new JsonObject { ["method"] = new JsonObject { ["service"] = "example.Echo", ["method"] = "Say" + c.Number } })
                : List(new JsonObject { ["path"] = new JsonObject { ["type"] = "PathPrefix", ["value"] = "/p" + c.Number } }), null), "spec.rules[0].matches")
            : null),
        new("add a rule", static (o, c) => Array(o["spec"], "rules") is { Count: > 0 } rules ? Added(rules, rules[0]!.DeepClone(), "spec.rules") : null),
        new("remove the last rule", static (o, _) => Array(o["spec"], "rules") is { Count: > 1 } rules ? RemovedLast(rules, "spec.rules") : null),
        new("parentRefs", static (o, c) => Set(Object(o, "spec"), "parentRefs", List(c.Choose(
            new JsonObject { ["group"] = string.Empty, ["kind"] = "Service", ["name"] = c.Choose(c.Services).Name },
            new JsonObject { ["name"] = c.Choose(c.GatewayNames) },
            new JsonObject { ["group"] = "networking.istio.io", ["kind"] = "Hostname", ["name"] = c.Choose(c.EntryHosts) })), "spec.parentRefs")),
        new("hostnames", static (o, c) => Set(Object(o, "spec"), "hostnames", c.Choose<JsonNode?>(List($"h{c.Value}.example.com"), List("se.example.com"), null), "spec.hostnames")),
    ];

    private static IReadOnlyList<Mutation> ReferenceGrant =>
    [
        new("from namespace", static (o, c) => At(o, "spec", "from", "0") is { } from ? Set(from, "namespace", c.Choose(c.Namespaces), "spec.from[0].namespace") : null),
        new("to", static (o, c) => Set(Object(o, "spec"), "to", List(c.Choose(new JsonObject { ["group"] = string.Empty, ["kind"] = "Service" }, new JsonObject { ["group"] = string.Empty, ["kind"] = "Service", ["name"] = c.Choose(c.Services).Name }, new JsonObject { ["group"] = "networking.istio.io", ["kind"] = "ServiceEntry" })), "spec.to")),
    ];

    private static IReadOnlyList<Mutation> BackendConfigPolicy =>
    [
        new("connectTimeout", static (o, c) => Set(Object(o, "spec"), "connectTimeout", c.Choose<JsonNode?>($"{c.Value + 1}s", null), "spec.connectTimeout")),
        new("maxRequestsPerConnection", static (o, c) => Set(Object(Object(o, "spec"), "commonHttpProtocolOptions"), "maxRequestsPerConnection", c.Value + 1, "spec.commonHttpProtocolOptions.maxRequestsPerConnection")),
        new("targetRefs", static (o, c) => Set(Object(o, "spec"), "targetRefs", List(new JsonObject { ["group"] = string.Empty, ["kind"] = "Service", ["name"] = c.Choose(c.Services).Name }), "spec.targetRefs")),
    ];

    private static IReadOnlyList<Mutation> BackendTlsPolicy =>
    [
        new("validation hostname", static (o, c) => Set(Object(Object(o, "spec"), "validation"), "hostname", $"tls{c.Value}.example.com", "spec.validation.hostname")),
        new("targetRefs", static (o, c) => Set(Object(o, "spec"), "targetRefs", List(c.Choose(
            new JsonObject { ["group"] = string.Empty, ["kind"] = "Service", ["name"] = c.Choose(c.Services).Name },
            new JsonObject { ["group"] = "networking.istio.io", ["kind"] = "Hostname", ["name"] = c.Choose(c.EntryHosts) })), "spec.targetRefs")),
    ];

    private static string FirstHost(JsonObject entry) => (string?)Array(entry["spec"], "hosts")?.FirstOrDefault() ?? "missing.example.com";

    private static string Added(JsonArray list, JsonNode item, string path)
    {
        list.Add(item);
        return $"{path}: added {Show(item)}";
    }

    private static string RemovedLast(JsonArray list, string path)
    {
        var last = list[^1];
        list.RemoveAt(list.Count - 1);
        return $"{path}: removed {Show(last)}";
    }
}
