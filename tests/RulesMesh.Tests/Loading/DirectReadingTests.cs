using System.Text.Json;
using k8s.Models;
using System.Text;
using RulesMesh.Loading;
using RulesMesh.Tests.Support;

namespace RulesMesh.Tests.Loading;

/// <summary>
/// Most manifests are read straight from their text to typed objects; the rest by the general YAML reader. Whichever
/// reads a document, the loaded object, its line, its JSON and its source map must be the same.
/// </summary>
public sealed class DirectReadingTests
{
    // Block style, as kubectl writes it: read straight from the text.
    private const string BlockStyle = """
        ---
        # a comment before the document
        apiVersion: v1
        kind: Service
        metadata:
          name: web   # a comment after a value
          namespace: shop
          annotations:
            app.kubernetes.io/name: web
            tier: 'front ''end'''
        spec:
          ports:
          - name: http
            port: 80
            targetPort: 8080
          - name: grpc
            port: 81
          selector:
            app: web
        """;

    // The same Service in flow style: read by the general reader.
    private const string FlowStyle = """
        ---
        # a comment before the document
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop, annotations: {app.kubernetes.io/name: web, tier: "front 'end'"}}
        spec:
          ports: [{name: http, port: 80, targetPort: 8080}, {name: grpc, port: 81}]
          selector: {app: web}
        """;

    [Fact]
    public void ABlockStyleManifestAndTheSameInFlowStyleLoadToEqualObjects()
    {
        var block = Assert.Single(new ManifestLoader().LoadText(BlockStyle, "block.yaml").Resources);
        var flow = Assert.Single(new ManifestLoader().LoadText(FlowStyle, "flow.yaml").Resources);

        var service = Assert.IsType<V1Service>(block.Object);
        Assert.Equal("front 'end'", service.Metadata.Annotations["tier"]);
        Assert.Equal(81, service.Spec.Ports[1].Port);
        Assert.Equal(JsonSerializer.Serialize(flow.Object, ManifestJsonOptions.Default), JsonSerializer.Serialize(block.Object, ManifestJsonOptions.Default));
        Assert.Equal(3, block.Document.Line);
        Assert.Equal(block.Document.Line, flow.Document.Line);
    }

    [Fact]
    public void ADocumentReadStraightFromTextStillHasItsJsonAndSourceMap()
    {
        var document = Assert.Single(new ManifestLoader().LoadText(BlockStyle, "block.yaml").Resources).Document;

        Assert.Equal("web", (string?)document.Json["metadata"]?["name"]);
        Assert.Equal(80L, (long?)document.Json["spec"]?["ports"]?[0]?["port"]);

        // Line 16 is "  - name: grpc", the second port; its "port" key is on line 17, column 5.
        Assert.Equal(new SourcePosition(17, 5), document.SourceMap.Locate("spec.ports[1].port"));
    }

    [Fact]
    public void AnErrorInABlockStyleDocumentIsReportedAtItsFileLineAndField()
    {
        var text = BlockStyle.Replace("port: 81", "port: eighty-one", StringComparison.Ordinal);

        var error = Assert.Single(new ManifestLoader().LoadText(text, "block.yaml").Diagnostics);

        Assert.Equal("spec.ports[1].port", error.FieldPath);
        Assert.Equal(new SourcePosition(17, 5), error.Position);
    }

