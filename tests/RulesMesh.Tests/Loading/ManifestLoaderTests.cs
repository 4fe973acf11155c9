using k8s.Models;
using RulesMesh.Loading;
using RulesMesh.Tests.Support;

namespace RulesMesh.Tests.Loading;

public sealed class ManifestLoaderTests
{
    private const string ThreeServicesSecondBroken = """
        apiVersion: v1
        kind: Service
        metadata:
          name: first
        spec:
          ports:
          - port: 80
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: broken
        spec:
          ports:
          - port: 80
          - name: http
            port: eighty
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: third
        """;

    [Fact]
    public void ADocumentThatFailsTypedReadingIsAnErrorAtItsFieldAndLine()
    {
        var result = new ManifestLoader().LoadText(ThreeServicesSecondBroken, "services.yaml");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal("services.yaml", error.SourceName);
        Assert.Equal("spec.ports[1].port", error.FieldPath);
        Assert.Equal(new SourcePosition(17, 5), error.Position);
        Assert.StartsWith("services.yaml:17:5: error: Not a valid Service", error.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("(at spec.ports[1].port)", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheOtherDocumentsOfAFileWithABadDocumentStillLoad()
    {
        var result = new ManifestLoader().LoadText(ThreeServicesSecondBroken, "services.yaml");

        Assert.True(result.HasErrors);
        Assert.Equal(["first", "third"], result.Objects<V1Service>().Select(service => service.Metadata.Name));
        Assert.Equal([1, 19], result.Resources.Select(resource => resource.Document.Line));
    }

    [Fact]
    public void ADocumentThatIsNotValidYamlIsAnErrorAndTheOthersStillLoad()
    {
        const string text = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: one
            ---
            apiVersion: v1
            kind: Namespace
            metadata:
              name: [two
            ---
            apiVersion: v1
            kind: Namespace
            metadata:
              name: three
            """;

        var result = new ManifestLoader().LoadText(text, "namespaces.yaml");

        Assert.Equal(["one", "three"], result.Objects<V1Namespace>().Select(ns => ns.Metadata.Name));
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.InRange(error.Position.Line, 9, 10);
    }

    [Theory]
    [InlineData("kind: Service\nmetadata:\n  name: a\n", "apiVersion", 1)]
    [InlineData("apiVersion: v1\nmetadata:\n  name: a\n", "kind", 1)]
    [InlineData("apiVersion: v1\nkind: 5\n", "kind", 2)]
    public void ADocumentWithoutApiVersionOrKindIsAnError(string text, string missingField, int line)
    {
        var result = new ManifestLoader().LoadText(text, "partial.yaml");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(missingField, error.FieldPath);
        Assert.Equal(line, error.Position.Line);
        Assert.Empty(result.Resources);
    }

    [Fact]
    public void ADocumentThatIsNotAMappingIsAnError()
    {
        var result = new ManifestLoader().LoadText("- a\n- b\n", "list.yaml");

        var error = Assert.Single(result.Diagnostics);
        Assert.Null(error.FieldPath);
        Assert.Contains("Kubernetes object", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADateTimeAModelRejectsWithoutNamingTheFieldIsAnErrorAtTheFieldHoldingIt()
    {
        const string text = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n  creationTimestamp: yesterday\n";

        var result = new ManifestLoader().LoadText(text, "namespaces.yaml");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("metadata.creationTimestamp", error.FieldPath);
        Assert.Equal(new SourcePosition(10, 3), error.Position);
        Assert.Equal("a", Assert.Single(result.Objects<V1Namespace>()).Metadata.Name);
    }

    [Fact]
    public void EachUnknownKindGetsOneWarningHoweverManyDocumentsItHas()
    {
        const string text = """
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: a}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: config}
            ---
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: b}
            ---
            apiVersion: example.com/v1
            kind: Gadget
            metadata: {name: c}
            """;

        var result = new ManifestLoader().LoadText(text, "mixed.yaml");

        Assert.False(result.HasErrors);
        Assert.Single(result.Objects<V1ConfigMap>());
        Assert.All(result.Diagnostics, diagnostic => Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity));
        Assert.Collection(
            result.Diagnostics,
            widget =>
            {
                Assert.Contains("example.com/v1, kind Widget: skipped 2 documents", widget.Message, StringComparison.Ordinal);
                Assert.Equal(1, widget.Position.Line);
            },
            gadget =>
            {
                Assert.Contains("kind Gadget: skipped 1 document,", gadget.Message, StringComparison.Ordinal);
                Assert.Equal(13, gadget.Position.Line);
            });
    }

    [Fact]
    public void TheUnknownKindWarningNamesTheVersionsThatAreKnown()
    {
        var result = new ManifestLoader().LoadText("apiVersion: v2\nkind: Service\nmetadata: {name: a}\n", "v2.yaml");

        var warning = Assert.Single(result.Diagnostics);
        Assert.Contains("Known apiVersions for Service: v1.", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheUnknownKindWarningIsSharedAcrossFiles()
    {
        using var folder = new TemporaryDirectory();
        folder.Write("a.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: a}\n");
        folder.Write("b.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: b}\n");

        var result = new ManifestLoader().LoadPaths(folder.Path);

        var warning = Assert.Single(result.Diagnostics);
        Assert.EndsWith("a.yaml", warning.SourceName, StringComparison.Ordinal);
        Assert.Contains("skipped 2 documents", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFolderLoadsItsManifestFilesRecursivelyInPathOrder()
    {
        using var folder = new TemporaryDirectory();
        folder.Write("b.yaml", Namespace("b"));
        folder.Write("a/z.yml", Namespace("a-z"));
        folder.Write("a/nested/deep.json", """{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a-nested-deep"}}""");
        folder.Write("C.YAML", Namespace("upper"));
        folder.Write("notes.txt", "not a manifest");
        folder.Write("c/readme.md", "# not a manifest");

        var result = new ManifestLoader().LoadPaths(folder.Path);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["upper", "a-nested-deep", "a-z", "b"], result.Objects<V1Namespace>().Select(ns => ns.Metadata.Name));
        Assert.Equal(
            [Path.Combine(folder.Path, "C.YAML"), Path.Combine(folder.Path, "a", "nested", "deep.json"), Path.Combine(folder.Path, "a", "z.yml"), Path.Combine(folder.Path, "b.yaml")],
            result.Resources.Select(resource => resource.Document.SourceName));
    }

