using System.Text.Json.Nodes;

namespace RulesMesh.Server.Tests.Kubernetes;

/// <summary>One small valid object of every kind the source watches, written by hand, as the API server would hold them.</summary>
internal static class SampleObjects
{
    /// <summary>One object of each kind.</summary>
    public static IReadOnlyList<JsonObject> OfEveryKind() =>
    [
        Parse("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"shop","labels":{"istio.io/use-waypoint":"waypoint"}}}"""),
        Parse("""{"apiVersion":"v1","kind":"Node","metadata":{"name":"worker-a","labels":{"topology.kubernetes.io/zone":"eu-west-1a"}}}"""),
        Service("shop", "catalog", "10.96.0.10"),
        Parse("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"catalog-1","namespace":"shop","labels":{"app":"catalog"}},"spec":{"nodeName":"worker-a","containers":[{"name":"app","image":"catalog"}]},"status":{"podIP":"10.244.1.5","phase":"Running"}}"""),
        Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"ca","namespace":"shop"},"data":{"ca.crt":"not a real certificate"}}"""),
        Parse("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"client","namespace":"shop"},"type":"kubernetes.io/tls","data":{"tls.crt":"bm90IGEgcmVhbCBjZXJ0aWZpY2F0ZQ==","tls.key":"bm90IGEgcmVhbCBrZXk="}}"""),
        Parse("""{"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice","metadata":{"name":"catalog-abc","namespace":"shop","labels":{"kubernetes.io/service-name":"catalog"}},"addressType":"IPv4","endpoints":[{"addresses":["10.244.1.5"],"conditions":{"ready":true}}],"ports":[{"name":"http","port":8080,"protocol":"TCP"}]}"""),
        Parse("""{"apiVersion":"gateway.networking.k8s.io/v1","kind":"GatewayClass","metadata":{"name":"kgateway-waypoint"},"spec":{"controllerName":"kgateway.dev/kgateway"}}"""),
        Gateway("infra", "waypoint"),
        Parse("""{"apiVersion":"gateway.networking.k8s.io/v1","kind":"HTTPRoute","metadata":{"name":"catalog","namespace":"shop"},"spec":{"parentRefs":[{"group":"","kind":"Service","name":"catalog"}],"rules":[{"backendRefs":[{"name":"catalog","port":80}]}]}}"""),
        Parse("""{"apiVersion":"gateway.networking.k8s.io/v1","kind":"GRPCRoute","metadata":{"name":"catalog-grpc","namespace":"shop"},"spec":{"parentRefs":[{"group":"","kind":"Service","name":"catalog"}],"rules":[{"backendRefs":[{"name":"catalog","port":80}]}]}}"""),
        Parse("""{"apiVersion":"gateway.networking.k8s.io/v1beta1","kind":"ReferenceGrant","metadata":{"name":"from-infra","namespace":"shop"},"spec":{"from":[{"group":"gateway.networking.k8s.io","kind":"HTTPRoute","namespace":"infra"}],"to":[{"group":"","kind":"Service"}]}}"""),
        Parse("""{"apiVersion":"gateway.networking.k8s.io/v1","kind":"BackendTLSPolicy","metadata":{"name":"catalog-tls","namespace":"shop"},"spec":{"targetRefs":[{"group":"","kind":"Service","name":"catalog"}],"validation":{"hostname":"catalog.shop.svc","wellKnownCACertificates":"System"}}}"""),
        Parse("""{"apiVersion":"gateway.kgateway.dev/v1alpha1","kind":"BackendConfigPolicy","metadata":{"name":"catalog-timeouts","namespace":"shop"},"spec":{"targetRefs":[{"group":"","kind":"Service","name":"catalog"}],"connectTimeout":"5s"}}"""),
        ServiceEntry("shop", "inventory", "inventory.example.com"),
        Parse("""{"apiVersion":"networking.istio.io/v1","kind":"WorkloadEntry","metadata":{"name":"vm-1","namespace":"shop","labels":{"app":"inventory"}},"spec":{"address":"10.20.0.5"}}"""),
        Parse("""{"apiVersion":"networking.istio.io/v1","kind":"DestinationRule","metadata":{"name":"catalog","namespace":"shop"},"spec":{"host":"catalog.shop.svc.cluster.local","trafficPolicy":{"loadBalancer":{"simple":"ROUND_ROBIN"}}}}"""),
        Parse("""{"apiVersion":"security.istio.io/v1","kind":"AuthorizationPolicy","metadata":{"name":"allow-shop","namespace":"shop"},"spec":{"action":"ALLOW","rules":[{"from":[{"source":{"namespaces":["shop"]}}]}]}}"""),
    ];

    /// <summary>A ClusterIP Service with one HTTP port.</summary>
    public static JsonObject Service(string ns, string name, string clusterIp)
        => Parse($$$$"""{"apiVersion":"v1","kind":"Service","metadata":{"name":"{{{{name}}}}","namespace":"{{{{ns}}}}"},"spec":{"clusterIP":"{{{{clusterIp}}}}","ports":[{"name":"http","port":80,"targetPort":8080,"protocol":"TCP"}],"selector":{"app":"{{{{name}}}}"}}}""");

    /// <summary>A ServiceEntry for one host.</summary>
    public static JsonObject ServiceEntry(string ns, string name, string host)
        => Parse($$$$"""{"apiVersion":"networking.istio.io/v1","kind":"ServiceEntry","metadata":{"name":"{{{{name}}}}","namespace":"{{{{ns}}}}"},"spec":{"hosts":["{{{{host}}}}"],"ports":[{"name":"http","number":80,"protocol":"HTTP"}],"resolution":"STATIC","location":"MESH_INTERNAL"}}""");

    /// <summary>A waypoint Gateway.</summary>
    public static JsonObject Gateway(string ns, string name)
        => Parse($$$$"""{"apiVersion":"gateway.networking.k8s.io/v1","kind":"Gateway","metadata":{"name":"{{{{name}}}}","namespace":"{{{{ns}}}}","generation":1},"spec":{"gatewayClassName":"kgateway-waypoint","listeners":[{"name":"mesh","port":15008,"protocol":"HBONE"}]}}""");

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
