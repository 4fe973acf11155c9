using k8s.Models;
using RulesMesh.Loading;
using RulesMesh.Modeling;

namespace RulesMesh.Tests.Loading;

public sealed class ModelRegistryTests
{
    [Theory]
    [InlineData("v1", "Namespace", typeof(V1Namespace))]
    [InlineData("v1", "Service", typeof(V1Service))]
    [InlineData("v1", "Pod", typeof(V1Pod))]
    [InlineData("v1", "Node", typeof(V1Node))]
    [InlineData("v1", "ConfigMap", typeof(V1ConfigMap))]
    [InlineData("v1", "Secret", typeof(V1Secret))]
    [InlineData("discovery.k8s.io/v1", "EndpointSlice", typeof(V1EndpointSlice))]
    public void TheDefaultRegistryHasTheCoreKinds(string apiVersion, string kind, Type modelType)
    {
        Assert.True(ModelRegistry.Default.TryGet(apiVersion, kind, out var model));
        Assert.Equal(modelType, model.ClrType);
    }

    [Fact]
    public void LookupIsExact()
    {
        Assert.False(ModelRegistry.Default.TryGet("v1", "service", out _));
        Assert.False(ModelRegistry.Default.TryGet("core/v1", "Service", out _));
    }

    [Fact]
    public void AUserCatalogAddsKindsTheLoaderThenReads()
    {
        var registry = ModelRegistry.Default.With([WidgetModel("example.com", "v1")]);

        var result = new ManifestLoader(registry).LoadText("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n", "widget.yaml");

        Assert.Empty(result.Diagnostics);
        Assert.Equal("w", Assert.Single(result.Objects<Widget>()).Metadata.Name);
        Assert.True(registry.TryGet("v1", "Service", out _));
    }

    [Fact]
    public void ALaterCatalogReplacesAnEarlierModelOfTheSameKind()
    {
        var replacement = WidgetModel("", "v1") with { Kind = V1Service.KubeKind, Plural = "services" };

        var registry = new ModelRegistry(CoreKubernetesModels.All, [replacement]);

        Assert.True(registry.TryGet("v1", "Service", out var model));
        Assert.Same(replacement, model);
        Assert.Equal(CoreKubernetesModels.All.Count, registry.Models.Count);
    }

    private static ModelDescriptor WidgetModel(string group, string version)
        => new(group, version, "Widget", "widgets", Namespaced: true, Storage: true, typeof(Widget),
            static (json, options, _) => System.Text.Json.JsonSerializer.Deserialize<Widget>(json, options), SchemaJson: null);

    /// <summary>The smallest possible user model.</summary>
    public sealed class Widget : k8s.IKubernetesObject<V1ObjectMeta>
    {
        public string ApiVersion { get; set; } = string.Empty;

        public string Kind { get; set; } = string.Empty;

        public V1ObjectMeta Metadata { get; set; } = new();
    }
}
