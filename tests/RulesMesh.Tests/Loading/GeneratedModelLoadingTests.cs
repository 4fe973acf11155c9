using RulesMesh.Loading;
using RulesMesh.Models;
using ServiceEntry = RulesMesh.Models.NetworkingIstioIo.V1.ServiceEntry;

namespace RulesMesh.Tests.Loading;

public sealed class GeneratedModelLoadingTests
{
    [Fact]
    public void TheDefaultRegistryHasEveryGeneratedModel()
    {
        Assert.NotEmpty(GeneratedModels.All);
        Assert.All(GeneratedModels.All, generated =>
        {
            Assert.True(ModelRegistry.Default.TryGet(generated.ApiVersion, generated.Kind, out var model));
            Assert.Same(generated, model);
        });
    }

    [Fact]
    public void ACustomResourceLoadsIntoItsGeneratedModel()
    {
        var result = new ManifestLoader().LoadText(ServiceEntryWithPort("80"), "se.yaml");

        Assert.Empty(result.Diagnostics);
        var serviceEntry = Assert.Single(result.Objects<ServiceEntry>());
        Assert.Equal(80u, Assert.Single(serviceEntry.Spec.Ports!).Number);
    }

    [Fact]
    public void AWrongTypeInACustomResourceIsAnErrorAtItsFieldAndLine()
    {
        var text = ServiceEntryWithPort("\"eighty\"") + "---\n" + ServiceEntryWithPort("443");

        var result = new ManifestLoader().LoadText(text, "se.yaml");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("spec.ports[0].number", error.FieldPath);
        Assert.Equal(new SourcePosition(10, 5), error.Position);
        Assert.Contains("ServiceEntry", error.Message, StringComparison.Ordinal);
        Assert.Equal(443u, Assert.Single(result.Objects<ServiceEntry>()).Spec.Ports![0].Number);
    }

    [Fact]
    public void AnEnumThatIsNotAStringIsAnErrorAtItsField()
    {
        var text = ServiceEntryWithPort("80").Replace("resolution: STATIC", "resolution: 5", StringComparison.Ordinal);

        var result = new ManifestLoader().LoadText(text, "se.yaml");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("spec.resolution", error.FieldPath);
        Assert.Equal(13, error.Position.Line);
    }

    [Theory]
    [InlineData("networking.istio.io/v1beta1")]
    [InlineData("networking.istio.io/v1alpha3")]
    public void AnOlderServedVersionLoadsIntoTheHubTypeAndReportsTheHubApiVersion(string apiVersion)
    {
        var text = ServiceEntryWithPort("80").Replace("networking.istio.io/v1", apiVersion, StringComparison.Ordinal);

        var result = new ManifestLoader().LoadText(text, "se.yaml");

        Assert.Empty(result.Diagnostics);
        var resource = Assert.Single(result.Resources);
        var serviceEntry = Assert.IsType<ServiceEntry>(resource.Object);
        Assert.Equal(ServiceEntry.KubeApiVersion, serviceEntry.ApiVersion);
        Assert.Equal(apiVersion, resource.WrittenApiVersion);
        Assert.Equal(80u, Assert.Single(serviceEntry.Spec.Ports!).Number);
    }

    [Fact]
    public void AReferenceGrantWrittenAsV1LoadsAsItsStorageVersionV1beta1()
    {
        const string text = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: ReferenceGrant
            metadata:
              name: grant
              namespace: backends
            spec:
              from:
              - {group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: routes}
              to:
              - {group: "", kind: Service}
            """;

        var result = new ManifestLoader().LoadText(text, "grant.yaml");

        Assert.Empty(result.Diagnostics);
        var grant = Assert.IsType<RulesMesh.Models.GatewayNetworkingK8sIo.V1beta1.ReferenceGrant>(Assert.Single(result.Resources).Object);
        Assert.Equal("gateway.networking.k8s.io/v1beta1", grant.ApiVersion);
    }

    [Fact]
    public void EveryServedVersionOfAKindReadsIntoOneRuntimeType()
    {
        foreach (var kind in GeneratedModels.All.GroupBy(static model => (model.Group, model.Kind)))
        {
            Assert.Single(kind.Select(static model => model.ClrType).Distinct());
            Assert.Single(kind.Select(static model => model.HubVersion).Distinct());
            Assert.Contains(kind, static model => model.Storage && model.Version == model.HubVersion);
        }
    }

    private static string ServiceEntryWithPort(string number) => $"""
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata:
          name: example
          namespace: default
        spec:
          hosts:
          - example.com
          ports:
          - number: {number}
            name: http
            protocol: HTTP
          resolution: STATIC

        """;
}
