using System.Text.Json.Nodes;

namespace RulesMesh.Tests.Loading.CelLanguage;

/// <summary>
/// Random JSON shaped by a CRD schema node, from a seed, of the types the schema declares (CEL rules run only on values
/// that pass the structural schema): required properties present, the others present, absent or null; enum values and
/// strings the rules test for (paths, durations, quantities, addresses, kinds); lists with repeated items.
/// </summary>
internal sealed class SchemaShapedJson(int seed)
{
    private static readonly string[] Strings =
    [
        "", "a", "b", "*", "Exact", "PathPrefix", "RegularExpression", "/", "/a", "//", "/a/../b", "/a/./b", "/a/.", "a#b", "/a%2Fb", "/a%2fb",
        "unix://", "unix:///x", "unix://@x", "unix://x/", "Service", "Backend", "gateway.kgateway.dev", "", "Hostname", "IPAddress", "URI",
        "HTTPS", "TLS", "HTTP", "TCP", "UDP", "Terminate", "Passthrough", "1ms", "0s", "10s", "5m", "1h30m", "10us", "soon", "-1s", "2h45m30s",
        "1.5ns", "64Ki", "1G", "1000M", "100m", "12 apples", "65534", "65535", "10.0.0.1", "10.0.0.01", "2001:db8::1", "example.com",
        "*.example.com", "a-b", "a_b", "CORS", "URLRewrite", "RequestRedirect", "ReplacePrefixMatch", "ReplaceFullPath", "STATIC", "NONE",
        "DNS_ROUND_ROBIN", "1.5", "-2", "0.0", ".5", "x/y", "ns", "pkg.Service", "Method_1", "1bad", "\U0001F600ab", new string('k', 70),
        "app.kubernetes.io/name", "RequestHeaderModifier", "ResponseHeaderModifier", "RequestMirror", "ExtensionRef",
    ];

    private static readonly long[] Integers = [0, 1, -1, 2, 3, 7, 8, 15, 16, 80, 443, 65534, 65535, 65536, 2147483647, 1048576, long.MaxValue];

    private static readonly string[] MapKeys = ["a", "b", "k", "app.kubernetes.io/name", "x-y", "a__b", "namespace", "*", ""];

    private readonly Random random = new(seed);

    /// <summary>A value for <paramref name="schema"/>, never null at the top.</summary>
    public JsonNode Value(JsonObject schema) => Node(schema, 0) ?? Node(schema, 0) ?? JsonValue.Create("a");

    /// <summary>A copy of <paramref name="value"/> (of <paramref name="schema"/>) with one random change deep inside.</summary>
    public JsonNode Mutate(JsonObject schema, JsonNode value)
    {
        var copy = value.DeepClone();
        Change(schema, copy);
        return copy;
    }

    private void Change(JsonObject schema, JsonNode value)
    {
        switch (value)
        {
            case JsonObject obj when obj.Count > 0:
                var (name, child) = obj.ElementAt(random.Next(obj.Count));
                var childSchema = (schema["properties"]?[name] ?? schema["additionalProperties"]) as JsonObject ?? [];
                switch (random.Next(4))
                {
                    case 0 when !IsRequired(schema, name): obj.Remove(name); break;
                    case 0 or 1: obj[name] = Node(childSchema, 2); break;
                    default:
                        if (child is null)
                        {
                            obj[name] = Node(childSchema, 2);
                        }
                        else
                        {
                            Change(childSchema, child);
                        }

                        break;
                }

                break;
            case JsonArray array when array.Count > 0:
                var index = random.Next(array.Count);
                var itemSchema = schema["items"] as JsonObject ?? [];
                switch (random.Next(4))
                {
                    case 0: array.RemoveAt(index); break;
                    case 1: array.Add(array[index]?.DeepClone()); break;
                    default:
                        if (array[index] is { } item)
                        {
                            Change(itemSchema, item);
                        }

                        break;
                }

                break;
            case JsonObject obj:
                if (Node(schema, 1) is JsonObject fresh)
                {
                    foreach (var (freshName, freshChild) in fresh.ToList())
                    {
                        fresh.Remove(freshName);
                        obj[freshName] = freshChild;
                    }
                }

                break;
        }
    }

    private static bool IsRequired(JsonObject schema, string name)
        => (schema["required"] as JsonArray ?? []).Any(required => (string?)required == name);

    private JsonNode? Node(JsonObject schema, int depth)
    {
        if (schema["enum"] is JsonArray values && values.Count > 0)
        {
            return values[random.Next(values.Count)]?.DeepClone();
        }

        if (schema["x-kubernetes-int-or-string"] is JsonValue)
        {
            return random.Next(2) == 0 ? JsonValue.Create(Integers[random.Next(Integers.Length)]) : JsonValue.Create(Strings[random.Next(Strings.Length)]);
        }

        return (string?)schema["type"] switch
        {
            "object" => Object(schema, depth),
            "array" => Array(schema, depth),
            "string" => JsonValue.Create(Strings[random.Next(Strings.Length)]),
            "integer" => JsonValue.Create(Integers[random.Next(Integers.Length)]),
            "number" => random.Next(2) == 0 ? JsonValue.Create(Integers[random.Next(Integers.Length)]) : JsonValue.Create(random.Next(-4, 12) / 4.0),
            "boolean" => JsonValue.Create(random.Next(2) == 0),
            _ => AnyScalar(),
        };
    }

    private JsonObject Object(JsonObject schema, int depth)
    {
        // Deep down only the required properties, so values stay finite and still pass the structural schema.
        var obj = new JsonObject();
        foreach (var (name, propertySchema) in schema["properties"] as JsonObject ?? [])
        {
            switch (IsRequired(schema, name) && depth < 12 ? 0 : depth > 6 ? 20 : random.Next(20))
            {
                case < 10:
                    obj[name] = Node(propertySchema as JsonObject ?? [], depth + 1);
                    break;
                case 10:
                    obj[name] = null;
                    break;
            }
        }

        if (schema["additionalProperties"] is JsonObject valueSchema && depth <= 6)
        {
            for (var count = random.Next(4); count > 0; count--)
            {
                obj[MapKeys[random.Next(MapKeys.Length)]] = Node(valueSchema, depth + 1);
            }
        }

        return obj;
    }

    private JsonArray Array(JsonObject schema, int depth)
    {
        var array = new JsonArray();
        if (depth > 6)
        {
            return array;
        }

        var itemSchema = schema["items"] as JsonObject ?? [];
        for (var count = random.Next(5); count > 0; count--)
        {
            array.Add(array.Count > 0 && random.Next(3) == 0 ? array[random.Next(array.Count)]?.DeepClone() : Node(itemSchema, depth + 1));
        }

        return array;
    }

    private JsonNode AnyScalar() => random.Next(4) switch
    {
        0 => JsonValue.Create(Strings[random.Next(Strings.Length)]),
        1 => JsonValue.Create(Integers[random.Next(Integers.Length)]),
        2 => JsonValue.Create(random.Next(2) == 0),
        _ => new JsonObject(),
    };
}