    [Theory]
    [InlineData("multi-line plain scalar", "  annotations:\n    note: first part\n      second part\n", "first part second part")]
    [InlineData("literal block scalar", "  annotations:\n    note: |\n      first part\n      second part\n", "first part\nsecond part\n")]
    [InlineData("escape in double quotes", "  annotations:\n    note: \"first\\tsecond\"\n", "first\tsecond")]
    [InlineData("quoted scalar over two lines", "  annotations:\n    note: 'first\n      second'\n", "first second")]
    public void ScalarsBeyondOneLineOrWithEscapesAreReadWhole(string form, string annotations, string expected)
    {
        var text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\n" + annotations;

        var result = new ManifestLoader().LoadText(text, form + ".yaml");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(expected, Assert.IsType<V1ConfigMap>(Assert.Single(result.Resources).Object).Metadata.Annotations["note"]);
    }

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("1.2.3")]
    [InlineData("2001:db8::1")]
    [InlineData("1.5")]
    [InlineData("1e3")]
    [InlineData("-.5")]
    [InlineData("0o17")]
    [InlineData("0x1F")]
    [InlineData("012")]
    [InlineData("~")]
    [InlineData("+1")]
    [InlineData("1_000")]
    [InlineData("8080/TCP")]
    public void APlainScalarThatStartsLikeANumberReadsAsTheGeneralReaderReadsIt(string value) => AssertBlockStyleReadsAsFlowStyle(value);

    [Theory]
    [InlineData("café ☕ 😀")]
    [InlineData("'l''été ☕ ''x'''")]
    [InlineData("\"日本語 ü\"")]
    [InlineData("ja # ü")]
    [InlineData("a\uFEFFb")]
    public void AScalarThatIsNotAsciiReadsAsTheGeneralReaderReadsIt(string value) => AssertBlockStyleReadsAsFlowStyle(value);

    [Theory]
    [InlineData("a\u2028b")]
    [InlineData("a\u2029b")]
    [InlineData("a\u0085b")]
    public void ACharacterYaml11TakesForALineBreakLeavesTheDocumentToTheGeneralReader(string value)
    {
        var text = $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: values\n  annotations:\n    value: {value}\n";

        var loaded = new ManifestLoader().LoadText(text, "block.yaml");

        Assert.Equal(
            ManifestReader.Read(text, "block.yaml").Errors.Select(static d => (d.Message, d.Position)),
            loaded.Diagnostics.Select(static d => (d.Message, d.Position)));
    }

    [Fact]
    public void AYaml11BooleanInABlockStyleDocumentStillGetsItsWarning()
    {
        var text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flags\ndata:\n  enabled: yes\n";

        var result = new ManifestLoader().LoadText(text, "flags.yaml");

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal(new SourcePosition(6, 12), warning.Position);
        Assert.Equal("yes", Assert.IsType<V1ConfigMap>(Assert.Single(result.Resources).Object).Data["enabled"]);
    }

    [Fact]
    public void ManyDocumentsLoadInTheirWrittenOrderWhateverReadsThem()
    {
        // Even-numbered documents are block style, odd ones flow style: the two readers interleave.
        var text = string.Concat(Enumerable.Range(0, 200).Select(index => index % 2 == 0
            ? $"---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns-{index}\n"
            : $"---\n{{apiVersion: v1, kind: Namespace, metadata: {{name: ns-{index}}}}}\n"));

        var result = new ManifestLoader().LoadText(text, "namespaces.yaml");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(Enumerable.Range(0, 200).Select(index => $"ns-{index}"), result.Objects<V1Namespace>().Select(ns => ns.Metadata.Name));
        // Each pair of documents takes 7 lines (5 block, 2 flow); a document's first node is on the line after its "---".
        Assert.Equal(Enumerable.Range(0, 200).Select(index => (index % 2 == 0 ? 2 : 7) + (7 * (index / 2))), result.Resources.Select(resource => resource.Document.Line));
    }

    [Fact]
    public void ADocumentAfterTextThatIsNotAsciiIsLocatedAtItsOwnLinesAndColumns()
    {
        // Characters of two, three and four UTF-8 bytes before the documents that are read again for their positions.
        var text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\ndata:\n  note: café ☕ 😀\n---\n"
                   + BlockStyle.Replace("port: 81", "port: eighty-one", StringComparison.Ordinal)
                   + "\n---\n" + BlockStyle.Replace("name: web", "name: shop", StringComparison.Ordinal);

        var result = new ManifestLoader().LoadText(text, "mixed.yaml");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("spec.ports[1].port", error.FieldPath);
        Assert.Equal(new SourcePosition(17 + 7, 5), error.Position);
        var last = result.Resources[^1].Document;
        Assert.Equal("shop", (string?)last.Json["metadata"]?["name"]);
        Assert.Equal(new SourcePosition(17 + 7 + 20, 5), last.SourceMap.Locate("spec.ports[1].port"));
        Assert.Equal("café ☕ 😀", (string?)result.Resources[0].Document.Json["data"]?["note"]);
    }

    [Fact]
    public void ADocumentOfAFileWithAByteOrderMarkIsLocatedAtItsOwnLinesAndColumns()
    {
        using var folder = new TemporaryDirectory();
        var path = Path.Combine(folder.Path, "bom.yaml");
        File.WriteAllBytes(path, [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: é\n---\n" + BlockStyle)]);

        var result = new ManifestLoader().LoadPaths(path);

        Assert.Equal("metadata.name", Assert.Single(result.Diagnostics).FieldPath);
        Assert.Equal(new SourcePosition(4, 3), Assert.Single(result.Diagnostics).Position);
        Assert.Equal(new SourcePosition(17 + 5, 5), Assert.Single(result.Resources).Document.SourceMap.Locate("spec.ports[1].port"));
    }

    // An annotation written as a block-style scalar (read straight from the text) and in flow style (read by the general
    // reader) gives the same diagnostics and value. The flow mapping closes on the next line: a comment may end the value.
    private static void AssertBlockStyleReadsAsFlowStyle(string value)
    {
        var block = new ManifestLoader().LoadText($"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: values\n  annotations:\n    value: {value}\n", "block.yaml");
        var flow = new ManifestLoader().LoadText($"{{apiVersion: v1, kind: ConfigMap, metadata: {{name: values, annotations: {{value: {value}\n}}}}}}\n", "flow.yaml");

        Assert.Equal(flow.Diagnostics.Select(static d => d.Message), block.Diagnostics.Select(static d => d.Message));
        // The typed object is read from what the fast reader wrote (the document's JSON tree is the general reader's).
        Assert.Equal(
            flow.Objects<V1ConfigMap>().Select(static map => map.Metadata.Annotations?["value"]),
            block.Objects<V1ConfigMap>().Select(static map => map.Metadata.Annotations?["value"]));
    }
}
