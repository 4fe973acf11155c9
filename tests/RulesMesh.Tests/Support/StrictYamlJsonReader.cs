using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RulesMesh.Tests.Support;

/// <summary>
/// Reads one YAML document into a JSON tree with YamlDotNet alone, as the strictest reader of our YAML output would: a
/// quoted scalar is a string; a plain scalar is null, a boolean or a number when the YAML 1.2 core schema says so, and a
/// plain scalar that only YAML 1.1 reads as another type (<c>yes</c>, <c>010</c>, <c>1_000</c>, <c>1:30</c>) becomes a
/// marker object, so a string written that way never compares equal to the string.
/// </summary>
internal static partial class StrictYamlJsonReader
{
    public static JsonNode? Read(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return ToJson(stream.Documents.Single().RootNode);
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(static pair =>
            KeyValuePair.Create(((YamlScalarNode)pair.Key).Value!, ToJson(pair.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(ToJson).ToArray()),
        YamlScalarNode { Style: ScalarStyle.Plain } scalar => Plain(scalar.Value ?? string.Empty),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value ?? string.Empty),
        _ => throw new InvalidOperationException($"Unexpected YAML node {node.NodeType}."),
    };

    private static JsonNode? Plain(string text)
    {
        if (Core12Null().IsMatch(text))
        {
            return null;
        }

        if (Core12Boolean().IsMatch(text))
        {
            return JsonValue.Create(text.Equals("true", StringComparison.OrdinalIgnoreCase));
        }

        if (JsonNumber().IsMatch(text))
        {
            return JsonNode.Parse(text);
        }

        return Yaml11NonString().IsMatch(text)
            ? new JsonObject { ["yaml-1.1-non-string"] = text }
            : JsonValue.Create(text);
    }

    [GeneratedRegex("^(~|null|Null|NULL|)$")]
    private static partial Regex Core12Null();

    [GeneratedRegex("^(true|True|TRUE|false|False|FALSE)$")]
    private static partial Regex Core12Boolean();

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$")]
    private static partial Regex JsonNumber();

    // YAML 1.1's bool, int, float, timestamp, merge and value types (yaml.org/type, as PyYAML resolves them) and the YAML
    // 1.2 core schema's ints and floats that are not JSON numbers (+1, 0o17, 0x1F, .5, .inf).
    [GeneratedRegex(@"^(y|Y|n|N|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|<<|="
        + @"|[-+]?0b[01_]+|[-+]?0[0-7_]+|[-+]?(0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?0o[0-7]+|[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+"
        + @"|[-+]?([0-9][0-9_]*\.[0-9_]*|\.[0-9_]+)([eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*([eE][-+]?[0-9]+)|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)"
        + @"|[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(\.[0-9]*)?([ \t]*(Z|[-+][0-9]{1,2}(:[0-9]{2})?))?)$")]
    private static partial Regex Yaml11NonString();
}