    [Fact]
    public void FilesAndFoldersLoadInTheOrderGiven()
    {
        using var folder = new TemporaryDirectory();
        var single = folder.Write("single.yaml", Namespace("single"));
        folder.Write("dir/x.yaml", Namespace("x"));

        var result = new ManifestLoader().LoadPaths(single, Path.Combine(folder.Path, "dir"));

        Assert.Equal(["single", "x"], result.Objects<V1Namespace>().Select(ns => ns.Metadata.Name));
    }

    [Fact]
    public void AMissingPathIsAnErrorAndTheOtherPathsStillLoad()
    {
        using var folder = new TemporaryDirectory();
        var present = folder.Write("present.yaml", Namespace("present"));
        var missing = Path.Combine(folder.Path, "missing.yaml");

        var result = new ManifestLoader().LoadPaths(missing, present);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(missing, error.SourceName);
        Assert.Single(result.Resources);
    }

    [Fact]
    public void AReaderSuchAsStandardInputLoadsUnderTheNameGiven()
    {
        using var input = new StringReader(Namespace("from-stdin"));

        var result = new ManifestLoader().Load([ManifestSource.FromReader("<stdin>", input)]);

        Assert.Equal("from-stdin", Assert.Single(result.Objects<V1Namespace>()).Metadata.Name);
        Assert.Equal("<stdin>", Assert.Single(result.Resources).Document.SourceName);
    }

    [Fact]
    public void ALoadedResourceKeepsItsModelAndOriginalJson()
    {
        var result = new ManifestLoader().LoadText(ThreeServicesSecondBroken, "services.yaml");

        var first = result.Resources[0];
        Assert.Equal(typeof(V1Service), first.Model.ClrType);
        Assert.Equal("v1", first.Model.ApiVersion);
        Assert.Equal("first", (string?)first.Document.Json["metadata"]!["name"]);
        Assert.IsType<V1Service>(first.Object);
    }

    private static string Namespace(string name) => $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n";
}
