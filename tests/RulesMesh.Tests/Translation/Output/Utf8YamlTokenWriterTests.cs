using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using RulesMesh.Translation.Output;

namespace RulesMesh.Tests.Translation.Output;

/// <summary>
/// The document's YAML is written by <see cref="Utf8YamlTokenWriter"/> rather than YamlDotNet's emitter; for any tree it
/// must write the bytes the emitter writes through <see cref="JsonYamlWriter"/>: every scalar style and escape, simple
/// and complex keys, empty and nested collections.
/// </summary>
public sealed class Utf8YamlTokenWriterTests
{
    private const string Alphabet = "ab09 :#-?'\"\\,[]{}&*!|>%@`.~+=<_/\t\r\n\0\u0007\u001b\u007f\u0085\u00a0\u00e9\u2028\u2029\ufeff\ufffe\u65e5";

    public static TheoryData<string> Strings => new(
        "", " ", "-", "- item", "?", "? key", ":", "key: value", "key:value", "a:", "value # not a comment", "#comment", "a#b",
        "'single'", "it's", "#it's", "\"double\"", "back\\slash", "---", "...", "--", "010", "0x1F", "1:30", "1e3", "+1", ".5",
        ".inf", "2001-12-14", "yes", "No", "on", "y", "true", "null", "~", "<<", "=", "10.0.0.1", "-1", "-Infinity", "NaN",
        "line one\nline two\n", "header\r\nvalue", "  leading", "trailing  ", "\ttab", "a\u0085b", "a\u2028b", "a\u00a0b",
        "ünïcødé ✓ 日本語", "emoji 😀", "x\ud83d\ude00", "a\udc00b", new string('k', 1024), new string('k', 1025), "x" + new string(' ', 5) + "y",
        "name", "typedConfig", "x_", "a-b", "a/b", "a.b", "svc.ns.svc.cluster.local", "Null", "NULL", "True", "FALSE", "Yes", "YES",
        "n", "N", "Y", "NO", "On", "ON", "Off", "OFF", "nullable", "yesterday", "online", "offset", "y1", "no-", "on.", "off/", "Infinity", "inf");

    [Theory]
    [MemberData(nameof(Strings))]
    public void A_string_as_a_value_and_as_a_key_is_written_as_the_emitter_writes_it(string text)
        => AssertWrittenAsTheEmitterWrites(Tree(text));

    [Fact]
    public void Random_strings_as_values_and_keys_are_written_as_the_emitter_writes_them()
        => Gen.String[Gen.Char[Alphabet], 0, 12].Array[1, 4].Sample(
            texts => AssertWrittenAsTheEmitterWrites(new JsonArray(texts.Select(Tree).ToArray())),
            iter: 3000);

    [Fact]
    public void Random_words_as_values_and_keys_are_written_as_the_emitter_writes_them()
        => Gen.String[Gen.Char["yYnNoOfFtTrRuUeElLsSaA0_.-/"], 1, 6].Array[1, 4].Sample(
            texts => AssertWrittenAsTheEmitterWrites(new JsonArray(texts.Select(Tree).ToArray())),
            iter: 3000);

    [Theory]
    [MemberData(nameof(Strings))]
    public void A_name_known_ahead_as_a_key_and_a_value_met_again_is_written_as_the_emitter_writes_the_string(string text)
    {
        // Field and enum names come as JsonEncodedText, whose text is JSON-escaped: names are what needs no escape. The
        // writer keeps the text of those it writes plain.
        if (text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF') || JsonEncodedText.Encode(text).Value != text)
        {
            return;
        }

        var name = JsonEncodedText.Encode(text);
        var tree = new JsonArray(NameTree(text), NameTree(text));
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new Utf8YamlTokenWriter(buffer);
        writer.WriteStartArray();
        for (var i = 0; i < 2; i++)
        {
            writer.WriteStartObject();
            writer.WritePropertyName(JsonEncodedText.Encode("value"));
            writer.WriteStringValue(name);
            writer.WritePropertyName(name);
            writer.WriteStartArray();
            writer.WriteStringValue(name);
            writer.WriteStartObject();
            writer.WritePropertyName(JsonEncodedText.Encode("nested"));
            writer.WriteStringValue(name);
            writer.WritePropertyName(name);
            writer.WriteStartObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteStartArray();
            writer.WriteEndArray();
            writer.WriteStartArray();
            writer.WriteStringValue(name);
            writer.WriteEndArray();
            writer.WriteEndArray();
            writer.WritePropertyName(JsonEncodedText.Encode("number"));
            writer.WriteNumberValue(-7);
            writer.WritePropertyName(JsonEncodedText.Encode("flag"));
            writer.WriteBooleanValue(false);
            writer.WritePropertyName(JsonEncodedText.Encode("nothing"));
            writer.WriteNullValue();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.EndDocument();

        Assert.Equal(JsonYamlWriter.Write(tree), Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    public void Integers_are_written_plain_as_the_emitter_writes_them(int number)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new Utf8YamlTokenWriter(buffer);
        writer.WriteStartObject();
        writer.WritePropertyName("int");
        writer.WriteNumberValue(number);
        writer.WritePropertyName("uint");
        writer.WriteNumberValue(unchecked((uint)number));
        writer.WriteEndObject();
        writer.EndDocument();

        Assert.Equal(JsonYamlWriter.Write(new JsonObject { ["int"] = number, ["uint"] = unchecked((uint)number) }), Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void Complex_keys_with_every_kind_of_value_are_written_as_the_emitter_writes_them()
    {
        var longKey = new string('k', 1100);
        var tree = new JsonObject
        {
            [longKey] = "scalar",
            ["multi\nline"] = new JsonObject { ["a"] = 1, ["b"] = new JsonArray(1, 2) },
            ["multi\nline 2"] = new JsonArray(new JsonObject { ["c"] = true }, new JsonArray("x", "y")),
            ["multi\nline 3"] = new JsonObject(),
            ["multi\nline 4"] = new JsonArray(),
            ["after"] = null,
            ["nested"] = new JsonArray(new JsonArray(new JsonArray(new JsonObject { [longKey] = new JsonObject { ["d"] = 0.5 } }))),
        };

        AssertWrittenAsTheEmitterWrites(tree);
        AssertWrittenAsTheEmitterWrites(new JsonArray(tree, new JsonObject(), new JsonArray()));
    }

    private static JsonObject Tree(string text)
        => new()
        {
            ["value"] = text,
            [text] = new JsonArray(text, new JsonObject { ["nested"] = text, [text] = new JsonObject() }, new JsonArray(), new JsonArray(text)),
            ["number"] = -1.5e-7,
            ["flag"] = false,
            ["nothing"] = null,
        };

    private static JsonObject NameTree(string text)
        => new()
        {
            ["value"] = text,
            [text] = new JsonArray(text, new JsonObject { ["nested"] = text, [text] = new JsonObject() }, new JsonArray(), new JsonArray(text)),
            ["number"] = -7,
            ["flag"] = false,
            ["nothing"] = null,
        };

    private static void AssertWrittenAsTheEmitterWrites(JsonNode tree)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new Utf8YamlTokenWriter(buffer);
        writer.WriteNode(tree);
        writer.EndDocument();

        Assert.Equal(JsonYamlWriter.Write(tree), Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
