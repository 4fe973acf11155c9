using System.Text.Json.Nodes;
using RulesMesh.Loading;
using RulesMesh.Mesh;
using RulesMesh.Tests.RoundTrip;
using RulesMesh.Tests.Support;
using RulesMesh.Translation.Output;

namespace RulesMesh.Tests.Translation.Output;

/// <summary>
/// <c>translate --format yaml</c> must say exactly what <c>--format json</c> says: the YAML output, read back by a strict
/// YAML reader, is the same JSON tree, for every string a translation can carry.
/// </summary>
public sealed class YamlOutputFidelityTests
{
    private static readonly NamespacedName Waypoint = new("infra", "example-waypoint");

    public static TheoryData<string> ConformanceInputs => new(
        Directory.Exists(RepositoryPaths.KgatewayConformance)
            ? Directory.EnumerateFiles(RepositoryPaths.KgatewayConformance, "*.yaml", SearchOption.AllDirectories)
                .Where(static path => path.Contains($"{Path.DirectorySeparatorChar}input{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    || (path.Contains($"{Path.DirectorySeparatorChar}serviceentry{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !path.EndsWith("-out.yaml", StringComparison.Ordinal)))
                .Select(path => Path.GetRelativePath(RepositoryPaths.KgatewayConformance, path))
                .Order(StringComparer.Ordinal)
            : ["(none)"]);

    [ConformanceTheory]
    [MemberData(nameof(ConformanceInputs))]
    public void Yaml_output_of_a_conformance_input_reads_back_as_its_json_output(string input)
    {
        var load = new ManifestLoader().LoadPaths(Path.Combine(RepositoryPaths.KgatewayConformance, input));
        var json = XdsDocument.ToJson(new WaypointTranslator().Translate(load, input.StartsWith("waypoint", StringComparison.Ordinal) ? Waypoint : null));

        AssertReadsBackAs(json, JsonYamlWriter.Write(json));
    }

    [Fact]
    public void Every_control_character_reads_back_unchanged()
    {
        var json = new JsonObject();
        for (var c = 0; c < 0x20; c++)
        {
            json[$"c0-{c:X2}"] = $"a{(char)c}b";
            json[$"c0-{c:X2}-alone"] = $"{(char)c}";
            json[$"c0-{c:X2}-at-ends"] = $"{(char)c}value{(char)c}";
        }

        foreach (var c in new[] { '\u007F', '\u0080', '\u0085', '\u009F', '\u00A0', '\u2028', '\u2029', '\uFEFF', '\uFFFE', '\uFFFF' })
        {
            json[$"u{(int)c:X4}"] = $"a{c}b";
            json[$"u{(int)c:X4}-at-ends"] = $"{c}value{c}";
        }

        AssertReadsBackAs(json, JsonYamlWriter.Write(json));
    }

    [Theory]
    [InlineData("header\rvalue")]
    [InlineData("header\r\nvalue")]
    [InlineData("line one\nline two\n")]
    [InlineData("\n\nleading breaks")]
    [InlineData("  leading spaces")]
    [InlineData("trailing spaces  ")]
    [InlineData("\tleading tab")]
    [InlineData("trailing tab\t")]
    [InlineData("key: value")]
    [InlineData("key:value")]
    [InlineData("value # not a comment")]
    [InlineData("#comment")]
    [InlineData("- item")]
    [InlineData("-")]
    [InlineData("? key")]
    [InlineData("?")]
    [InlineData(":")]
    [InlineData("[flow]")]
    [InlineData("{flow: map}")]
    [InlineData("*alias")]
    [InlineData("&anchor")]
    [InlineData("!tag")]
    [InlineData("%directive")]
    [InlineData("@reserved")]
    [InlineData("`reserved")]
    [InlineData("'single'")]
    [InlineData("\"double\"")]
    [InlineData("back\\slash")]
    [InlineData("|")]
    [InlineData(">")]
    [InlineData("---")]
    [InlineData("...")]
    [InlineData("010")]
    [InlineData("0o17")]
    [InlineData("0x1F")]
    [InlineData("0b101")]
    [InlineData("1_000")]
    [InlineData("1:30")]
    [InlineData("1e3")]
    [InlineData("+1")]
    [InlineData(".5")]
    [InlineData(".inf")]
    [InlineData(".NaN")]
    [InlineData("2001-12-14")]
    [InlineData("2001-12-14 21:59:43.10 -5")]
    [InlineData("yes")]
    [InlineData("No")]
    [InlineData("on")]
    [InlineData("OFF")]
    [InlineData("y")]
    [InlineData("n")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("<<")]
    [InlineData("=")]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("10.0.0.1")]
    [InlineData("ünïcødé ✓ 日本語 😀")]
    public void A_string_reads_back_unchanged_as_a_value_and_as_a_key(string text)
    {
        var json = new JsonObject { ["value"] = text, [text] = new JsonArray(text, new JsonObject { ["nested"] = text }) };

        AssertReadsBackAs(json, JsonYamlWriter.Write(json));
    }

    [Fact]
    public void A_long_string_with_runs_of_spaces_reads_back_unchanged()
    {
        var text = string.Join("  ", Enumerable.Range(0, 200).Select(static i => $"word{i}")) + " end";
        var json = new JsonObject { ["value"] = text };

        AssertReadsBackAs(json, JsonYamlWriter.Write(json));
    }

    private static void AssertReadsBackAs(JsonNode expected, string yaml)
    {
        var actual = StrictYamlJsonReader.Read(yaml);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"The YAML reads back differently.\n--- json ---\n{expected.ToJsonString()}\n--- read back ---\n{actual?.ToJsonString()}\n--- yaml ---\n{yaml}");
    }
}
