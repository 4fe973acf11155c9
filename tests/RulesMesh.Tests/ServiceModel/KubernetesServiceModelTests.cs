using RulesMesh.Rules;
using static RulesMesh.Tests.ServiceModel.ServiceModelHarness;

namespace RulesMesh.Tests.ServiceModel;

/// <summary>kgateway's <c>FromService</c> (docs/spec/kgateway-waypoint.md §4).</summary>
public sealed class KubernetesServiceModelTests
{
    [Fact]
    public void ClusterIPsAreTheAddressesWithNoneLeftOut()
    {
        var service = Model(Service("clusterIP: 10.0.0.1\n  clusterIPs: [10.0.0.1, None, 'fd00::1']"));

        Assert.Equal(["10.0.0.1", "fd00::1"], service.Addresses);
    }

    [Fact]
    public void ClusterIPIsTheAddressWhenClusterIPsIsEmpty()
    {
        var service = Model(Service("clusterIP: 10.0.0.7"));

        Assert.Equal(["10.0.0.7"], service.Addresses);
    }

    [Fact]
    public void AHeadlessServiceHasNoAddresses()
    {
        var service = Model(Service("clusterIP: None\n  clusterIPs: [None]"));

        Assert.Empty(service.Addresses);
    }

    [Fact]
    public void TheOnlyHostnameIsTheClusterFqdnInTheConfiguredClusterDomain()
    {
        var service = Model(Service("clusterIP: 10.0.0.1"), new EngineSettings { ClusterDomain = "corp.internal" });

        Assert.Equal(["catalog.shop.svc.corp.internal"], service.Hostnames);
    }

    [Fact]
    public void AServiceHasNoAliasesSoItsOnlyKeyIsItself()
    {
        var service = Model(Service("clusterIP: 10.0.0.1"));

        Assert.Empty(service.Aliases);
        Assert.Equal([new Mesh.ObjectKey("", "Service", "shop", "catalog")], service.Keys);
    }

    [Theory]
    [InlineData("appProtocol: kubernetes.io/h2c\n    name: http\n    protocol: TCP", "kubernetes.io/h2c", false)]
    [InlineData("name: http-web\n    protocol: TCP", "http-web", true)]
    [InlineData("name: grpc", "grpc", true)]
    [InlineData("protocol: UDP", "UDP", false)]
    [InlineData("appProtocol: ''\n    name: ''", "TCP", false)]
    public void APortsProtocolIsAppProtocolElseItsNameElseItsTransport(string portFields, string protocol, bool isHttp)
    {
        var port = Assert.Single(Model(Service("clusterIP: 10.0.0.1", "  - port: 80\n    " + portFields)).Ports);

        Assert.Equal(protocol, port.Protocol);
        Assert.Equal(isHttp, port.IsHttp);
    }

    [Theory]
    [InlineData("targetPort: 8080", 8080)]
    [InlineData("targetPort: '9090'", 9090)]
    [InlineData("targetPort: http", 0)]
    [InlineData("name: http", 0)]
    public void TheTargetPortIsItsNumberAndANamedOrMissingTargetPortIsZero(string portField, int targetPort)
    {
        var port = Assert.Single(Model(Service("clusterIP: 10.0.0.1", "  - port: 80\n    " + portField)).Ports);

        Assert.Equal(80, port.Port);
        Assert.Equal(targetPort, port.TargetPort);
    }

    private static string Service(string addressing, string ports = "  - port: 80\n    name: http") => $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: catalog
          namespace: shop
        spec:
          {addressing}
          ports:
        {ports}
        """;
}
