using RulesMesh.Rules;
using RulesMesh.Store;
using RulesMesh.Translation.Backends;

namespace RulesMesh.Tests.Translation.Backends;

/// <summary>ClientProxy.ForPod: the proxy's identity from its Pod and Node (docs/spec/kgateway-destinationrule-priorities.md §B1).</summary>
public sealed class ClientProxyTests
{
    private const string Pod = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: gateway
          namespace: edge
          labels: { app: gw, topology.kubernetes.io/region: pod-region, topology.istio.io/subzone: pod-subzone, topology.istio.io/network: n1 }
          annotations: { ambient.istio.io/redirection: enabled, gateway.networking.k8s.io/gateway-name: public, unrelated: x }
        spec: { nodeName: worker, containers: [{ name: proxy, image: envoy }] }
        ---

        """;

    private const string Node = """
        apiVersion: v1
        kind: Node
        metadata: { name: worker, labels: { topology.kubernetes.io/region: r1, topology.kubernetes.io/zone: z1 } }
        """;

    private static EngineSettings For(string yaml) => new EngineSettings().ForPod(ResourceStore.From(BackendsHarness.Load(yaml)), "edge", "gateway");

    [Fact]
    public void TheNodesNonEmptyTopologyLabelsAndHostnameGoOverThePodsLabels()
    {
        var settings = For(Pod + Node);

        Assert.Equal("edge", settings.ClientNamespace);
        Assert.Equal("r1/z1/", settings.ClientLocality);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["app"] = "gw",
                ["topology.kubernetes.io/region"] = "r1",
                ["topology.kubernetes.io/zone"] = "z1",
                ["topology.istio.io/subzone"] = "pod-subzone",
                ["topology.istio.io/network"] = "n1",
                ["kubernetes.io/hostname"] = "worker",
                ["ambient.istio.io/redirection"] = "enabled",
                ["gateway.networking.k8s.io/gateway-name"] = "public",
            },
            settings.ClientLabels);
    }

    [Fact]
    public void WithoutItsNodeThePodHasNoLocalityAndNoHostname()
    {
        var settings = For(Pod);

        Assert.Null(settings.ClientLocality);
        Assert.Equal("pod-region", settings.ClientLabels!["topology.kubernetes.io/region"]);
        Assert.False(settings.ClientLabels.ContainsKey("kubernetes.io/hostname"));
    }

    [Fact]
    public void AnUnknownPodLeavesTheSettingsAlone()
    {
        var settings = new EngineSettings { ClientLocality = "r9/z9/s9" };

        Assert.Same(settings, settings.ForPod(ResourceStore.From(BackendsHarness.Load(Node)), "edge", "gateway"));
    }
}
