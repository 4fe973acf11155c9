using System.Text.Json.Nodes;

namespace RulesMesh.Tests.Loading.Schema;

/// <summary>
/// Random manifests shaped from a CRD schema, mostly close to valid and sometimes broken where schemas draw their lines:
/// values of the wrong type, missing required fields, undeclared fields, numbers and lengths at and beyond their bounds,
/// values outside an enum, strings that miss a pattern or format, several or none of a oneOf's fields, nulls in lists.
/// </summary>
internal sealed class SchemaShapedDocuments(Random random)
{
    private static readonly string[] Strings =
    [
        "", "a", "web", "Web", "web-1", "-web", "web.shop.svc.cluster.local", "*.example.com", "example.com", "10.0.0.1",
        "10.0.0.0/8", "::1", "fe80::1%eth0", "256.1.1.1", "2024-01-01T00:00:00Z", "2024-13-01", "/", "/api", "api",
        "GET", "HTTP", "TLS", "https", "80", "1.5", "true", "STRICT", "Exact", "PathPrefix", "RegularExpression",
        "gateway.networking.k8s.io", "HTTPRoute", "Service", "1s", "10ms", "é😀", new string('x', 64), new string('y', 254),
        new string('z', 300), "a b", "A_B", "ns/name", "spiffe://cluster.local/ns/a/sa/b",
    ];

    /// <summary>A document of <paramref name="apiVersion"/> and <paramref name="kind"/> shaped from <paramref name="schema"/>.</summary>
    public JsonObject Document(string apiVersion, string kind, JsonObject schema)
    {
        var document = Value(schema, depth: 0) as JsonObject ?? [];
        document["apiVersion"] = apiVersion;
        document["kind"] = kind;
        document["metadata"] = new JsonObject { ["name"] = "n", ["namespace"] = "ns" };
        return document;
    }

    /// <summary><paramref name="document"/> with one value somewhere in it replaced, removed or joined by an undeclared one.</summary>
    public JsonNode Mutate(JsonNode document)
    {
        var copy = document.DeepClone();
        var containers = new List<JsonNode>();
        Containers(copy, containers);
        var target = containers[random.Next(containers.Count)];
        switch (target)
        {
            case JsonObject obj when obj.Count > 0 && random.Next(3) > 0:
                var name = obj.ElementAt(random.Next(obj.Count)).Key;
                if (random.Next(3) == 0)
                {
                    obj.Remove(name);
                }
                else
                {
                    obj[name] = Wrong();
                }

                break;
            case JsonObject obj:
                obj["undeclaredField"] = Wrong();
                break;
            case JsonArray list when list.Count > 0 && random.Next(2) == 0:
                list[random.Next(list.Count)] = Wrong();
                break;
            case JsonArray list:
                list.Add(list.Count > 0 && random.Next(2) == 0 ? list[0]?.DeepClone() : Wrong());
                break;
        }

        return copy;
    }

    private static void Containers(JsonNode? node, List<JsonNode> containers)
    {
        switch (node)
        {
            case JsonObject obj:
                containers.Add(obj);
                foreach (var (_, child) in obj)
                {
                    Containers(child, containers);
                }

                break;
            case JsonArray list:
                containers.Add(list);
                foreach (var child in list)
                {
                    Containers(child, containers);
                }

                break;
        }
    }

    private JsonNode? Value(JsonObject schema, int depth)
    {
        if (random.Next(40) == 0 || depth > 12)
        {
            return Wrong();
        }

        if (schema["enum"] is JsonArray allowed && allowed.Count > 0 && random.Next(10) > 0)
        {
            return allowed[random.Next(allowed.Count)]?.DeepClone();
        }

        if ((schema["oneOf"] ?? schema["anyOf"]) is JsonArray branches && schema["type"] is null && random.Next(2) == 0)
        {
            var branch = branches[random.Next(branches.Count)]!.AsObject();
            return branch["type"] is null ? Value(Merge(schema, branch), depth) : Value(branch, depth);
        }

        if (schema["x-kubernetes-int-or-string"]?.GetValue<bool>() == true)
        {
            return random.Next(2) == 0 ? Integer(schema) : String(schema);
        }

        return (string?)schema["type"] switch
        {
            "object" => Object(schema, depth),
            "array" => List(schema, depth),
            "string" => String(schema),
            "integer" => Integer(schema),
            "number" => random.Next(3) == 0 ? Integer(schema) : JsonValue.Create(random.NextDouble() * 200 - 50),
            "boolean" => (JsonNode)(random.Next(2) == 0),
            _ => Wrong(),
        };
    }

