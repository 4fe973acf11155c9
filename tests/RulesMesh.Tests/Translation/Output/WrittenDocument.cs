using System.Text;
using System.Text.Json;
using RulesMesh.Translation.Output;

namespace RulesMesh.Tests.Translation.Output;

/// <summary>What <c>translate</c> must write: the whole document as one JSON tree (<see cref="XdsDocument.ToJson"/>, each resource <c>EnvoyJson.Format</c>'s text parsed again), indented, and that tree's YAML.</summary>
internal static class WrittenDocument
{
    /// <summary>Asserts that the streamed JSON and YAML of <paramref name="snapshot"/> are exactly the whole tree's text.</summary>
    public static void AssertIsTheWholeTreesText(XdsSnapshot snapshot)
    {
        var tree = XdsDocument.ToJson(snapshot);
        using var json = new MemoryStream();
        XdsDocument.WriteJson(snapshot, json);
        using var yaml = new MemoryStream();
        XdsDocument.WriteYaml(snapshot, yaml);

        Assert.Equal(tree.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine, Encoding.UTF8.GetString(json.ToArray()));
        Assert.Equal(JsonYamlWriter.Write(tree), Encoding.UTF8.GetString(yaml.ToArray()));
    }
}
