using k8s.Models;
using RulesMesh.Loading;

namespace RulesMesh.Tests.Loading;

/// <summary>
/// <see cref="ManifestLoader.DefaultNamespace"/> puts namespaced objects that name no namespace in it, as
/// <c>kubectl apply -n</c> does, before duplicates are looked for: the same object is the same in that namespace.
/// </summary>
public sealed class DefaultNamespaceTests
{
    private const string NamespacelessEcho = """
        apiVersion: v1
        kind: Service
        metadata:
          name: echo
        spec:
          ports:
          - port: 80
        ---
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
        """;

    [Fact]
    public void An_object_naming_no_namespace_is_put_in_the_default_namespace_and_cluster_scoped_ones_are_not()
    {
        var result = new ManifestLoader { DefaultNamespace = "shop" }.LoadText(NamespacelessEcho, "echo.yaml");

        Assert.Empty(result.Diagnostics);
        Assert.Equal("shop", Assert.Single(result.Objects<V1Service>()).Metadata.NamespaceProperty);
        Assert.Null(Assert.Single(result.Objects<V1Namespace>()).Metadata.NamespaceProperty);
    }

    [Fact]
    public void The_same_object_written_in_that_namespace_is_a_duplicate_and_one_written_in_default_is_not()
    {
        var inShop = NamespacelessEcho + "\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: echo\n  namespace: shop\nspec:\n  ports:\n  - port: 81\n";
        var inDefault = NamespacelessEcho + "\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: echo\n  namespace: default\nspec:\n  ports:\n  - port: 81\n";

        var duplicate = new ManifestLoader { DefaultNamespace = "shop" }.LoadText(inShop, "echo.yaml");
        var distinct = new ManifestLoader { DefaultNamespace = "shop" }.LoadText(inDefault, "echo.yaml");

        Assert.Equal(81, Assert.Single(duplicate.Objects<V1Service>()).Spec.Ports[0].Port);
        Assert.StartsWith("Service shop/echo is defined again at echo.yaml:", Assert.Single(duplicate.Diagnostics).Message, StringComparison.Ordinal);
        Assert.Empty(distinct.Diagnostics);
        Assert.Equal(["default", "shop"], distinct.Objects<V1Service>().Select(static s => s.Metadata.NamespaceProperty).Order(StringComparer.Ordinal));
    }

    // kubectl and the API server read `namespace: ""` as no namespace: the default one, or -n's; a cluster-scoped kind has none.
    private const string EmptyNamespaces = """
        apiVersion: v1
        kind: Service
        metadata: {name: echo, namespace: ""}
        spec: {ports: [{port: 80}]}
        ---
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: entry, namespace: ""}
        spec: {hosts: [a.example.com], ports: [{number: 80, name: http, protocol: HTTP}], resolution: DNS}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop, namespace: ""}
        """;

    [Theory]
    [InlineData(null)]
    [InlineData("shop")]
    public void An_empty_namespace_is_read_as_none_on_every_reading_path(string? defaultNamespace)
    {
        foreach (var withoutTree in new[] { true, false })
        {
            var result = new ManifestLoader { DefaultNamespace = defaultNamespace, ReadsWithoutTree = withoutTree }.LoadText(EmptyNamespaces, "empty.yaml");

            Assert.Empty(result.Diagnostics);
            Assert.Equal(defaultNamespace, Assert.Single(result.Objects<V1Service>()).Metadata.NamespaceProperty);
            Assert.Equal(defaultNamespace, Assert.Single(result.Objects<RulesMesh.Models.NetworkingIstioIo.V1.ServiceEntry>()).Metadata.NamespaceProperty);
            Assert.Null(Assert.Single(result.Objects<V1Namespace>()).Metadata.NamespaceProperty);
        }
    }

    [Fact]
    public void An_object_in_the_empty_namespace_is_the_same_as_one_in_default()
    {
        var text = "apiVersion: v1\nkind: Service\nmetadata: {name: echo, namespace: \"\"}\nspec: {ports: [{port: 80}]}\n---\n"
            + "apiVersion: v1\nkind: Service\nmetadata: {name: echo, namespace: default}\nspec: {ports: [{port: 81}]}\n";

        var result = new ManifestLoader().LoadText(text, "echo.yaml");

        Assert.StartsWith("Service default/echo is defined again at echo.yaml:", Assert.Single(result.Diagnostics).Message, StringComparison.Ordinal);
    }
}
