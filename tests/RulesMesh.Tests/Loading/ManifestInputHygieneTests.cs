using System.Text;
using RulesMesh.Loading;
using RulesMesh.Tests.Support;

namespace RulesMesh.Tests.Loading;

public sealed class ManifestInputHygieneTests
{
    private static string Namespace(string name) => $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n";

    [Fact]
    public void InvalidUtf8IsAnErrorNamingTheFileAndTheByteInsteadOfBeingReplaced()
    {
        using var folder = new TemporaryDirectory();
        var path = Path.Combine(folder.Path, "bad.yaml");
        File.WriteAllBytes(path, [.. "a: 1\nb: \"caf"u8, 0xC3, 0x28, .. "\"\n"u8]);

        var error = Assert.Single(new ManifestLoader().LoadPaths(path).Diagnostics);

        Assert.Equal($"{path}:2:8: error: The file is not valid UTF-8: byte 12 (line 2, byte 8 of the line) starts an invalid sequence; Kubernetes manifests must be UTF-8.", error.ToString());
    }

    [Fact]
    public void AUtf8ByteOrderMarkIsAccepted()
    {
        using var folder = new TemporaryDirectory();
        var path = Path.Combine(folder.Path, "bom.yaml");
        File.WriteAllBytes(path, [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(Namespace("bom"))]);

        var result = new ManifestLoader().LoadPaths(path);

        Assert.Empty(result.Diagnostics);
        Assert.Equal("bom", Assert.Single(result.Resources).Object.Metadata.Name);
    }

