using k8s.Models;
using RulesMesh.Loading;
using RulesMesh.Models.NetworkingIstioIo.V1;

namespace RulesMesh.Tests.Loading;

/// <summary>
/// Several objects in one document, as kubectl reads them: a <c>v1</c> <c>List</c> (what <c>kubectl get -o yaml</c> writes)
/// and a stream of JSON objects; each loads as a document of its own.
/// </summary>
public sealed class KubernetesListTests
{
    [Fact]
    public void EachItemOfAListIsLoadedAndABrokenItemIsAnErrorAtItsOwnLine()
    {
        const string text = """
            apiVersion: v1
            kind: List
            metadata: {resourceVersion: ""}
            items:
            - apiVersion: v1
              kind: Service
              metadata: {name: reviews, namespace: shop}
              spec: {clusterIP: 10.0.0.1, ports: [{port: 80}]}
            - apiVersion: networking.istio.io/v1
              kind: ServiceEntry
              metadata: {name: bad, namespace: shop}
              spec:
                hosts: [db.example.com]
                resolution: SOMETIMES
            - apiVersion: networking.istio.io/v1
              kind: ServiceEntry
              metadata: {name: good, namespace: shop}
              spec: {hosts: [api.example.com], ports: [{number: 443, name: https, protocol: TLS}], resolution: DNS}
            """;

        var result = new ManifestLoader().LoadText(text, "list.yaml");

        Assert.Equal("reviews", Assert.Single(result.Objects<V1Service>()).Metadata.Name);
        Assert.Equal("good", Assert.Single(result.Objects<ServiceEntry>()).Metadata.Name);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal("spec.resolution", error.FieldPath);
        Assert.Equal(14, error.Position.Line);
        Assert.Contains("ServiceEntry bad", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnItemThatIsNoObjectIsAnErrorAtTheItem()
    {
        const string text = """
            apiVersion: v1
            kind: List
            items:
            - just text
            - apiVersion: v1
              kind: Namespace
              metadata: {name: shop}
            """;

        var result = new ManifestLoader().LoadText(text, "list.yaml");

        Assert.Single(result.Objects<V1Namespace>());
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(("items[0]", 4), (error.FieldPath, error.Position.Line));
        Assert.EndsWith("in the List, found a string.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EachObjectOfAJsonStreamIsADocumentOfItsOwnAtItsLine()
    {
        const string text = """
            {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop"}}
            {"apiVersion": "networking.istio.io/v1", "kind": "ServiceEntry",
             "metadata": {"name": "bad", "namespace": "shop"},
             "spec": {"hosts": ["db.example.com"], "resolution": "SOMETIMES"}}{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "other"}}
            """;

        var result = new ManifestLoader().LoadText(text, "objects.json");

        Assert.Equal(["shop", "other"], result.Objects<V1Namespace>().Select(static n => n.Metadata.Name));
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(("spec.resolution", 4), (error.FieldPath, error.Position.Line));
    }

    [Fact]
    public void AYamlFlowMappingIsNotTakenForJson()
    {
        var result = new ManifestLoader().LoadText("{apiVersion: v1, kind: Namespace, metadata: {name: shop}}\n", "flow.yaml");

        Assert.Empty(result.Diagnostics);
        Assert.Equal("shop", Assert.Single(result.Objects<V1Namespace>()).Metadata.Name);
    }
}
