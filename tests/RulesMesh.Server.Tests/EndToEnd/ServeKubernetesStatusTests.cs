using System.Text.Json.Nodes;
using RulesMesh.Loading;
using RulesMesh.Server.Tests.Files;
using RulesMesh.Server.Tests.Kubernetes;

namespace RulesMesh.Server.Tests.EndToEnd;

/// <summary>
/// The real <c>rulesmesh serve --kubeconfig</c> process against the in-process Kubernetes API server double (no
/// kube-apiserver can run here): the statuses it writes are ones a real API server accepts.
/// </summary>
public sealed class ServeKubernetesStatusTests
{
    private const string HttpRoutes = "/apis/gateway.networking.k8s.io/v1/httproutes";
    private const string Leases = "/apis/coordination.k8s.io/v1/leases";

    [Fact]
    public async Task A_route_status_names_kgateways_controller_and_is_valid_against_the_HTTPRoute_schema()
    {
        await using var api = await KubernetesApiDouble.StartAsync();
        foreach (var item in Mesh())
        {
            api.Put(JsonNode.Parse(item)!.AsObject());
        }

        using var folder = new TemporaryFolder();
        var kubeconfig = folder.Write("kubeconfig", Kubeconfig(api, contextNamespace: "rulesmesh-system"));

        await using var serve = await ServeProcess.StartAsync("--kubeconfig", kubeconfig);
        await KubernetesApiDouble.WaitUntilAsync(() => api.StatusPatches.Any(static p => p.CollectionPath == HttpRoutes), "serve to write the HTTPRoute's status\n" + serve.Log);

        var route = api.Get(HttpRoutes, "shop", "catalog")!;
        var parent = Assert.Single(route["status"]!["parents"]!.AsArray())!;
        // The GatewayClass's controllerName, as kgateway writes it; the API server refuses "kgateway" (no domain prefix).
        Assert.Equal("kgateway.dev/kgateway", (string?)parent["controllerName"]);
        Assert.Equal("True", (string?)parent["conditions"]!.AsArray().Single(static c => (string?)c!["type"] == "Accepted")!["status"]);

        // The object as the API server now holds it, status included, read back through the CRD schema.
        var loaded = new ManifestLoader().LoadText(route.ToJsonString(), "catalog.json");
        Assert.Empty(loaded.Diagnostics);
        Assert.Single(loaded.Resources);
    }

    [Fact]
    public async Task Lease_namespace_puts_the_status_writers_Lease_there_instead_of_the_contexts_namespace()
    {
        await using var api = await KubernetesApiDouble.StartAsync();
        using var folder = new TemporaryFolder();
        var kubeconfig = folder.Write("kubeconfig", Kubeconfig(api, contextNamespace: "default"));

        // Run outside the cluster beside a Deployment in rulesmesh-system: one election, so one writer.
        await using var serve = await ServeProcess.StartAsync("--kubeconfig", kubeconfig, "--lease-namespace", "rulesmesh-system");
        await KubernetesApiDouble.WaitUntilAsync(() => api.Get(Leases, "rulesmesh-system", "rulesmesh-status-writer") is not null, "the Lease in rulesmesh-system\n" + serve.Log);

        Assert.Null(api.Get(Leases, "default", "rulesmesh-status-writer"));
    }

    private static string Kubeconfig(KubernetesApiDouble api, string contextNamespace) => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: double
          cluster:
            server: {api.Address}
        contexts:
        - name: double
          context:
            cluster: double
            user: nobody
            namespace: {contextNamespace}
        current-context: double
        users:
        - name: nobody
          user:
            token: not-checked-by-the-double
        """;

    private static IEnumerable<string> Mesh() =>
    [
        """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"shop"}}""",
        """{"apiVersion":"gateway.networking.k8s.io/v1","kind":"GatewayClass","metadata":{"name":"kgateway-waypoint"},"spec":{"controllerName":"kgateway.dev/kgateway"}}""",
        """
        {"apiVersion":"gateway.networking.k8s.io/v1","kind":"Gateway","metadata":{"name":"waypoint","namespace":"shop","generation":1},
         "spec":{"gatewayClassName":"kgateway-waypoint","listeners":[{"name":"proxy","port":15088,"protocol":"istio.io/PROXY"}]},
         "status":{"addresses":[{"type":"IPAddress","value":"10.96.0.20"}]}}
        """,
        """
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"catalog","namespace":"shop","labels":{"istio.io/use-waypoint":"waypoint"}},
         "spec":{"clusterIP":"10.96.0.10","ports":[{"name":"http","port":8080,"protocol":"TCP"}],"selector":{"app":"catalog"}}}
        """,
        """
        {"apiVersion":"gateway.networking.k8s.io/v1","kind":"HTTPRoute","metadata":{"name":"catalog","namespace":"shop","generation":1},
         "spec":{"parentRefs":[{"group":"","kind":"Service","name":"catalog","port":8080}],"rules":[{"backendRefs":[{"name":"catalog","port":8080}]}]}}
        """,
    ];
}