    [Fact]
    public void AByteOrderMarkAtTheStartOfEachDocumentIsDroppedAndLinesStayRight()
    {
        // YAML 1.2 lets each document of a stream start with a byte order mark (files joined with "---" between them);
        // kubectl cuts at "---" and go-yaml drops the mark at the start of what it parses.
        const string text =
            "\uFEFFapiVersion: v1\nkind: Namespace\nmetadata:\n  name: one\n"
            + "---\n\uFEFFapiVersion: v1\nkind: Namespace\nmetadata:\n  name: two\n"
            + "---\n\uFEFFapiVersion: v1\nkind: Service\nmetadata:\n  name: bad\n  namespace: two\nspec:\n  ports:\n  - port: eighty\n"
            + "---\n\uFEFF{\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": {\"name\": \"three\"}}\n";
        using var folder = new TemporaryDirectory();
        var path = Path.Combine(folder.Path, "joined.yaml");
        File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

        var result = new ManifestLoader().LoadPaths(path);

        Assert.Equal(["one", "two", "three"], result.Resources.Select(static r => r.Object.Metadata.Name));
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(("spec.ports[0].port", 18), (error.FieldPath, error.Position.Line));
    }

    [Fact]
    public void SymlinkLoopsInAFolderAreFollowedOnceByRealPath()
    {
        using var folder = new TemporaryDirectory();
        folder.Write("a.yaml", Namespace("a"));
        folder.Write("sub/b.yaml", Namespace("b"));
        Directory.CreateSymbolicLink(Path.Combine(folder.Path, "loop1"), ".");
        Directory.CreateSymbolicLink(Path.Combine(folder.Path, "loop2"), ".");
        Directory.CreateSymbolicLink(Path.Combine(folder.Path, "sub", "up"), "..");

        var sources = ManifestSource.FromPath(folder.Path);

        Assert.Equal(2, sources.Count);
        Assert.Equal(["a", "b"], new ManifestLoader().Load(sources).Resources.Select(static r => r.Object.Metadata.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ALinkToTheParentOfTheFolderGivenEndsAtTheFolderAlreadyRead()
    {
        // Given a/ holding up -> ..: a/up is the parent, and a/up/a is a/ again, which a path resolved only at its last
        // part did not see (the walk went 40 links deep, reading a/s.yaml each time).
        using var folder = new TemporaryDirectory();
        folder.Write("a/s.yaml", Namespace("s"));
        Directory.CreateSymbolicLink(Path.Combine(folder.Path, "a", "up"), "..");

        var sources = ManifestSource.FromPath(Path.Combine(folder.Path, "a"));

        Assert.Equal([Path.Combine(folder.Path, "a", "s.yaml")], sources.Select(static s => s.Name));
    }

    [Fact]
    public void ASymlinkToAFolderOutsideIsFollowed()
    {
        using var outside = new TemporaryDirectory();
        using var folder = new TemporaryDirectory();
        outside.Write("x.yaml", Namespace("x"));
        Directory.CreateSymbolicLink(Path.Combine(folder.Path, "linked"), outside.Path);

        var source = Assert.Single(ManifestSource.FromPath(folder.Path));

        Assert.Equal(Path.Combine(folder.Path, "linked", "x.yaml"), source.Name);
    }

    [Theory]
    [InlineData("%YAML 1.2\n---\n{0}")]
    [InlineData("%YAML 1.2\n%TAG !e! tag:example.com,2026:\n---\n{0}")]
    [InlineData("{0}...\n")]
    [InlineData("# a comment\n# another\n---\n{0}")]
    [InlineData("---   # a comment on the separator\n{0}...\n---\n")]
    public void ValidYamlWithDirectivesDocumentEndsAndCommentsIsAccepted(string layout)
    {
        var result = new ManifestLoader().LoadText(string.Format(System.Globalization.CultureInfo.InvariantCulture, layout, Namespace("a")), "valid.yaml");

        Assert.Empty(result.Diagnostics);
        Assert.Equal("a", Assert.Single(result.Resources).Object.Metadata.Name);
    }

    [Fact]
    public void DirectivesAfterADocumentEndBelongToTheNextDocumentAndLinesStayRight()
    {
        var text = Namespace("a") + "...\n%YAML 1.2\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n  labels: [not, a, map]\n";

        var result = new ManifestLoader().LoadText(text, "two.yaml");

        Assert.Equal("a", Assert.Single(result.Resources).Object.Metadata.Name);
        Assert.Equal(12, Assert.Single(result.Diagnostics).Position.Line);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n---\n")]
    public void AFileWithoutDocumentsIsAWarning(string text)
    {
        var result = new ManifestLoader().LoadText(text, "empty.yaml");

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal("empty.yaml:1:1: warning: The file holds no YAML document: nothing was loaded from it.", warning.ToString());
        Assert.False(result.HasErrors);
    }

    [Theory]
    [InlineData("apiVersion: 5", "The document's apiVersion is a number, not a string")]
    [InlineData("apiVersion: [v1]", "The document's apiVersion is a list, not a string")]
    [InlineData("apiVersion: \"\"", "The document's apiVersion is empty")]
    [InlineData("apiVersion:", "The document's apiVersion is null")]
    [InlineData("other: 1", "The document has no apiVersion")]
    public void AnApiVersionThatIsNoStringSaysWhatItIs(string line, string problem)
    {
        var result = new ManifestLoader().LoadText($"{line}\nkind: Namespace\nmetadata:\n  name: a\n", "api.yaml");

        Assert.Equal($"{problem}; every Kubernetes object needs a non-empty string apiVersion.", Assert.Single(result.Diagnostics).Message);
    }

    [Theory]
    [InlineData("  ports: 80", "spec.ports", "expected a list of mappings.")]
    [InlineData("  ports:\n  - 80", "spec.ports[0]", "expected a mapping.")]
    [InlineData("  publishNotReadyAddresses: \"sometimes\"", "spec.publishNotReadyAddresses", "expected true or false.")]
    [InlineData("  ports:\n  - port: \"80\"", "spec.ports[0].port", "expected an integer.")]
    [InlineData("  ports:\n  - port: 99999999999", "spec.ports[0].port", "99999999999 is out of range: expected an integer from 1 to 65535.")]
    [InlineData("  ports:\n  - port: 80.5", "spec.ports[0].port", "expected an integer.")]
    [InlineData("  ports:\n  - port: 80\n    targetPort: [5000]", "spec.ports[0].targetPort", "expected an integer or a string.")]
    [InlineData("  ports:\n  - port: 80\n    targetPort: {number: 5000}", "spec.ports[0].targetPort", "expected an integer or a string.")]
    public void TypedReadingErrorsSayWhatWasExpectedInWordsWithoutDotNetTypeNames(string field, string path, string expected)
    {
        var result = new ManifestLoader().LoadText($"apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n{field}\n", "svc.yaml");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal($"Not a valid Service: {expected}", error.Message);
        Assert.Equal(path, error.FieldPath);
        Assert.DoesNotContain("System.", error.Message, StringComparison.Ordinal);
    }

    // kgateway's schema: perConnectionBufferLimitBytes is an int32 with minimum 0, so the field allows 0 to 2147483647.
    [Fact]
    public void ANumberOutOfRangeQuotesTheRangeTheFieldsSchemaGivesNotItsModelsType()
    {
        var result = new ManifestLoader().LoadText(
            "apiVersion: gateway.kgateway.dev/v1alpha1\nkind: BackendConfigPolicy\nmetadata:\n  name: bc\n  namespace: shop\nspec:\n  targetRefs:\n  - {group: \"\", kind: Service, name: web}\n  perConnectionBufferLimitBytes: 4294967376\n",
            "bc.yaml");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("Not a valid BackendConfigPolicy: 4294967376 is out of range: expected an integer from 0 to 2147483647.", error.Message);
        Assert.Equal("spec.perConnectionBufferLimitBytes", error.FieldPath);
    }

    [Fact]
    public void AWholeNumberTooLargeForACustomResourceFieldSaysItIsOutOfRangeNotThatItIsNoInteger()
    {
        var result = new ManifestLoader().LoadText(
            "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: dr\n  namespace: shop\nspec:\n  host: a.example.com\n  trafficPolicy:\n    connectionPool:\n      tcp:\n        maxConnections: 3000000000\n",
            "dr.yaml");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("Not a valid DestinationRule: 3000000000 is out of range: expected an integer from -2147483648 to 2147483647.", error.Message);
        Assert.Equal("spec.trafficPolicy.connectionPool.tcp.maxConnections", error.FieldPath);
    }

    [Fact]
    public void ASecretsDataThatIsNotBase64SaysSoAtItsKey()
    {
        var result = new ManifestLoader().LoadText("apiVersion: v1\nkind: Secret\nmetadata:\n  name: client\n  namespace: shop\ndata:\n  tls.crt: \"not base64!\"\n", "secret.yaml");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("Not a valid Secret: expected base64-encoded data.", error.Message);
        Assert.Equal("data['tls.crt']", error.FieldPath);
        Assert.Equal(7, error.Position.Line);
    }

    [Fact]
    public void ANullListItemOfACoreKindIsAnErrorAtItsPlace()
    {
        const string text = "apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: web-1\n  namespace: shop\naddressType: IPv4\nendpoints:\n- addresses: [10.0.0.1]\nports:\n-\n- name: http\n  port: 8080\n";

        var result = new ManifestLoader().LoadText(text, "slice.yaml");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("EndpointSlice web-1 breaks its schema: ports[0] is null, which a list item cannot be.", error.Message);
        Assert.Equal("ports[0]", error.FieldPath);
        Assert.Empty(result.Resources);
    }

    [Fact]
    public void SchemaTypeErrorsAreInWordsWithoutValidatorCodes()
    {
        const string text = "apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n  name: ext\n  namespace: shop\nspec:\n  hosts: [ext.example.com]\n  ports:\n  - number: eighty\n    name: http\n";

        var error = Assert.Single(new ManifestLoader().LoadText(text, "se.yaml").Diagnostics);

        Assert.Equal("ServiceEntry ext breaks its schema: spec.ports[0].number must be an integer.", error.Message);
    }
}
