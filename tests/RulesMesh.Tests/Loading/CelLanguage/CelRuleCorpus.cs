using System.Text.Json.Nodes;
using RulesMesh.Loading;
using RulesMesh.Models;
using RulesMesh.Modeling;
using RulesMesh.Tests.Support;

namespace RulesMesh.Tests.Loading.CelLanguage;

/// <summary>
/// The CEL rules of the bundled schemas, each with the schema node that carries it, and the values real documents
/// (samples/ and the kgateway conformance manifests) give those nodes.
/// </summary>
internal static class CelRuleCorpus
{
    /// <summary>A rule and the schema node it sits on.</summary>
    public sealed record RuleSite(string Kind, string Path, JsonObject Node, JsonObject Definition)
    {
        public string Expression => (string)Definition["rule"]!;

        public override string ToString() => $"{Kind} {Path}: {Expression}";
    }

    // Each bundled kind version's schema, parsed once: rule sites and real values share its nodes.
    private static readonly IReadOnlyDictionary<ModelDescriptor, JsonObject> Schemas = GeneratedModels.All
        .Where(model => model.SchemaJson is not null)
        .ToDictionary(model => model, model => JsonNode.Parse(model.SchemaJson!)!.AsObject());

    /// <summary>Every rule of every bundled schema, transition rules (oldSelf) excluded.</summary>
    public static IReadOnlyList<RuleSite> Rules { get; } = Schemas
        .SelectMany(pair => Sites($"{pair.Key.ApiVersion} {pair.Key.Kind}", string.Empty, pair.Value))
        .Where(site => !site.Expression.Contains("oldSelf", StringComparison.Ordinal))
        .ToList();

    /// <summary>For each rule node, the values real documents give it.</summary>
    public static IReadOnlyList<(JsonObject Node, JsonNode Value)> RealValues()
    {
        var files = Directory.EnumerateFiles(RepositoryPaths.Samples, "*.yaml", SearchOption.AllDirectories)
            .Concat(Directory.Exists(RepositoryPaths.KgatewayConformance) ? Directory.EnumerateFiles(RepositoryPaths.KgatewayConformance, "*.yaml", SearchOption.AllDirectories) : []);
        var values = new List<(JsonObject, JsonNode)>();
        foreach (var file in files)
        {
            foreach (var document in ManifestReader.Read(File.ReadAllText(file), file).Documents)
            {
                if (document.Json is JsonObject manifest && Model(manifest) is { } model && Schemas.TryGetValue(model, out var schema))
                {
                    Collect(schema, manifest, values);
                }
            }
        }

        return values;
    }

    private static ModelDescriptor? Model(JsonObject manifest)
        => GeneratedModels.All.FirstOrDefault(m => m.ApiVersion == (string?)manifest["apiVersion"] && m.Kind == (string?)manifest["kind"]);

    private static void Collect(JsonObject schema, JsonNode? value, List<(JsonObject, JsonNode)> values)
    {
        if (value is null)
        {
            return;
        }

        if (schema["x-kubernetes-validations"] is JsonArray)
        {
            values.Add((schema, value));
        }

        switch (value)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    if ((schema["properties"]?[name] ?? schema["additionalProperties"]) is JsonObject childSchema)
                    {
                        Collect(childSchema, child, values);
                    }
                }

                break;
            case JsonArray array when schema["items"] is JsonObject itemSchema:
                foreach (var item in array)
                {
                    Collect(itemSchema, item, values);
                }

                break;
        }
    }

    private static IEnumerable<RuleSite> Sites(string kind, string path, JsonObject schema)
    {
        foreach (var definition in (schema["x-kubernetes-validations"] as JsonArray ?? []).OfType<JsonObject>())
        {
            yield return new RuleSite(kind, path.Length == 0 ? "(root)" : path, schema, definition);
        }

        foreach (var (name, child) in schema["properties"] as JsonObject ?? [])
        {
            if (child is JsonObject childSchema)
            {
                foreach (var site in Sites(kind, path + "." + name, childSchema))
                {
                    yield return site;
                }
            }
        }

        foreach (var key in (string[])["items", "additionalProperties"])
        {
            if (schema[key] is JsonObject childSchema)
            {
                foreach (var site in Sites(kind, path + "[*]", childSchema))
                {
                    yield return site;
                }
            }
        }
    }
}
