using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using RulesMesh.Loading;

namespace RulesMesh.Tests.Support;

/// <summary>
/// Compares JSON trees by meaning rather than text: objects by their members whatever the order,
/// arrays item by item, numbers by value. A member set to null counts as absent, because Kubernetes
/// reads an explicit null like a missing field and the typed models omit nulls when writing.
/// </summary>
internal static class JsonTreeComparer
{
    /// <summary>Null when the trees are equal, otherwise where and how they first differ.</summary>
    public static string? FirstDifference(JsonNode? expected, JsonNode? actual) => Compare(expected, actual, FieldPath.Root);

    private static string? Compare(JsonNode? expected, JsonNode? actual, string path)
    {
        var expectedKind = KindOf(expected);
        var actualKind = KindOf(actual);
        if (expectedKind != actualKind)
        {
            return Describe(path, expected, actual);
        }

        return expectedKind switch
        {
            JsonValueKind.Object => CompareObjects(expected!.AsObject(), actual!.AsObject(), path),
            JsonValueKind.Array => CompareArrays(expected!.AsArray(), actual!.AsArray(), path),
            JsonValueKind.Number => NumbersEqual(expected!, actual!) ? null : Describe(path, expected, actual),
            JsonValueKind.String => (string?)expected == (string?)actual ? null : Describe(path, expected, actual),
            _ => null,
        };
    }

    private static string? CompareObjects(JsonObject expected, JsonObject actual, string path)
    {
        var names = expected.Where(static member => member.Value is not null).Select(static member => member.Key)
            .Union(actual.Where(static member => member.Value is not null).Select(static member => member.Key))
            .Order(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (Compare(expected[name], actual[name], FieldPath.Property(path, name)) is { } difference)
            {
                return difference;
            }
        }

        return null;
    }

    private static string? CompareArrays(JsonArray expected, JsonArray actual, string path)
    {
        for (var i = 0; i < Math.Min(expected.Count, actual.Count); i++)
        {
            if (Compare(expected[i], actual[i], FieldPath.Index(path, i)) is { } difference)
            {
                return difference;
            }
        }

        return expected.Count == actual.Count
            ? null
            : $"at {Display(path)}: expected {expected.Count} items, found {actual.Count}";
    }

    private static bool NumbersEqual(JsonNode expected, JsonNode actual)
    {
        var expectedText = expected.ToJsonString();
        var actualText = actual.ToJsonString();
        if (decimal.TryParse(expectedText, NumberStyles.Float, CultureInfo.InvariantCulture, out var expectedDecimal)
            && decimal.TryParse(actualText, NumberStyles.Float, CultureInfo.InvariantCulture, out var actualDecimal))
        {
            return expectedDecimal == actualDecimal;
        }

        // Beyond decimal's range both sides were doubles to begin with.
        return double.Parse(expectedText, NumberStyles.Float, CultureInfo.InvariantCulture)
               == double.Parse(actualText, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static JsonValueKind KindOf(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;

    private static string Describe(string path, JsonNode? expected, JsonNode? actual)
        => $"at {Display(path)}: expected {Show(expected)}, found {Show(actual)}";

    private static string Show(JsonNode? node) => node is null ? "nothing" : Shorten(node.ToJsonString());

    private static string Shorten(string json) => json.Length <= 120 ? json : json[..117] + "...";

    private static string Display(string path) => path.Length == 0 ? "the document root" : path;
}
