using RulesMesh.Cli.Tests.Support;

namespace RulesMesh.Cli.Tests;

/// <summary>
/// <c>rulesmesh capture --profile istio --explain</c> lists the workloads each waypoint binds and, separately, those bound
/// to none, each with istiod's reason (docs/spec/istio-gatewayapi.md §6.3).
/// </summary>
public sealed class IstioWorkloadCaptureTests
{
    private const string Mesh = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: { name: waypoint, namespace: shop, labels: { istio.io/waypoint-for: all } }
        spec:
          gatewayClassName: istio-waypoint
          listeners: [{ name: mesh, port: 15008, protocol: HBONE }]
        status:
          addresses: [{ type: IPAddress, value: 10.0.0.9 }]
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: worker, namespace: shop, labels: { istio.io/use-waypoint: waypoint } }
        spec: { containers: [{ name: app, image: worker }] }
        status: { podIP: 10.1.0.7 }
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: other, namespace: shop, labels: { istio.io/use-waypoint: missing } }
        spec: { containers: [{ name: app, image: worker }] }
        status: { podIP: 10.1.0.8 }
        """;

    [Fact]
    public void BoundAndUnboundWorkloadsAreListedWithTheirReasons()
    {
        var run = CliRun.Of(["capture", "--profile", "istio", "--explain", "-"], Mesh);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains(
            "  Binds 1 workload:\n    KIND  NAMESPACE/NAME  ADDRESS\n    Pod   shop/worker     10.1.0.7\n      its own label istio.io/use-waypoint=waypoint; Gateway shop/waypoint is ready, takes workload traffic (its label istio.io/waypoint-for=all) and admits namespace shop.\n",
            run.Output,
            StringComparison.Ordinal);
        Assert.Contains(
            "Workloads bound to no waypoint (1 workload):\n    KIND  NAMESPACE/NAME  ADDRESS\n    Pod   shop/other      10.1.0.8\n      its own label istio.io/use-waypoint=missing, but Gateway shop/missing is missing: istiod reports WaypointIsNotReady.\n",
            run.Output,
            StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutExplainOnlyTheBoundWorkloadsAreListed()
    {
        var run = CliRun.Of(["capture", "--profile", "istio", "-"], Mesh);

        Assert.Contains("  Binds 1 workload:\n", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Workloads bound to no waypoint", run.Output, StringComparison.Ordinal);
    }
}
