using RulesMesh.Loading;

namespace RulesMesh.Tests.Loading;

public sealed class SourceMapTests
{
    private const string Service = """
        # a comment before the document
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          labels:
            app.kubernetes.io/name: web
        spec:
          ports:
          - name: http
            port: 80
            targetPort: 8080
          - name: grpc
            port: 9090
        """;

    [Theory]
    [InlineData("", 2, 1)]
    [InlineData("kind", 3, 1)]
    [InlineData("metadata.name", 5, 3)]
    [InlineData("metadata.labels['app.kubernetes.io/name']", 7, 5)]
    [InlineData("spec.ports", 9, 3)]
    [InlineData("spec.ports[0]", 10, 5)]
    [InlineData("spec.ports[0].targetPort", 12, 5)]
    [InlineData("spec.ports[1].port", 14, 5)]
    public void EveryNodeIsLocatedByItsFieldPath(string fieldPath, int line, int column)
    {
        var document = Assert.Single(ManifestReader.Read(Service, "svc.yaml").Documents);

        Assert.True(document.SourceMap.TryGetPosition(fieldPath, out var position));
        Assert.Equal(new SourcePosition(line, column), position);
    }

    [Fact]
    public void ADocumentStartsAtItsFirstNodeNotAtItsLeadingComments()
        => Assert.Equal(2, Assert.Single(ManifestReader.Read(Service, "svc.yaml").Documents).Line);

    [Fact]
    public void LinesCountFromTheStartOfTheFileInLaterDocuments()
    {
        var result = ManifestReader.Read("a: 1\n---\n\n# second\nb:\n  c: 2\n--- # third\nd: 3\n", "multi.yaml");

        Assert.Equal([1, 5, 8], result.Documents.Select(document => document.Line));
        Assert.True(result.Documents[1].SourceMap.TryGetPosition("b.c", out var position));
        Assert.Equal(new SourcePosition(6, 3), position);
    }

    [Fact]
    public void MissingFieldsAreLocatedAtTheirClosestEnclosingNode()
    {
        var document = Assert.Single(ManifestReader.Read(Service, "svc.yaml").Documents);

        Assert.Equal(new SourcePosition(12, 5), document.SourceMap.Locate("$.spec.ports[0].targetPort"));
        Assert.Equal(new SourcePosition(13, 5), document.SourceMap.Locate("spec.ports[1].protocol"));
        Assert.Equal(new SourcePosition(2, 1), document.SourceMap.Locate("status.loadBalancer"));
    }

    [Fact]
    public void EmptyDocumentsAreSkipped()
    {
        var result = ManifestReader.Read("---\n# only a comment\n---\n---\nnull\n---\na: 1\n---\n", "sparse.yaml");

        Assert.Empty(result.Errors);
        var document = Assert.Single(result.Documents);
        Assert.Equal(7, document.Line);
    }

    [Fact]
    public void ASyntaxErrorIsReportedAtItsLineAndTheOtherDocumentsAreKept()
    {
        var result = ManifestReader.Read("a: 1\n---\nb: [unclosed\nc: 2\n---\nd: 4\n", "broken.yaml");

        Assert.Equal(["a", "d"], result.Documents.Select(document => document.Json.AsObject().Single().Key));
        var error = Assert.Single(result.Errors);
        Assert.Equal("broken.yaml", error.SourceName);
        Assert.InRange(error.Position.Line, 2, 4);
    }

    [Fact]
    public void ADuplicateKeyIsReportedAtTheSecondKey()
    {
        var result = ManifestReader.Read("a: 1\n---\nb: 1\nb: 2\n", "dup.yaml");

        var error = Assert.Single(result.Errors);
        Assert.Equal(new SourcePosition(4, 1), error.Position);
        Assert.Single(result.Documents);
    }
}
