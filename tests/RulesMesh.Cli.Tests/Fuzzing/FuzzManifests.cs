using System.Text.Json.Nodes;
using CsCheck;
using RulesMesh.Translation.Output;

namespace RulesMesh.Cli.Tests.Fuzzing;

/// <summary>
/// Random YAML streams of the kinds the loader knows, shaped like real manifests (apiVersion, kind, metadata, spec with
/// each kind's own field names) but with field values and shapes drawn from a hostile mix: wrong types, out-of-range
/// numbers, control characters, regexes, wildcards, empty and nested values.
/// </summary>
internal static class FuzzManifests
{
    private static readonly (string ApiVersion, string Kind, string[] Fields)[] Kinds =
    [
        ("v1", "Namespace", ["labels"]),
        ("v1", "Service", ["clusterIP", "type", "ports", "port", "targetPort", "protocol", "name", "selector", "appProtocol", "externalName"]),
        ("v1", "Pod", ["nodeName", "containers", "podIP", "status"]),
        ("v1", "Node", ["labels"]),
        ("discovery.k8s.io/v1", "EndpointSlice", ["addressType", "endpoints", "addresses", "ports", "port", "conditions", "ready"]),
        ("networking.istio.io/v1", "ServiceEntry", ["hosts", "addresses", "ports", "number", "protocol", "targetPort", "resolution", "endpoints", "address", "workloadSelector", "location"]),
        ("networking.istio.io/v1", "WorkloadEntry", ["address", "ports", "labels", "weight", "locality", "network"]),
        ("networking.istio.io/v1", "DestinationRule", ["host", "trafficPolicy", "loadBalancer", "simple", "connectionPool", "outlierDetection", "subsets"]),
        ("security.istio.io/v1", "AuthorizationPolicy", ["action", "rules", "from", "to", "when", "targetRefs", "selector", "operation", "paths", "methods"]),
        ("gateway.networking.k8s.io/v1", "Gateway", ["gatewayClassName", "listeners", "name", "port", "protocol", "hostname", "allowedRoutes", "addresses"]),
        ("gateway.networking.k8s.io/v1", "HTTPRoute", ["parentRefs", "hostnames", "rules", "matches", "path", "type", "value", "headers", "queryParams", "method", "backendRefs", "filters", "weight", "timeouts", "name", "port", "kind", "group", "sectionName"]),
        ("gateway.networking.k8s.io/v1", "GRPCRoute", ["parentRefs", "hostnames", "rules", "matches", "method", "service", "headers", "backendRefs", "filters", "name", "port"]),
        ("gateway.networking.k8s.io/v1", "GatewayClass", ["controllerName"]),
        ("gateway.kgateway.dev/v1alpha1", "BackendConfigPolicy", ["targetRefs", "connectTimeout", "loadBalancer", "healthCheck"]),
    ];

    private static readonly Gen<string> Text = Gen.OneOf(
        "", " ", "a", "svc-a", "infra", "default", "example-waypoint", "kgateway-waypoint", "istio.io/PROXY", "HTTP", "TCP", "GRPC",
        "PathPrefix", "Exact", "RegularExpression", "/", "/api", "api", "/([", "(?<=a)b", ".*", "*", "*.example.com", "bad host",
        "10.0.0.1", "10.0.0.0/8", "::1", "not-an-ip", "FQDN", "IPv4", "DNS", "STATIC", "NONE", "MESH_INTERNAL", "ALLOW", "DENY", "CUSTOM",
        "Service", "ServiceEntry", "Hostname", "010", "yes", "null", "1e3", "-1", "a\rb", "a\nb", "\t", "a\u0000b", "\u0085", "\u2028",
        "\u007f", "ünï", new string('x', 300), "a/b", "a b", "${x}", "%00", "---", "&a", "*a", "{}", "[]");

    private static readonly Gen<JsonNode?> Scalar = Gen.Frequency(
        (6, Text.Select(static s => (JsonNode?)JsonValue.Create(s))),
        (4, Gen.OneOf(0L, 1L, 80L, 5000L, 15088L, 65535L, 65536L, 70000L, -1L, 4294967295L, 4294967296L, long.MaxValue).Select(static n => (JsonNode?)JsonValue.Create(n))),
        (1, Gen.OneOf(0.5, 1e300, -0.0).Select(static n => (JsonNode?)JsonValue.Create(n))),
        (1, Gen.Bool.Select(static b => (JsonNode?)JsonValue.Create(b))),
        (1, Gen.Bool.Select(static _ => (JsonNode?)null)));

    private static Gen<JsonNode?> Value(string[] fields, int depth) => depth == 0
        ? Scalar
        : Gen.Frequency(
            (5, Scalar),
            (2, Gen.Int[0, 4].SelectMany(count => Gen.Int[0, fields.Length - 1].Array[count].SelectMany(names =>
                Value(fields, depth - 1).Array[names.Length].Select(values => (JsonNode?)Object(names.Select(i => fields[i]), values))))),
            (2, Value(fields, depth - 1).Array[0, 3].Select(static items => (JsonNode?)new JsonArray(items))));

    private static readonly Gen<JsonNode> Document = Gen.Int[0, Kinds.Length - 1].SelectMany(static index =>
    {
        var (apiVersion, kind, fields) = Kinds[index];
        return Gen.Select(Text, Text, Value(fields, 4), Gen.Int[0, 9], (name, ns, spec, shape) => (JsonNode)new JsonObject
        {
            // Mostly the right header, sometimes a wrong or missing one.
            ["apiVersion"] = shape == 0 ? JsonValue.Create(5) : shape == 1 ? null : JsonValue.Create(apiVersion),
            ["kind"] = kind,
            ["metadata"] = shape == 2 ? JsonValue.Create(name) : new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["spec"] = spec,
        });
    });

    // Valid documents, so that some streams get through the loader and exercise translation: hostile values alone are
    // almost always refused, and a run that only sees refusals proves nothing about the translator.
    private static readonly Gen<JsonNode> ValidDocument = Gen.Select(Gen.OneOf("svc-a", "infra", "default", "example-waypoint"), Gen.Int[0, 2], static (name, kind) => (JsonNode)(kind switch
    {
        0 => new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = name } },
        1 => new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Service", ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "infra" }, ["spec"] = new JsonObject { ["ports"] = new JsonArray(new JsonObject { ["port"] = 80 }) } },
        _ => new JsonObject { ["apiVersion"] = "gateway.networking.k8s.io/v1", ["kind"] = "GatewayClass", ["metadata"] = new JsonObject { ["name"] = name }, ["spec"] = new JsonObject { ["controllerName"] = "example.com/controller" } },
    }));

    /// <summary>One YAML stream of one to six documents, written block-style by the output writer: mostly hostile, one in ten valid.</summary>
    public static Gen<string> Streams { get; } = Gen.Frequency((9, Document.Array[1, 6]), (1, ValidDocument.Array[1, 3]))
        .Select(static documents => string.Concat(documents.Select(static d => JsonYamlWriter.Write(d) + "---\n")));

    private static JsonObject Object(IEnumerable<string> names, JsonNode?[] values)
    {
        var result = new JsonObject();
        foreach (var (name, value) in names.Zip(values))
        {
            result[name] = value?.DeepClone();
        }

        return result;
    }
}
