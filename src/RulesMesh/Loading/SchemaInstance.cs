using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Newtonsoft.Json.Linq;

namespace RulesMesh.Loading;

/// <summary>
/// A manifest as NJsonSchema validates it: a Newtonsoft token tree built straight from the parsed JSON, never from
/// text, with no depth limit of its own (the loader has bounded the depth already, <see cref="LoaderLimits.MaxDepth"/>).
/// Explicit nulls in objects are left out: Kubernetes reads them as "not set", and OpenAPI's nullable has no JSON Schema
/// equivalent. Numbers keep the types Newtonsoft's reader gives them: integers as integers, however large, others as doubles.
/// </summary>
internal static class SchemaInstance
{
    public static JToken From(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JObject();
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Value.ValueKind != JsonValueKind.Null)
                    {
                        obj.Add(property.Name, From(property.Value));
                    }
                }

                return obj;
            case JsonValueKind.Array:
                var array = new JArray();
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(From(item));
                }

                return array;
            case JsonValueKind.String:
                return new JValue(element.GetString());
            case JsonValueKind.Number:
                return Number(element);
            case JsonValueKind.True:
                return new JValue(true);
            case JsonValueKind.False:
                return new JValue(false);
            default:
                return JValue.CreateNull();
        }
    }

    private static JValue Number(JsonElement element)
    {
        if (element.TryGetInt64(out var integer))
        {
            return new JValue(integer);
        }

        var text = element.GetRawText();
        return text.AsSpan().IndexOfAny('.', 'e', 'E') < 0
            ? new JValue(BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture))
            : new JValue(element.GetDouble());
    }
}