    // A oneOf/anyOf branch that only lists required fields or properties, read with its parent's declarations.
    private static JsonObject Merge(JsonObject parent, JsonObject branch)
    {
        var merged = parent.DeepClone().AsObject();
        merged.Remove("oneOf");
        merged.Remove("anyOf");
        if (branch["required"] is JsonArray required)
        {
            merged["required"] = required.DeepClone();
        }

        merged["type"] ??= "object";
        return merged;
    }

    private JsonObject Object(JsonObject schema, int depth)
    {
        var obj = new JsonObject();
        var required = (schema["required"] as JsonArray)?.Select(name => (string?)name).ToHashSet() ?? [];
        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (name, property) in properties)
            {
                var include = required.Contains(name) ? random.Next(25) > 0 : random.Next(3) == 0;
                if (include && property is JsonObject propertySchema)
                {
                    obj[name] = Value(propertySchema, depth + 1);
                }
            }
        }

        if (schema["additionalProperties"] is JsonObject additional)
        {
            for (var i = random.Next(4); i > 0; i--)
            {
                obj["key" + i] = Value(additional, depth + 1);
            }
        }

        if (random.Next(30) == 0)
        {
            obj["undeclaredField"] = "x";
        }

        return obj;
    }

    private JsonArray List(JsonObject schema, int depth)
    {
        var max = (int?)schema["maxItems"];
        var count = random.Next(8) switch
        {
            0 => 0,
            1 when max is not null => max.Value + (random.Next(2) == 0 ? 0 : 1),
            _ => random.Next(1, 4),
        };

        var list = new JsonArray();
        for (var i = 0; i < Math.Min(count, 20); i++)
        {
            list.Add(schema["items"] is JsonObject items ? Value(items, depth + 1) : Wrong());
        }

        return list;
    }

    private JsonNode String(JsonObject schema)
    {
        if (random.Next(6) == 0 && ((int?)schema["maxLength"] ?? (int?)schema["minLength"]) is { } bound)
        {
            return new string('a', Math.Max(0, bound + random.Next(-1, 2)));
        }

        return Strings[random.Next(Strings.Length)];
    }

    private JsonNode Integer(JsonObject schema)
    {
        var minimum = (long?)(double?)schema["minimum"];
        var maximum = (long?)(double?)schema["maximum"];
        return random.Next(9) switch
        {
            0 when minimum is not null => JsonValue.Create(minimum.Value + random.Next(-1, 2)),
            1 when maximum is not null => JsonValue.Create(maximum.Value + random.Next(-1, 2)),
            2 => random.Next(4) switch { 0 => JsonValue.Create(1.5), 1 => JsonValue.Create(1e300), 2 => JsonValue.Create(-0.5), _ => JsonValue.Create(2147483648L) },
            3 => JsonValue.Create(65536),
            _ => JsonValue.Create(random.Next(-2, 70000)),
        };
    }

    private JsonNode? Wrong() => random.Next(11) switch
    {
        0 => JsonValue.Create("wrong"),
        1 => JsonValue.Create(7),
        2 => JsonValue.Create(-1),
        3 => JsonValue.Create(2.5),
        4 => JsonValue.Create(true),
        5 => new JsonArray("a", 1),
        6 => new JsonObject { ["unexpected"] = 1 },
        7 => null,
        8 => new JsonArray(),
        9 => new JsonObject(),
        _ => JsonValue.Create(9007199254740993.0),
    };
}
