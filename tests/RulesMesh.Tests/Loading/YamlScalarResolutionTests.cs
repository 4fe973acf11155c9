using System.Text.Json.Nodes;
using RulesMesh.Loading;

namespace RulesMesh.Tests.Loading;

public sealed class YamlScalarResolutionTests
{
    [Theory]
    [InlineData("null", "null")]
    [InlineData("Null", "null")]
    [InlineData("NULL", "null")]
    [InlineData("~", "null")]
    [InlineData("", "null")]
    [InlineData("true", "true")]
    [InlineData("True", "true")]
    [InlineData("FALSE", "false")]
    [InlineData("42", "42")]
    [InlineData("-17", "-17")]
    [InlineData("+8", "8")]
    [InlineData("007", "7")]
    [InlineData("0x1F", "31")]
    [InlineData("0o17", "15")]
    [InlineData("1.5", "1.5")]
    [InlineData("-.5", "-0.5")]
    [InlineData("1e3", "1000")]
    [InlineData("2.5E-1", "0.25")]
    [InlineData("9223372036854775807", "9223372036854775807")]
    [InlineData("18446744073709551615", "18446744073709551615")]
    public void PlainScalarsResolveByTheYaml12CoreSchema(string scalar, string expectedJson)
        => Assert.Equal(expectedJson, ValueOf($"value: {scalar}"));

    [Theory]
    [InlineData("yes")]
    [InlineData("no")]
    [InlineData("on")]
    [InlineData("off")]
    [InlineData("y")]
    [InlineData("0b101")]
    [InlineData("1_000")]
    [InlineData("0x")]
    [InlineData("1.2.3")]
    [InlineData("10.0.0.1")]
    [InlineData("5m")]
    [InlineData("nan")]
    public void PlainScalarsOutsideTheCoreSchemaStayStrings(string scalar)
        => Assert.Equal(JsonValue.Create(scalar).ToJsonString(), ValueOf($"value: {scalar}"));

    [Theory]
    [InlineData("'true'", "true")]
    [InlineData("\"42\"", "42")]
    [InlineData("'null'", "null")]
    [InlineData("\"\"", "")]
    [InlineData("!!str 8080", "8080")]
    [InlineData("! 8080", "8080")]
    public void QuotedAndStringTaggedScalarsAreAlwaysStrings(string scalar, string expected)
        => Assert.Equal(JsonValue.Create(expected).ToJsonString(), ValueOf($"value: {scalar}"));

    [Theory]
    [InlineData("!!int \"5\"", "5")]
    [InlineData("!!bool 'true'", "true")]
    [InlineData("!!float \"1.5\"", "1.5")]
    [InlineData("!!null ''", "null")]
    [InlineData("!custom 5", "5")]
    public void CoreSchemaTagsResolveEvenQuotedScalars(string scalar, string expectedJson)
        => Assert.Equal(expectedJson, ValueOf($"value: {scalar}"));

    [Fact]
    public void ATaggedScalarThatContradictsItsTagIsAnError()
    {
        var result = ManifestReader.Read("value: !!int abc\n", "tagged.yaml");

        var error = Assert.Single(result.Errors);
        Assert.Contains("!!int", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Position.Line);
    }

    [Fact]
    public void BlockScalarsAreStringsWithTheirLineBreaks()
    {
        var json = ReadSingle("literal: |\n  line one\n  line two\nfolded: >-\n  one\n  two\nnumber: |-\n  42\n");

        Assert.Equal("line one\nline two\n", (string?)json["literal"]);
        Assert.Equal("one two", (string?)json["folded"]);
        Assert.Equal("42", (string?)json["number"]);
    }

    [Theory]
    [InlineData(".inf")]
    [InlineData("-.Inf")]
    [InlineData(".NaN")]
    [InlineData("1e400")]
    public void FloatsThatJsonCannotHoldAreErrorsAtTheirLine(string scalar)
    {
        var result = ManifestReader.Read($"a: 1\nb: {scalar}\n", "floats.yaml");

        Assert.Empty(result.Documents);
        var error = Assert.Single(result.Errors);
        Assert.Equal(new SourcePosition(2, 4), error.Position);
        Assert.Contains("cannot represent", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AliasesRepeatTheAnchoredValue()
    {
        var json = ReadSingle("base: &ports\n  - 80\n  - 443\ncopy: *ports\nname: &n web\nother: *n\n");

        Assert.Equal("[80,443]", json["copy"]!.ToJsonString());
        Assert.Equal("web", (string?)json["other"]);
    }

    [Fact]
    public void MergeKeysAddTheMembersTheMappingDoesNotSetItself()
    {
        var json = ReadSingle("defaults: &d\n  a: 1\n  b: 2\nfirst: &f\n  c: 3\nitem:\n  <<: [*f, *d]\n  b: 20\n");

        Assert.Equal(3, json["item"]!.AsObject().Count);
        Assert.Equal(20, (long?)json["item"]!["b"]);
        Assert.Equal(1, (long?)json["item"]!["a"]);
        Assert.Equal(3, (long?)json["item"]!["c"]);
    }

    [Fact]
    public void AnAliasInsideItsOwnAnchorIsAnErrorNotAnEndlessDocument()
    {
        var result = ManifestReader.Read("a: 1\n---\nloop: &x\n  - *x\n---\nb: 2\n", "cycle.yaml");

        Assert.Equal(2, result.Documents.Count);
        var error = Assert.Single(result.Errors);
        Assert.Contains("contains it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NonStringKeysBecomeTheirJsonText()
    {
        var json = ReadSingle("80: http\ntrue: yes\n~: none\n");

        Assert.Equal("http", (string?)json["80"]);
        Assert.Equal("yes", (string?)json["true"]);
        Assert.Equal("none", (string?)json["null"]);
    }

    [Fact]
    public void KeysThatNameTheSameJsonMemberAreAnError()
    {
        var result = ManifestReader.Read("1: a\n0x1: b\n", "dup.yaml");

        var error = Assert.Single(result.Errors);
        Assert.Equal(new SourcePosition(2, 1), error.Position);
    }

    [Fact]
    public void JsonTextReadsAsTheSameJsonTabsAndEscapesIncluded()
    {
        const string text = "{\n\t\"apiVersion\": \"v1\",\n\t\"data\": {\"n\": \"1\", \"path\": \"a\\/b \\u00e9\"},\n\t\"list\": [1, 2.5, -3e2, true, null, \"x\"]\n}\n";

        var json = ReadSingle(text);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(text), json));
    }

    private static JsonObject ReadSingle(string yaml)
    {
        var result = ManifestReader.Read(yaml, "test.yaml");
        Assert.Empty(result.Errors);
        return Assert.IsType<JsonObject>(Assert.Single(result.Documents).Json);
    }

    private static string ValueOf(string yaml)
    {
        var json = ReadSingle(yaml);
        return json["value"]?.ToJsonString() ?? "null";
    }
}
