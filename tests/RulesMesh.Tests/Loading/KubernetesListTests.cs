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

    // A trailing comma is not JSON (RFC 8259): a JSON parser stops at the '}' after it, line 2, column 70.
    private const string StreamWithTrailingComma = """
        {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "one"}}
        {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "two",}}
        {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "three"}}
        """;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AJsonObjectWithASyntaxErrorIsAJsonErrorAtItsPlaceAndTheObjectsAroundItStillLoad(bool fromStandardInput)
    {
        var source = fromStandardInput
            ? ManifestSource.FromReader("<stdin>", new StringReader(StreamWithTrailingComma))
            : ManifestSource.FromText("objects.json", StreamWithTrailingComma);

        var result = new ManifestLoader().Load([source]);

        Assert.Equal(["one", "three"], result.Objects<V1Namespace>().Select(static n => n.Metadata.Name));
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Error, 2, 70), (error.Severity, error.Position.Line, error.Position.Column));
        Assert.Equal("Cannot read this JSON object: The JSON object contains a trailing comma at the end, which JSON does not allow.", error.Message);
    }

    [Fact]
    public void AJsonObjectLeftOpenEndsWhereTheNextLineStartsAnObjectAndThatObjectLoads()
    {
        const string text = """
            {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "one"}}
            {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "two"}
            {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "three"}}
            """;

        var result = new ManifestLoader().LoadText(text, "objects.json");

        Assert.Equal(["one", "three"], result.Objects<V1Namespace>().Select(static n => n.Metadata.Name));
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Error, 2, 1), (error.Severity, error.Position.Line, error.Position.Column));
        Assert.Contains("JSON object", error.Message, StringComparison.Ordinal);
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheObjectsBeforeAJsonObjectLeftOpenToTheEndStillLoad()
    {
        const string text = """
            {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "one"}}
            {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "two"},
              "spec": {"finalizers": ["kubernetes"]}
            """;

        var result = new ManifestLoader().LoadText(text, "objects.json");

        Assert.Equal("one", Assert.Single(result.Objects<V1Namespace>()).Metadata.Name);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Error, 2, 1), (error.Severity, error.Position.Line, error.Position.Column));
        Assert.Contains("end of the text", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABrokenFirstObjectOfAnIndentedJsonStreamIsAnErrorAndTheNextOneLoads()
    {
        // As kubectl get -o json or jq write each object; the trailing comma's '}' is at line 4, column 30.
        const string text = """
            {
              "apiVersion": "v1",
              "kind": "Namespace",
              "metadata": {"name": "one",}
            }
            {
              "apiVersion": "v1",
              "kind": "Namespace",
              "metadata": {"name": "two"}
            }
            """;

        var result = new ManifestLoader().LoadText(text, "objects.json");

        Assert.Equal("two", Assert.Single(result.Objects<V1Namespace>()).Metadata.Name);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((4, 30), (error.Position.Line, error.Position.Column));
        Assert.StartsWith("Cannot read this JSON object: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AJsonErrorOnTheOnlyLineOfAFileWithoutNewlineIsOnThatLineInJsonWords()
    {
        // A JSON object's first member must start with '"': the 'b' at column 2 is where a JSON parser stops.
        var error = Assert.Single(new ManifestLoader().LoadText("{bad json", "bj.json").Diagnostics);

        Assert.Equal((DiagnosticSeverity.Error, 1, 2), (error.Severity, error.Position.Line, error.Position.Column));
        Assert.StartsWith("Cannot read this JSON object: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("  ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AYamlErrorAtTheEndOfAFileWithoutNewlineIsOnItsLastLineInSingleSpacedWords()
    {
        // The flow sequence opened on line 2 is never closed: the text ends on line 2, so does the error.
        var error = Assert.Single(new ManifestLoader().LoadText("apiVersion: v1\nkind: [Namespace", "open.yaml").Diagnostics);

        Assert.Equal(2, error.Position.Line);
        Assert.InRange(error.Position.Column, 1, "kind: [Namespace".Length + 1);
        Assert.StartsWith("Cannot read this YAML document: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("  ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATypedListLoadsEachItemAndABrokenItemIsAnErrorAtItsOwnLine()
    {
        // kubectl decodes any kind ending in List with an items list as a list (meta.IsListType): a ServiceList, and a
        // custom resource's <Kind>List as kubectl get -o yaml writes it.
        const string text = """
            apiVersion: v1
            kind: ServiceList
            metadata: {resourceVersion: ""}
            items:
            - apiVersion: v1
              kind: Service
              metadata: {name: reviews, namespace: shop}
              spec: {ports: [{port: 80}]}
            - apiVersion: v1
              kind: Service
              metadata: {name: bad, namespace: shop}
              spec:
                ports:
                - port: eighty
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntryList
            items:
            - apiVersion: networking.istio.io/v1
              kind: ServiceEntry
              metadata: {name: api, namespace: shop}
              spec: {hosts: [api.example.com], ports: [{number: 443, name: https, protocol: TLS}], resolution: DNS}
            """;

        var result = new ManifestLoader().LoadText(text, "lists.yaml");

        Assert.Equal("reviews", Assert.Single(result.Objects<V1Service>()).Metadata.Name);
        Assert.Equal("api", Assert.Single(result.Objects<ServiceEntry>()).Metadata.Name);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Error, "spec.ports[0].port", 14), (error.Severity, error.FieldPath, error.Position.Line));
    }

    [Fact]
    public void ATypedListItemWithoutApiVersionAndKindIsOfTheListsKind()
    {
        // The API's own list responses (kubectl get --raw, client dumps) leave each item's apiVersion and kind out;
        // kubectl's unstructured list decoding gives such an item the list's apiVersion and its kind without "List".
        const string text = """
            apiVersion: v1
            kind: ServiceList
            items:
            - metadata: {name: reviews, namespace: shop}
              spec: {ports: [{port: 80}]}
            - metadata: {name: ratings, namespace: shop}
              spec:
                ports:
                - port: eighty
            """;

        var result = new ManifestLoader().LoadText(text, "raw.yaml");

        var service = Assert.Single(result.Objects<V1Service>());
        Assert.Equal(("v1", "Service", "reviews"), (service.ApiVersion, service.Kind, service.Metadata.Name));
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Error, "spec.ports[0].port", 9), (error.Severity, error.FieldPath, error.Position.Line));
    }
}
